// kansli verify as a process: exit codes, text and JSON output.
#include "core/files.hpp"
#include "support/tools.hpp"

#include <qpdf/QPDF.hh>

#include <catch2/catch.hpp>

namespace {
std::vector<std::string> args(std::vector<std::string> files) {
    std::vector<std::string> a{"verify"};
    a.insert(a.end(), files.begin(), files.end());
    for (const char* s : {"--trust", "verify/pki/root.pem", "--cert", "verify/pki/issuing.pem", "--crl",
                          "verify/pki/issuing.crl", "--crl", "verify/pki/root.crl"}) {
        a.push_back(std::string(s).rfind("verify/", 0) == 0 ? kansli::test::data(s) : s);
    }
    a.push_back("--at");
    a.push_back("2030-01-01T00:00:00Z");
    return a;
}
// Appends to `in` a revision that gives the signature field titled `title` an appearance painting
// an opaque box with text (a shadow overlay by an unsigned revision); writes `out`.
void overlay_widget(const std::string& in, const std::string& title, const std::string& out) {
    const auto bytes = kansli::core::read_file(in);
    std::string pdf(bytes.begin(), bytes.end());
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("in", pdf.data(), pdf.size());
    QPDFObjectHandle widget;
    auto fields = q.getRoot().getKey("/AcroForm").getKey("/Fields");
    for (int i = 0; i < fields.getArrayNItems(); ++i) {
        auto f = fields.getArrayItem(i);
        if (f.getKey("/T").isString() && f.getKey("/T").getUTF8Value() == title) widget = f;
    }
    REQUIRE(widget.isDictionary());
    const int size = static_cast<int>(q.getTrailer().getKey("/Size").getIntValue());
    auto copy = widget.shallowCopy();
    copy.removeKey("/AP");
    std::string body = copy.unparseResolved();
    body.insert(2, " /AP << /N " + std::to_string(size) + " 0 R >> ");
    const std::string paint = "1 1 1 rg 0 0 2000 2000 re f 0 g BT /Helvetica 10 Tf 2 5 Td (Ej justerat) Tj ET";
    const long prev = std::stol(pdf.substr(pdf.rfind("startxref") + 9));
    const long o1 = static_cast<long>(pdf.size());
    pdf += widget.getObjGen().unparse(' ') + " obj\n" + body + "\nendobj\n";
    const long o2 = static_cast<long>(pdf.size());
    pdf += std::to_string(size) + " 0 obj\n<< /Type /XObject /Subtype /Form /BBox [0 0 2000 2000] /Length " +
           std::to_string(paint.size()) + " >>\nstream\n" + paint + "\nendstream\nendobj\n";
    const long x = static_cast<long>(pdf.size());
    char line[64];
    pdf += "xref\n" + std::to_string(widget.getObjectID()) + " 1\n";
    std::snprintf(line, sizeof line, "%010ld 00000 n \n", o1);
    pdf += line + std::to_string(size) + " 1\n";
    std::snprintf(line, sizeof line, "%010ld 00000 n \n", o2);
    pdf += line;
    pdf += "trailer\n<< /Size " + std::to_string(size + 1) + " /Root " + q.getTrailer().getKey("/Root").unparse() +
           " /Prev " + std::to_string(prev) + " /ID " + q.getTrailer().getKey("/ID").unparse() + " >>\nstartxref\n" +
           std::to_string(x) + "\n%%EOF\n";
    kansli::core::write_file_atomic(out, pdf);
}
}  // namespace

TEST_CASE("kansli verify: exit codes 0, 1, 2", "[cli][verify]") {
    auto ok = kansli::test::kansli(args({kansli::test::data("verify/three.pdf")}));
    CHECK(ok.exit_code == 0);
    CHECK(ok.out.find("passed") != std::string::npos);
    auto bad =
        kansli::test::kansli(args({kansli::test::data("verify/three.pdf"), kansli::test::data("verify/revoked.pdf")}));
    CHECK(bad.exit_code == 1);
    auto none = kansli::test::kansli(args({kansli::test::data("verify/base.pdf")}));
    CHECK(none.exit_code == 1);
    auto missing = kansli::test::kansli(args({"/nonexistent.pdf"}));
    CHECK(missing.exit_code == 2);
    CHECK(kansli::test::kansli({"verify", "--bogus"}).exit_code == 2);
    CHECK(kansli::test::kansli({"verify", "--help"}).exit_code == 0);
    auto a = args({kansli::test::data("verify/three.pdf")});
    a.push_back("--json");
    auto json = kansli::test::kansli(a);
    CHECK(json.exit_code == 0);
    CHECK(json.out.find("\"verdict\": \"passed\"") != std::string::npos);
    CHECK(json.out.find("\"role\": \"justerare\"") != std::string::npos);
}

TEST_CASE("kansli verify: build, sign three times with kansli, verify with the demo PKI", "[cli][verify][interop]") {
    namespace t = kansli::test;
    const std::string dir = t::temp_dir("cli-verify-interop");
    const std::string src = t::source("templates/examples/protokoll-2023-02-24.xml");
    REQUIRE(t::kansli({"build", src, "-o", dir + "/0.pdf", "--date", "2023-02-24T13:00:00Z"}).exit_code == 0);
    const std::pair<const char*, const char*> signers[] = {
        {"christian-ahren", "sekreterare"}, {"bjorn-sandal", "justerare"}, {"katarina-nyberg-finn", "ordförande"}};
    int n = 0;
    for (const auto& [who, role] : signers) {
        const std::string in = dir + "/" + std::to_string(n) + ".pdf", out = dir + "/" + std::to_string(n + 1) + ".pdf";
        auto r = t::kansli({"sign", in, "-o", out, "--key", t::source(std::string("keys/demo/") + who + ".key.pem"),
                            "--cert", t::source(std::string("keys/demo/") + who + ".cert.pem"), "--role", role,
                            "--date", "2023-03-0" + std::to_string(1 + n) + "T10:00:00Z"},
                           {"KANSLI_PASSPHRASE=kansli-demo"});
        INFO(who << ": " << r.err);
        REQUIRE(r.exit_code == 0);
        ++n;
    }
    auto verify = [&](const std::string& file) {
        return t::kansli({"verify", file, "--trust", t::source("keys/demo/root.cert.pem"), "--crl",
                          t::source("keys/demo/issuing.crl.pem"), "--at", "2024-01-01T00:00:00Z", "--json"});
    };
    for (int k = 1; k <= 3; ++k) {
        auto r = verify(dir + "/" + std::to_string(k) + ".pdf");
        INFO("after " << k << " signatures: " << r.out << r.err);
        CHECK(r.exit_code == 0);
        std::size_t passed = 0;
        for (auto p = r.out.find("\"verdict\": \"passed\""); p != std::string::npos;
             p = r.out.find("\"verdict\": \"passed\"", p + 1))
            ++passed;
        CHECK(passed == static_cast<std::size_t>(k) + 1);  // each signature and the file
        if (k == 3) {                                      // reported in signing order, not in the form's field order
            const auto s = r.out.find("\"role\": \"sekreterare\""), j = r.out.find("\"role\": \"justerare\""),
                       o = r.out.find("\"role\": \"ordförande\"");
            CHECK(s < j);
            CHECK(j < o);
            CHECK(o != std::string::npos);
            // each field names its signer (/TU), and each certificate is that person's
            std::size_t same = 0;
            for (auto p = r.out.find("\"identity\": {\"status\": \"ok\""); p != std::string::npos;
                 p = r.out.find("\"identity\": {\"status\": \"ok\"", p + 1))
                ++same;
            CHECK(same == 3);
        }
    }
    // Shadow hide by a signature widget: an unsigned revision draws over the page through the
    // empty Justerare field (created by `kansli build`, before the first signature) or through
    // the signed Sekreterare widget. kansli fails it; pdfsig only checks the signed bytes.
    const std::pair<std::string, std::string> overlays[] = {{dir + "/1.pdf", "unsigned signature widget"},
                                                            {dir + "/3.pdf", "signed signature widget"}};
    for (const auto& [signed_pdf, reason] : overlays) {
        const std::string title = reason.rfind("unsigned", 0) == 0 ? "Justerare" : "Sekreterare";
        const std::string shadow = dir + "/overlay-" + title + ".pdf";
        overlay_widget(signed_pdf, title, shadow);
        auto r = verify(shadow);
        INFO(title << ": " << r.out << r.err);
        CHECK(r.exit_code == 1);
        CHECK(r.out.find(reason) != std::string::npos);
        CHECK(r.out.find("visible appearance") != std::string::npos);
        CHECK(t::run({"pdfsig", "-nocert", shadow}).out.find("Signature is Valid") != std::string::npos);
    }
    // One byte changed in the first revision's page content (signed by all three) fails.
    auto bytes = kansli::core::read_file(dir + "/3.pdf");
    const std::string text(bytes.begin(), bytes.end());
    const auto at = text.find("stream\n", text.size() / 4);
    REQUIRE(at != std::string::npos);
    bytes[at + 20] ^= 0x01;
    kansli::core::write_file_atomic(dir + "/flipped.pdf", std::string(bytes.begin(), bytes.end()));
    auto bad = verify(dir + "/flipped.pdf");
    INFO(bad.out);
    CHECK(bad.exit_code == 1);
    CHECK(bad.out.find("\"verdict\": \"failed\"") != std::string::npos);
}

TEST_CASE("kansli verify: attacks that fooled the verifier before now exit 1 (pdfsig still says valid)",
          "[cli][verify][attacks]") {
    namespace t = kansli::test;
    auto verify = [](const std::string& file) {
        return t::kansli({"verify", file, "--trust", t::source("keys/demo/root.cert.pem"), "--crl",
                          t::source("keys/demo/issuing.crl.pem"), "--at", "2024-01-01T00:00:00Z"});
    };
    const auto base = verify(t::data("verify/shadow-signed.pdf"));
    INFO(base.out << base.err);
    CHECK(base.exit_code == 0);
    const std::pair<const char*, const char*> attacks[] = {
        {"isa-duplicate-xref.pdf", "lists object 5 twice"},
        {"shadow-parent-resources.pdf", "object 23 0 (page 2 /Parent)"},
        {"shadow-fake-page-type.pdf", "object 11 0 (page 1 /Resources /ExtGState /GS)"},
        {"objstm-page.pdf", "page 1"},
        {"widget-overlay-unsigned.pdf", "unsigned signature widget 40 0 gained a visible appearance"},
        {"widget-forged-signature.pdf",
         "signature widget 40 0 gained a visible appearance signed by a signature that does not verify"},
    };
    for (const auto& [file, reason] : attacks) {
        const std::string path = t::source(std::string("tests/fuzz/corpus/") + file);
        const auto r = verify(path);
        INFO(file << ": " << r.out << r.err);
        CHECK(r.exit_code == 1);
        CHECK(r.out.find(reason) != std::string::npos);
        CHECK(t::run({"pdfsig", "-nocert", path}).out.find("Signature is Valid") != std::string::npos);
    }
}
