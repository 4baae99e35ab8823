// Doc::read_recurring (inspect/doc.hpp): the per-thread memo of decoded streams that recur from
// file to file (font programs, ICC profiles) gives what decoding gives. Streams share raw bytes but
// differ in /Filter or /DecodeParms (direct or by reference), in two files read one after the
// other on one thread; each read through the memo must equal read().
#include "inspect/doc.hpp"

#include <catch2/catch.hpp>

#include <qpdf/Pl_Flate.hh>
#include <qpdf/Pl_String.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <string>
#include <vector>

using namespace kansli;
using OH = QPDFObjectHandle;

namespace {

std::string deflate(const std::string& data) {
    std::string out;
    Pl_String sink("out", nullptr, out);
    Pl_Flate z("z", &sink, Pl_Flate::a_deflate);
    z.write(reinterpret_cast<const unsigned char*>(data.data()), data.size());
    z.finish();
    return out;
}

/// A one-page PDF whose catalog's /KTest lists streams of the same raw bytes `raw`, with the
/// filters and parameters of `dicts` (each "<< ... >>" merged into the stream dictionary); with
/// `parms_ref` the parameters dictionary /Predictor 12 is also an indirect object (/KParms).
std::string pdf_with(const std::string& raw, const std::vector<std::string>& dicts, bool shuffle) {
    QPDF q;
    q.emptyPDF();
    OH page = q.makeIndirectObject(OH::parse("<< /Type /Page /MediaBox [0 0 200 200] /Resources << >> >>"));
    QPDFPageDocumentHelper(q).addPage(page, false);
    OH parms = q.makeIndirectObject(OH::parse("<< /Predictor 12 /Columns 4 >>"));
    if (shuffle) q.makeIndirectObject(OH::parse("(another object first)"));
    OH list = OH::newArray();
    for (const auto& d : dicts) {
        OH s = OH::newStream(&q);
        OH extra = OH::parse(d);
        OH p = extra.getKey("/DecodeParms");
        if (p.isName() && p.getName() == "/Ref") p = parms;
        s.replaceStreamData(raw, extra.getKey("/Filter"), p);
        list.appendItem(s);
    }
    q.getRoot().replaceKey("/KTest", list);
    QPDFWriter w(q);
    w.setOutputMemory();
    w.setCompressStreams(false);
    w.setDecodeLevel(qpdf_dl_none);
    w.write();
    auto b = w.getBufferSharedPointer();
    return {reinterpret_cast<const char*>(b->getBuffer()), b->getSize()};
}

}  // namespace

TEST_CASE("inspect: decoded streams from the memo equal what decoding gives") {
    std::string rows;  // PNG rows of 4 bytes, each with filter type 0 (None)
    for (int i = 0; i < 64; ++i) rows += std::string("\0abcd", 5);
    const std::string raw = deflate(rows);
    const std::vector<std::string> dicts = {"<< /Filter /FlateDecode >>", "<< /Filter [ /FlateDecode ] >>",
                                            "<< /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> >>",
                                            "<< /Filter /FlateDecode /DecodeParms /Ref >>",
                                            "<< /Filter /ASCIIHexDecode >>"};
    for (const bool second : {false, true}) {
        const std::string file = pdf_with(raw, dicts, second);
        const std::span<const std::uint8_t> bytes(reinterpret_cast<const std::uint8_t*>(file.data()), file.size());
        inspect::Doc d(bytes);
        OH list = d.pdf().getRoot().getKey("/KTest");
        REQUIRE(list.getArrayNItems() == 5);
        std::vector<std::string> got;
        for (int i = 0; i < 4; ++i) {
            const std::string m = d.read_recurring(list.getArrayItem(i));
            CHECK(m == d.read(list.getArrayItem(i)));
            got.push_back(m);
        }
        CHECK(got[0] == rows);
        CHECK(got[1] == rows);
        CHECK(got[2].size() == 256);  // the predictor's rows without their filter bytes
        CHECK(got[2].substr(0, 8) == "abcdabcd");
        CHECK(got[3] == got[2]);
        // Raw bytes that are not hex: decoding fails, through the memo as without it.
        CHECK_THROWS(d.read(list.getArrayItem(4)));
        CHECK_THROWS(d.read_recurring(list.getArrayItem(4)));
    }
}
