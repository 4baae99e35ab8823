// render/pdf_writer: the serialisation of the finished object graph. qpdf reads what it writes
// back to the same values (checked object by object, with qpdf --check as the outside reader), the
// layout is the promised one (streams as objects, everything else in object streams of at most
// 100, a cross-reference stream), and writing what qpdf read back gives the same bytes again.
#include "render/pdf_writer.hpp"

#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>

using namespace kansli;
using OH = QPDFObjectHandle;

namespace {

const std::string kContent = "BT /F1 12 Tf 72 720 Td (Protokoll) Tj ET\n";
const std::string kXmp =
    "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta "
    "xmlns:x=\"adobe:ns:meta/\"/><?xpacket end=\"w\"?>";

/// A small document with what the renderer's graphs hold, and the cases the writer decides on.
struct Sample {
    QPDF pdf;
    OH page, unreachable;
    Sample() {
        pdf.emptyPDF();
        OH root = pdf.getRoot();
        page = pdf.makeIndirectObject(OH::parse("<< /Type /Page /MediaBox [0 0 595.276 841.89] >>"));
        OH pages = root.getKey("/Pages");
        pages.replaceKey("/Kids", OH::newArray({page}));
        pages.replaceKey("/Count", OH::newInteger(1));
        page.replaceKey("/Parent", pages);
        page.replaceKey("/Contents", OH::newStream(&pdf, kContent));  // uncompressed: compressed on write
        // An indirect /Length (as attachments may have): written direct, the object left out.
        page.getKey("/Contents").getDict().replaceKey("/Length", pdf.makeIndirectObject(OH::newInteger(12345)));
        OH xmp = OH::newStream(&pdf, kXmp);
        xmp.getDict().replaceKey("/Type", OH::newName("/Metadata"));
        xmp.getDict().replaceKey("/Subtype", OH::newName("/XML"));
        root.replaceKey("/Metadata", xmp);  // XMP stays plain text
        // 250 small objects: three object streams (100, 100, 50).
        std::vector<OH> items;
        for (int i = 0; i < 250; ++i) {
            items.push_back(pdf.makeIndirectObject(
                OH::parse("<< /S /P /K " + std::to_string(i) + " /Alt (n\\344r " + std::to_string(i) + ") >>")));
        }
        OH odd = OH::newDictionary();
        odd.replaceKey("/A B#(", OH::newName("/C D"));  // delimiters and a space in names
        odd.replaceKey("/Hash", OH::parse("/A#23B"));   // a '#' in a name value (qpdf's own unparse loses it)
        odd.replaceKey("/Bin", OH::newString(std::string("\x00\xff\x01(", 4)));  // binary string
        odd.replaceKey("/Real", OH::parse("0.5"));
        odd.replaceKey("/Missing", pdf.getObjectByID(999, 0));  // no such object: left out
        odd.replaceKey("/Nested", OH::parse("[[1 [2 [3]]] << /K [true false null] >>]"));
        odd.replaceKey("/List", OH::newArray(items));
        odd.getKey("/List").appendItem(pdf.getObjectByID(998, 0));  // no such object: written as null
        root.replaceKey("/KansliTest", pdf.makeIndirectObject(odd));
        unreachable = pdf.makeIndirectObject(OH::parse("<< /Orphan true >>"));
        pdf.getTrailer().replaceKey("/Info", pdf.makeIndirectObject(OH::parse("<< /Title (T) >>")));
    }
};

std::string as_string(const core::Bytes& b) { return {b.begin(), b.end()}; }

/// `bytes` parsed by qpdf, which reads them in place: they must outlive the result.
std::unique_ptr<QPDF> read_back(const std::string& bytes) {
    auto q = std::make_unique<QPDF>();
    q->setSuppressWarnings(true);
    q->setAttemptRecovery(false);
    q->processMemoryFile("written", bytes.data(), bytes.size());
    return q;
}

std::string raw(OH stream) {
    auto b = stream.getRawStreamData();
    return {reinterpret_cast<const char*>(b->getBuffer()), b->getSize()};
}

std::string decoded(OH stream) {
    auto b = stream.getStreamData(qpdf_dl_generalized);
    return {reinterpret_cast<const char*>(b->getBuffer()), b->getSize()};
}

}  // namespace

TEST_CASE("pdf_writer: what qpdf reads back is the graph that was written") {
    Sample s;
    const std::string out = as_string(render::write_pdf(s.pdf));
    REQUIRE(out.rfind("%PDF-1.", 0) == 0);
    CHECK(out.substr(9, 6) == "%\xbf\xf7\xa2\xfe\n");  // ISO 19005-2 6.1.2: a binary comment
    CHECK(out.size() - out.rfind("%%EOF") == 6);
    auto q = read_back(out);
    CHECK_FALSE(q->anyWarnings());

    OH root = q->getRoot();
    OH page = q->getAllPages().at(0);
    CHECK(page.getKey("/MediaBox").unparse() == "[ 0 0 595.276 841.89 ]");
    CHECK(page.getKey("/Parent").getObjGen() == root.getKey("/Pages").getObjGen());
    OH contents = page.getKey("/Contents");
    CHECK(contents.getDict().getKey("/Filter").isNameAndEquals("/FlateDecode"));
    CHECK(decoded(contents) == kContent);
    OH xmp = root.getKey("/Metadata");
    CHECK_FALSE(xmp.getDict().hasKey("/Filter"));
    CHECK(raw(xmp) == kXmp);

    OH odd = root.getKey("/KansliTest");
    CHECK(odd.getKey("/A B#(").isNameAndEquals("/C D"));
    CHECK(odd.getKey("/Hash").isNameAndEquals("/A#B"));
    CHECK(odd.getKey("/Bin").getStringValue() == std::string("\x00\xff\x01(", 4));
    CHECK(odd.getKey("/Real").unparse() == "0.5");
    CHECK_FALSE(odd.hasKey("/Missing"));
    CHECK(odd.getKey("/Nested").unparse() == "[ [ 1 [ 2 [ 3 ] ] ] << /K [ true false null ] >> ]");
    OH list = odd.getKey("/List");
    REQUIRE(list.getArrayNItems() == 251);
    CHECK(list.getArrayItem(250).isNull());
    CHECK_FALSE(list.getArrayItem(250).isIndirect());
    for (int i = 0; i < 250; ++i) {
        OH item = list.getArrayItem(i);
        CHECK(item.isIndirect());
        CHECK(item.getKey("/K").getIntValue() == i);
        CHECK(item.getKey("/Alt").getStringValue() == "n\xe4r " + std::to_string(i));
    }
    CHECK(q->getTrailer().getKey("/Info").getKey("/Title").getStringValue() == "T");
    CHECK(q->getTrailer().getKey("/ID").unparse() ==
          "[ <00000000000000000000000000000000> <00000000000000000000000000000000> ]");

    // Layout: every object reachable, once; streams at offsets, the rest in object streams of at
    // most 100 (the orphan is gone).
    std::map<int, int> per_stream;
    int streams = 0, in_streams = 0;
    for (const auto& [og, e] : q->getXRefTable()) {
        CHECK(og.getGen() == 0);
        if (e.getType() == 2) {
            ++in_streams;
            ++per_stream[e.getObjStreamNumber()];
            CHECK_FALSE(q->getObjectByObjGen(og).isStream());
        } else if (e.getType() == 1) {
            ++streams;
            CHECK(q->getObjectByObjGen(og).isStream());
        }
    }
    // catalog, pages, page, info, the odd dictionary, 250 items; contents, XMP, 3 object streams, the xref
    CHECK(in_streams == 255);
    CHECK(streams == 2 + 3 + 1);
    REQUIRE(per_stream.size() == 3);
    for (const auto& [n, count] : per_stream) CHECK(count <= render::kObjectsPerStream);
    CHECK(q->getObjectCount() == 255 + 6);
    CHECK(out.find("/Orphan") == std::string::npos);
    CHECK(out.find("12345") == std::string::npos);  // the indirect /Length was not written

    // qpdf --check, an outside reader, finds nothing wrong.
    const std::string path = test::temp_dir("pdf_writer") + "/sample.pdf";
    std::ofstream(path, std::ios::binary) << out;
    const auto check = test::run({"qpdf", "--check", path});
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("No syntax or stream encoding errors found") != std::string::npos);
}

TEST_CASE("pdf_writer: the same graph gives the same bytes, and so does what qpdf read back") {
    Sample a, b;
    const core::Bytes first = render::write_pdf(a.pdf);
    CHECK(render::write_pdf(b.pdf) == first);
    CHECK(render::write_pdf(a.pdf) == first);
    const std::string text = as_string(first);  // qpdf reads it in place
    auto q = read_back(text);
    CHECK(render::write_pdf(*q) == first);  // renumbered already: a fixed point
}

TEST_CASE("pdf_writer: refuses what it cannot write, with an exception and no output") {
    SECTION("nesting beyond the limit") {
        Sample s;
        OH deep = OH::newArray();
        for (int i = 0; i < render::kMaxWriteNesting + 5; ++i) deep = OH::newArray({deep});
        s.pdf.getRoot().replaceKey("/Deep", deep);
        CHECK_THROWS_AS(render::write_pdf(s.pdf), std::exception);
    }
    SECTION("a stream whose data cannot be read") {
        struct Failing : QPDFObjectHandle::StreamDataProvider {
            void provideStreamData(QPDFObjGen const&, Pipeline*) override {
                throw std::runtime_error("damaged stream");
            }
        };
        Sample s;
        OH broken = OH::newStream(&s.pdf);
        broken.replaceStreamData(std::make_shared<Failing>(), OH::newNull(), OH::newNull());
        s.page.replaceKey("/Contents", broken);
        CHECK_THROWS_WITH(render::write_pdf(s.pdf), Catch::Contains("damaged stream"));
    }
    SECTION("no catalog") {
        QPDF empty;
        empty.emptyPDF();
        empty.getTrailer().replaceKey("/Root", OH::newNull());
        CHECK_THROWS_AS(render::write_pdf(empty), std::exception);
    }
}
