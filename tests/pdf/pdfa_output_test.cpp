// What the PDF/A profile adds to a built file, written small (issue 11, Cost): the output intent's
// ICC profile deflated after a PNG predictor, one empty appearance shared by the signature widgets
// of one size (and signing one of them leaves the others' alone), the XMP identification in one
// rdf:Description. Checked on the example protokoll, with qpdf decoding and outside tools.
#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

using namespace kansli;
namespace fs = std::filesystem;
using OH = QPDFObjectHandle;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace pdfa_output_test {

namespace {

const std::string kDate = "2023-02-24T13:00:00Z";

std::string protokoll() {
    static const std::string pdf = [] {
        const std::string dir = test::temp_dir("pdfa-output");
        fs::copy(test::source("templates/examples"), dir, fs::copy_options::recursive);
        const auto r = test::kansli({"build", dir + "/protokoll-2023-02-24.xml", "--date", kDate});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        return dir + "/protokoll-2023-02-24.pdf";
    }();
    return pdf;
}

std::unique_ptr<QPDF> open(const std::string& path) {
    auto q = std::make_unique<QPDF>();
    q->processFile(path.c_str());
    return q;
}

std::string file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::string data(OH stream) {
    const auto b = stream.getStreamData(qpdf_dl_all);
    return {reinterpret_cast<const char*>(b->getBuffer()), b->getSize()};
}

std::vector<OH> signature_widgets(QPDF& q) {
    std::vector<OH> out;
    for (OH page : q.getAllPages())
        for (auto& a : QPDFPageObjectHelper(page).getAnnotations("/Widget"))
            if (a.getObjectHandle().getKey("/FT").isNameAndEquals("/Sig")) out.push_back(a.getObjectHandle());
    return out;
}

}  // namespace

TEST_CASE("pdfa output: the ICC profile is deflated after a PNG predictor and decodes to the installed one",
          "[pdf][pdfa]") {
    auto q = open(protokoll());
    OH intent = q->getRoot().getKey("/OutputIntents").getArrayItem(0);
    OH profile = intent.getKey("/DestOutputProfile");
    REQUIRE(profile.isStream());
    OH dict = profile.getDict();
    CHECK(dict.getKey("/Filter").isNameAndEquals("/FlateDecode"));
    OH parms = dict.getKey("/DecodeParms");
    REQUIRE(parms.isDictionary());
    CHECK(parms.getKey("/Predictor").getIntValue() >= 10);  // PNG, as qpdf's own xref streams
    CHECK(dict.getKey("/N").getIntValue() == 3);
    const std::string installed = file("/usr/share/color/icc/sRGB.icc");
    REQUIRE(installed.size() > 132);
    CHECK(data(profile) == installed);
    // The predictor is what makes it small: the curves' differences, not the curves.
    const auto raw = profile.getRawStreamData()->getSize();
    INFO("deflated " << raw << " of " << installed.size() << " bytes");
    CHECK(raw * 4 < installed.size());
}

TEST_CASE("pdfa output: signature widgets of one size share an empty appearance; signing one keeps the others'",
          "[pdf][pdfa]") {
    const std::string pdf = protokoll();
    std::set<QPDFObjGen> shared;
    {
        auto q = open(pdf);
        auto widgets = signature_widgets(*q);
        REQUIRE(widgets.size() == 3);
        for (OH w : widgets) shared.insert(w.getKey("/AP").getKey("/N").getObjGen());
        CHECK(shared.size() == 1);
        OH n = widgets.front().getKey("/AP").getKey("/N");
        CHECK(data(n) == "q Q\n");
        CHECK(n.getDict().getKey("/Subtype").isNameAndEquals("/Form"));
    }
    const std::string out = pdf + ".signed.pdf";
    const auto r =
        test::kansli({"sign", pdf, "-o", out, "--key", test::source("keys/demo/christian-ahren.key.pem"), "--cert",
                      test::source("keys/demo/christian-ahren.cert.pem"), "--role", "sekreterare", "--date", kDate},
                     {"KANSLI_PASSPHRASE=kansli-demo"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    auto q = open(out);
    const auto widgets = signature_widgets(*q);
    REQUIRE(widgets.size() == 3);
    int signed_count = 0;
    for (OH w : widgets) {
        OH n = w.getKey("/AP").getKey("/N");
        if (w.getKey("/V").isDictionary()) {
            ++signed_count;
            CHECK(shared.count(n.getObjGen()) == 0);  // its own, new appearance
            CHECK(data(n) != "q Q\n");
        } else {
            CHECK(shared.count(n.getObjGen()) == 1);  // still the shared one, unchanged
            CHECK(data(n) == "q Q\n");
        }
    }
    CHECK(signed_count == 1);
    const auto inspect = test::kansli({"inspect", out});
    INFO(inspect.out);
    CHECK(inspect.exit_code == 0);
    CHECK(test::run({"qpdf", "--check", out}).exit_code == 0);
}

TEST_CASE("pdfa output: the XMP identification is one rdf:Description that xmllint reads", "[pdf][pdfa]") {
    const std::string pdf = protokoll();
    const std::string meta = test::run({"pdfinfo", "-meta", pdf}).out;
    CHECK(meta.find("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>") != std::string::npos);
    CHECK(meta.find("<pdfuaid:part>1</pdfuaid:part>") != std::string::npos);
    CHECK(meta.find("<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>") != std::string::npos);
    std::size_t descriptions = 0;
    for (auto p = meta.find("<rdf:Description"); p != std::string::npos; p = meta.find("<rdf:Description", p + 1))
        ++descriptions;
    CHECK(descriptions == 2);  // the document's properties, the identification
    const std::string path = pdf + ".xmp";
    std::ofstream(path, std::ios::binary) << meta;
    CHECK(test::run({"xmllint", "--noout", path}).exit_code == 0);
}

}  // namespace pdfa_output_test
