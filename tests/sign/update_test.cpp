// The incremental update written by hand (sign/update_writer.hpp): which existing objects a
// signature rewrites on differently shaped inputs (data-driven: tests/data/sign/foreign), that the
// result stays readable by tools we did not write (qpdf --check, pdfsig) and passes kansli's own
// verify_pdf, and that damaged inputs are refused.
#include "fixture.hpp"
#include "sign/pdf_signer.hpp"
#include "support/tools.hpp"
#include "verify/verify.hpp"

#include <catch2/catch.hpp>
#include <qpdf/QPDF.hh>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace kansli;
using test::sign_as;

namespace {

verify::VerifyReport verify_bytes(const core::Bytes& pdf) {
    verify::VerifyOptions opt;
    opt.trust = verify::load_certificates(test::source("keys/demo/root.cert.pem"));
    opt.crls = verify::load_crls(test::source("keys/demo/issuing.crl.pem"));
    opt.at = *core::parse_instant("2023-03-01T00:00:00Z");
    return verify::verify_pdf(pdf, "test.pdf", opt);
}

// Object numbers listed in the last classic xref section of `pdf` below `below`.
std::set<int> rewritten(const core::Bytes& pdf, std::size_t from, int below) {
    const std::string u(pdf.begin() + static_cast<std::ptrdiff_t>(from), pdf.end());
    std::istringstream in(u.substr(u.rfind("\nxref\n") + 6));
    std::set<int> out;
    std::string line;
    while (std::getline(in, line) && line.rfind("trailer", 0) != 0) {
        int first = 0, count = 0;
        if (std::sscanf(line.c_str(), "%d %d", &first, &count) != 2 || line.size() > 20) continue;
        for (int n = first; n < first + count; ++n) {
            if (n < below) out.insert(n);
            std::getline(in, line);
        }
    }
    return out;
}

// What kind of object number n of the PDF at `path` is (by qpdf --show-object).
std::string kind_of(const std::string& path, int n) {
    const std::string o = test::run({"qpdf", "--show-object=" + std::to_string(n), path}).out;
    if (o.find("/Type /Catalog") != std::string::npos) return "catalog";
    if (o.find("/Type /Page ") != std::string::npos || o.find("/Type /Page>") != std::string::npos) return "page";
    if (o.find("/Producer") != std::string::npos) return "info";
    if (o.find("/Fields") != std::string::npos) return "acroform";
    if (!o.empty() && o[0] == '[') return "array";
    return "other: " + o.substr(0, 40);
}

}  // namespace

TEST_CASE("foreign PDFs: the first signature rewrites only what it must; two signatures verify", "[sign][update]") {
    std::ifstream list(test::data("sign/foreign/expected.txt"));
    std::string line;
    int cases = 0;
    while (std::getline(list, line)) {
        if (line.empty() || line[0] == '#') continue;
        const std::string name = line.substr(0, line.find(':'));
        const std::string expected = line.substr(line.find(':') + 2);
        INFO(name);
        ++cases;
        const std::string path = test::data("sign/foreign/" + name);
        const core::Bytes v0 = core::read_file(path);
        const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
        const core::Bytes v2 = sign_as(v1, "bjorn-sandal", sign::Role::Unknown, test::kT2, {.field = "Extra"});
        const std::string tail(v0.end() - std::min<std::ptrdiff_t>(200, static_cast<std::ptrdiff_t>(v0.size())),
                               v0.end());
        std::smatch m;
        REQUIRE(std::regex_search(tail, m, std::regex(R"(/Size (\d+))")));
        std::vector<std::string> kinds;
        for (int n : rewritten(v1, v0.size(), std::stoi(m[1]))) kinds.push_back(kind_of(path, n));
        std::sort(kinds.begin(), kinds.end());
        std::string got;
        for (const auto& k : kinds) got += (got.empty() ? "" : " ") + k;
        CHECK(got == expected);

        const std::string dir = test::temp_dir("foreign");
        test::write(dir + "/v2.pdf", v2);
        const auto check = test::run({"qpdf", "--check", dir + "/v2.pdf"});
        CHECK(check.exit_code == 0);
        CHECK(check.out.find("No syntax or stream encoding errors") != std::string::npos);
        CHECK(test::run({"pdfsig", "-nocert", dir + "/v2.pdf"}).out.find("Signature #2") != std::string::npos);
        const auto report = verify_bytes(v2);
        CHECK(report.signatures.size() == 2);
        CHECK(report.verdict == verify::Verdict::Passed);
    }
    CHECK(cases == 6);
}

TEST_CASE("three signatures: kansli's verify_pdf passes each, later revisions only add signatures", "[sign][update]") {
    const core::Bytes v0 = test::protokoll_pdf();
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    const core::Bytes v2 = sign_as(v1, "bjorn-sandal", sign::Role::Justerare, test::kT2);
    const core::Bytes v3 = sign_as(v2, "katarina-nyberg-finn", sign::Role::Ordforande, test::kT3);
    const auto report = verify_bytes(v3);
    REQUIRE(report.signatures.size() == 3);
    CHECK(report.verdict == verify::Verdict::Passed);
    for (const auto& s : report.signatures) {
        INFO(s.field << ": " << s.reason);
        CHECK(s.verdict == verify::Verdict::Passed);
        CHECK(s.modifications.status == verify::FacetStatus::Ok);
    }
    CHECK(report.signatures[2].covers_whole_file);
    CHECK(!report.signatures[0].changes_after.empty());
}

TEST_CASE("the update of a classic-xref input: one xref section with /Prev, /ID keeps its first element",
          "[sign][update]") {
    const core::Bytes v0 = test::protokoll_pdf();
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    const std::string u(v1.begin() + static_cast<std::ptrdiff_t>(v0.size()), v1.end());
    const std::string s0(v0.begin(), v0.end());
    const auto id0 = s0.substr(s0.rfind("/ID"), 40);
    std::string first = id0.substr(id0.find('<'), id0.find('>') - id0.find('<') + 1);
    std::transform(first.begin(), first.end(), first.begin(),
                   [](char c) { return static_cast<char>(std::tolower(c)); });
    CHECK(u.find("/ID [" + first + " <") != std::string::npos);
    CHECK(std::count(u.begin(), u.end(), '\n') > 5);
    const auto xref = u.rfind("\nxref\n");
    REQUIRE(xref != std::string::npos);
    CHECK(u.find("\nxref\n") == xref);  // exactly one section
    const std::string prev = s0.substr(s0.rfind("startxref") + 10);
    CHECK(u.find("/Prev " + prev.substr(0, prev.find('\n')) + " ") != std::string::npos);
    CHECK(u.substr(u.size() - 6) == "%%EOF\n");
    // only the changed objects: field, AcroForm, Info (the catalog and page stay)
    CHECK(rewritten(v1, v0.size(), 17).size() == 3);
}

TEST_CASE("a damaged PDF (cross-reference offsets off) is refused with a hint to repair it first", "[sign][update]") {
    core::Bytes v0 = test::protokoll_pdf();
    const std::string junk = "% padding that moves every object\n";
    v0.insert(v0.begin() + 9, junk.begin(), junk.end());
    try {
        (void)sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
        FAIL("a damaged PDF was signed");
    } catch (const core::Error& e) {
        CHECK(e.code() == core::ExitCode::Invalid);
        CHECK(e.diagnostics().at(0).message.find("damaged") != std::string::npos);
        CHECK(e.diagnostics().at(0).hint.find("repair it first with qpdf") != std::string::npos);
    }
    // the repaired file signs
    const std::string dir = test::temp_dir("damaged");
    test::write(dir + "/bad.pdf", v0);
    REQUIRE(test::run({"qpdf", dir + "/bad.pdf", dir + "/fixed.pdf"}).exit_code == 3);  // 3: warnings
    const core::Bytes fixed = core::read_file(dir + "/fixed.pdf");
    CHECK(sign_as(fixed, "christian-ahren", sign::Role::Sekreterare, test::kT1).size() > fixed.size());
}

TEST_CASE("a PDF written by poppler (pdfunite) signs twice and verifies", "[sign][update]") {
    const std::string dir = test::temp_dir("pdfunite");
    const std::string in = test::data("sign/foreign/annots-indirect.pdf");
    REQUIRE(test::run({"pdfunite", in, test::data("sign/foreign/no-acroform.pdf"), dir + "/u.pdf"}).exit_code == 0);
    const core::Bytes v0 = core::read_file(dir + "/u.pdf");
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    const core::Bytes v2 = sign_as(v1, "bjorn-sandal", sign::Role::Unknown, test::kT2, {.field = "Extra"});
    test::write(dir + "/v2.pdf", v2);
    CHECK(test::run({"qpdf", "--check", dir + "/v2.pdf"}).exit_code == 0);
    CHECK(verify_bytes(v2).verdict == verify::Verdict::Passed);
}

TEST_CASE("an encrypted PDF is refused; an input without a final EOL gets one before the update", "[sign][update]") {
    const std::string dir = test::temp_dir("encrypted");
    test::write(dir + "/plain.pdf", test::protokoll_pdf());
    REQUIRE(
        test::run({"qpdf", "--encrypt", "", "owner", "256", "--", dir + "/plain.pdf", dir + "/enc.pdf"}).exit_code ==
        0);
    CHECK_THROWS_WITH(sign_as(core::read_file(dir + "/enc.pdf"), "christian-ahren", sign::Role::Sekreterare, test::kT1),
                      Catch::Contains("encrypted"));

    core::Bytes v0 = test::protokoll_pdf();
    while (!v0.empty() && (v0.back() == '\n' || v0.back() == '\r')) v0.pop_back();
    REQUIRE(v0.back() == 'F');  // "%%EOF"
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    REQUIRE(v1.size() > v0.size() + 1);
    CHECK(std::memcmp(v1.data(), v0.data(), v0.size()) == 0);
    CHECK(v1[v0.size()] == '\n');
    test::write(dir + "/v1.pdf", v1);
    CHECK(test::run({"qpdf", "--check", dir + "/v1.pdf"}).exit_code == 0);
    CHECK(verify_bytes(v1).verdict == verify::Verdict::Passed);
}

TEST_CASE("mutated xref-stream PDFs: sign_pdf either signs or refuses with core::Error, never crashes",
          "[sign][update]") {
    const std::string dir = test::temp_dir("xrefstm-mutants");
    test::write(dir + "/plain.pdf", test::protokoll_pdf());
    REQUIRE(test::run({"qpdf", "--object-streams=generate", dir + "/plain.pdf", dir + "/xref.pdf"}).exit_code == 0);
    const core::Bytes v0 = core::read_file(dir + "/xref.pdf");
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    // Bytes changed in, or the file cut inside, our update (its xref stream, objects, trailer).
    CHECK(test::sign_mutants(v1, v0.size(), 777, {.appearance = false}) > 0);
}

// verify/changes.cpp must not take the keys of a cross-reference stream dictionary (/Index,
// /Length, /W, /Filter, ...) for document changes when it compares trailers.
TEST_CASE("an xref-stream chain of three signatures passes verify_pdf", "[sign][xrefstm]") {
    const std::string dir = test::temp_dir("xrefstm-verify");
    test::write(dir + "/plain.pdf", test::protokoll_pdf());
    REQUIRE(test::run({"qpdf", "--object-streams=generate", dir + "/plain.pdf", dir + "/xref.pdf"}).exit_code == 0);
    const core::Bytes v0 = core::read_file(dir + "/xref.pdf");
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    const core::Bytes v2 = sign_as(v1, "bjorn-sandal", sign::Role::Justerare, test::kT2);
    const core::Bytes v3 = sign_as(v2, "katarina-nyberg-finn", sign::Role::Ordforande, test::kT3);
    const auto report = verify_bytes(v3);
    REQUIRE(report.signatures.size() == 3);
    for (const auto& s : report.signatures) {
        INFO(s.field << ": " << s.reason);
        CHECK(s.verdict == verify::Verdict::Passed);
    }
}

TEST_CASE("verify's identity facet: the certificate of the person the field names passes, another fails",
          "[sign][identity]") {
    const core::Bytes v0 = test::protokoll_pdf();
    const core::Bytes good = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    const auto ok = verify_bytes(good);
    REQUIRE(ok.signatures.size() == 1);
    CHECK(ok.signatures[0].identity.status == verify::FacetStatus::Ok);
    CHECK(ok.signatures[0].identity.detail ==
          "the field is for Christian Åhrén, the certificate names Christian Åhrén");
    CHECK(ok.verdict == verify::Verdict::Passed);
    // Björn Sandal's key, the appearance claiming Christian Åhrén: sign_pdf compares the request's
    // name, verify the certificate's CN.
    const core::Bytes forged =
        sign_as(v0, "bjorn-sandal", sign::Role::Sekreterare, test::kT1, {.name = "Christian Åhrén"});
    const auto bad = verify_bytes(forged);
    REQUIRE(bad.signatures.size() == 1);
    CHECK(bad.signatures[0].identity.status == verify::FacetStatus::Failed);
    CHECK(bad.signatures[0].verdict == verify::Verdict::Failed);
    CHECK(bad.signatures[0].reason ==
          "identity: the field is for Christian Åhrén, but the certificate names Björn Sandal");
    CHECK(bad.verdict == verify::Verdict::Failed);
    // a field that names nobody: not checked, and no reason for doubt
    const core::Bytes foreign = sign_as(test::make_pdf({}, {}), "bjorn-sandal", sign::Role::Unknown, test::kT1);
    const auto nobody = verify_bytes(foreign);
    REQUIRE(nobody.signatures.size() == 1);
    CHECK(nobody.signatures[0].identity.status == verify::FacetStatus::NotChecked);
    CHECK(nobody.verdict == verify::Verdict::Passed);
}

namespace {

// `pdf` with one incremental update (a classic xref section) that redefines object `n` as `body`;
// the trailer keeps /Root, /Info and /ID.
core::Bytes redefine(const core::Bytes& pdf, int n, const std::string& body) {
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("x", reinterpret_cast<const char*>(pdf.data()), pdf.size());
    QPDFObjectHandle t = q.getTrailer();
    std::string out(pdf.begin(), pdf.end());
    const std::string prev = std::to_string(std::stol(out.substr(out.rfind("startxref") + 9)));
    if (out.back() != '\n') out += '\n';
    const std::size_t at = out.size();
    out += std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
    const std::size_t x = out.size();
    char entry[32];
    std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", at);
    out += "xref\n" + std::to_string(n) + " 1\n" + entry + "trailer\n<< /Size " + t.getKey("/Size").unparse() +
           " /Root " + t.getKey("/Root").unparse() +
           (t.hasKey("/Info") ? " /Info " + t.getKey("/Info").unparse() : "") +
           (t.hasKey("/ID") ? " /ID " + t.getKey("/ID").unparse() : "") + " /Prev " + prev + " >>\nstartxref\n" +
           std::to_string(x) + "\n%%EOF\n";
    return core::Bytes(out.begin(), out.end());
}

std::string reasons_of(const verify::VerifyReport& r) {
    std::string s = r.reason;
    for (const auto& sig : r.signatures) s += " | " + sig.reason + " | " + sig.modifications.detail;
    return s;
}

}  // namespace

TEST_CASE(
    "a visible signed widget whose appearance stream or font is redefined later fails; its dictionary is "
    "untouched",
    "[sign][update][widgets]") {
    const core::Bytes v0 = test::protokoll_pdf();
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    const core::Bytes v2 = sign_as(v1, "bjorn-sandal", sign::Role::Justerare, test::kT2);
    const core::Bytes v3 = sign_as(v2, "katarina-nyberg-finn", sign::Role::Ordforande, test::kT3);
    REQUIRE(verify_bytes(v3).verdict == verify::Verdict::Passed);
    // The first visible signature widget: its appearance stream and that stream's first font.
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("v3", reinterpret_cast<const char*>(v3.data()), v3.size());
    QPDFObjectHandle ap, font;
    for (auto f : q.getRoot().getKey("/AcroForm").getKey("/Fields").getArrayAsVector()) {
        QPDFObjectHandle n = f.getKey("/AP").getKey("/N");
        QPDFObjectHandle r = f.getKey("/Rect");
        if (!n.isIndirect() || !n.isStream() || !r.isArray() || r.getArrayItem(2).getNumericValue() == 0) continue;
        ap = n;
        for (const auto& [name, value] : n.getDict().getKey("/Resources").getKey("/Font").getDictAsMap())
            if (value.isIndirect()) font = value;
        break;
    }
    REQUIRE(ap.isIndirect());
    REQUIRE(font.isIndirect());
    const std::string paint = "1 1 1 rg 0 0 1000 1000 re f";
    const core::Bytes new_ap =
        redefine(v3, ap.getObjectID(),
                 "<< /Type /XObject /Subtype /Form /BBox " + ap.getDict().getKey("/BBox").unparse() + " /Length " +
                     std::to_string(paint.size()) + " >>\nstream\n" + paint + "\nendstream");
    const core::Bytes new_font =
        redefine(v3, font.getObjectID(), "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
    for (const auto& [what, pdf] : {std::pair{"appearance stream", new_ap}, std::pair{"appearance font", new_font}}) {
        INFO(what);
        const auto r = verify_bytes(pdf);
        INFO(reasons_of(r));
        CHECK(r.verdict == verify::Verdict::Failed);
        CHECK(reasons_of(r).find("changed its visible appearance") != std::string::npos);
    }
}
