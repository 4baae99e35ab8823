// verify/: fixtures signed by pdfsig, podofosign and openssl (tests/data/verify/make-fixtures.sh),
// mutated in memory; validation time pinned at 2030-01-01T00:00:00Z.
#include "core/files.hpp"
#include "support/tools.hpp"
#include "verify/verify.hpp"

#include <qpdf/QPDF.hh>

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <regex>

using namespace kansli;
using verify::Verdict;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace verify_test {

namespace {

std::string fixture(const std::string& n) { return test::data("verify/" + n); }

verify::VerifyOptions options() {
    verify::VerifyOptions o;
    o.trust = verify::load_certificates(fixture("pki/root.pem"));
    o.extra = verify::load_certificates(fixture("pki/issuing.pem"));
    o.crls = verify::load_crls(fixture("pki/issuing.crl"));
    auto root_crl = verify::load_crls(fixture("pki/root.crl"));
    o.crls.insert(o.crls.end(), root_crl.begin(), root_crl.end());
    o.at = *core::parse_instant("2030-01-01T00:00:00Z");
    return o;
}

std::string load(const std::string& n) {
    auto b = core::read_file(fixture(n));
    return std::string(b.begin(), b.end());
}

verify::VerifyReport check(const std::string& pdf, const verify::VerifyOptions& o = options()) {
    return verify::verify_pdf(std::span(reinterpret_cast<const std::uint8_t*>(pdf.data()), pdf.size()), "test.pdf", o);
}

std::string reasons(const verify::VerifyReport& r) {
    std::string s = r.reason;
    for (const auto& sig : r.signatures) s += " | " + sig.reason;
    return s;
}

// Appends an incremental update that (re)defines objects; /Size, /Root and /Prev from the last revision.
std::string append_update(const std::string& pdf, const std::map<int, std::string>& objects,
                          const std::string& extra_trailer = "") {
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("x", pdf.data(), pdf.size());
    auto trailer = q.getTrailer();
    int size = static_cast<int>(trailer.getKey("/Size").getIntValue());
    for (const auto& [n, body] : objects) size = std::max(size, n + 1);
    const auto sx = pdf.rfind("startxref");
    const long prev = std::stol(pdf.substr(sx + 9));
    std::string out = pdf;
    std::map<int, std::size_t> offs;
    for (const auto& [n, body] : objects) {
        offs[n] = out.size();
        out += std::to_string(n) + " 0 obj\n" + body + "\nendobj\n";
    }
    const auto x = out.size();
    out += "xref\n";
    for (const auto& [n, off] : offs) {
        char line[32];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", off);
        out += std::to_string(n) + " 1\n" + line;
    }
    out += "trailer\n<< /Size " + std::to_string(size) + " /Root " + trailer.getKey("/Root").unparse() + " /Prev " +
           std::to_string(prev) + (trailer.hasKey("/ID") ? " /ID " + trailer.getKey("/ID").unparse() : std::string()) +
           extra_trailer + " >>\nstartxref\n" + std::to_string(x) + "\n%%EOF\n";
    return out;
}

struct Ids {
    int catalog, pages, page1, page2, content1;
};
Ids ids_of(const std::string& pdf) {
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("x", pdf.data(), pdf.size());
    auto root = q.getRoot();
    auto pages = root.getKey("/Pages");
    auto p1 = pages.getKey("/Kids").getArrayItem(0), p2 = pages.getKey("/Kids").getArrayItem(1);
    return {root.getObjectID(), pages.getObjectID(), p1.getObjectID(), p2.getObjectID(),
            p1.getKey("/Contents").getObjectID()};
}

std::string stream(const std::string& data) {
    return "<< /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream";
}

}  // namespace

TEST_CASE("verify: signatures by other tools are accepted", "[verify]") {
    struct Case {
        const char* file;
        std::size_t signatures;
        const char* sub_filter;
    };
    const Case cases[] = {
        {"pdfsig-rsa.pdf", 1, "adbe.pkcs7.detached"},
        {"podofosign-rsa.pdf", 1, "adbe.pkcs7.detached"},
        {"podofosign-ecdsa-sha384.pdf", 1, "adbe.pkcs7.detached"},
        {"cades-rsa.pdf", 1, "ETSI.CAdES.detached"},
        {"cades-ecdsa.pdf", 1, "ETSI.CAdES.detached"},
        {"three.pdf", 3, ""},
    };
    for (const auto& c : cases) {
        const auto r = check(load(c.file));
        INFO(c.file << ": " << reasons(r));
        CHECK(r.verdict == Verdict::Passed);
        REQUIRE(r.signatures.size() == c.signatures);
        for (const auto& s : r.signatures) {
            CHECK(s.verdict == Verdict::Passed);
            CHECK(!s.signer.empty());
            CHECK(!s.role.empty());
            if (*c.sub_filter) CHECK(s.sub_filter == c.sub_filter);
        }
    }
    const auto three = check(load("three.pdf"));
    CHECK(three.signatures[0].signer == "Sekreterare Testsson");
    CHECK(three.signatures[1].signature_algorithm.rfind("ECDSA", 0) == 0);
    CHECK(three.signatures[2].covers_whole_file);
    CHECK(!three.signatures[0].covers_whole_file);
}

TEST_CASE("verify: bad signers and bad CMS are rejected with the right facet", "[verify]") {
    struct Case {
        const char* file;
        const char* reason_prefix;
    };
    const Case cases[] = {
        {"revoked.pdf", "chain: Certificate is revoked"},
        {"expired.pdf", "chain: Certificate has expired"},
        {"impostor.pdf", "chain:"},
        {"stranger.pdf", "chain:"},
        {"cms-nocerts.pdf", "valid: the CMS carries no certificates"},
        {"cms-otherkey.pdf", "valid: the signature does not verify"},
        {"cms-wrongdigest.pdf", "intact: the signed bytes were changed"},
        {"base.pdf", ""},
    };
    for (const auto& c : cases) {
        const auto r = check(load(c.file));
        INFO(c.file << ": " << reasons(r));
        CHECK(r.verdict != Verdict::Passed);
        if (*c.reason_prefix) {
            REQUIRE(r.signatures.size() == 1);
            CHECK(r.signatures[0].reason.rfind(c.reason_prefix, 0) == 0);
        }
    }
    // Without a trust anchor or CRLs nothing passes.
    auto o = options();
    o.trust.clear();
    CHECK(check(load("pdfsig-rsa.pdf"), o).verdict == Verdict::Indeterminate);
    o = options();
    o.crls.clear();
    CHECK(check(load("pdfsig-rsa.pdf"), o).verdict == Verdict::Indeterminate);
}

TEST_CASE("verify: a changed byte anywhere signed, or in /Contents, fails", "[verify]") {
    const std::string pdf = load("three.pdf");
    const auto good = check(pdf);
    REQUIRE(good.verdict == Verdict::Passed);
    const auto& br = good.signatures[0].byte_range;
    const std::size_t at[] = {20,
                              static_cast<std::size_t>(br[1] - 1),
                              static_cast<std::size_t>(br[1] + 40),
                              static_cast<std::size_t>(br[2] + 1),
                              pdf.size() - 100,
                              pdf.size() / 2};
    for (auto pos : at) {
        std::string bad = pdf;
        bad[pos] = bad[pos] == '0' ? '1' : (bad[pos] == ' ' ? '\t' : '0');
        INFO("byte " << pos);
        CHECK(check(bad).verdict != Verdict::Passed);
    }
}

TEST_CASE("verify: truncated files fail", "[verify]") {
    const std::string pdf = load("three.pdf");
    for (std::size_t n : {std::size_t{0}, std::size_t{9}, std::size_t{500}, pdf.size() / 3, pdf.size() / 2,
                          pdf.size() - 7, pdf.size() - 1}) {
        INFO("length " << n);
        CHECK(check(pdf.substr(0, n)).verdict != Verdict::Passed);
    }
}

TEST_CASE("verify: /ByteRange and /Contents tampering fails even with a valid CMS", "[verify]") {
    const std::string pdf = load("cades-rsa.pdf");
    REQUIRE(check(pdf).verdict == Verdict::Passed);
    const std::regex re(R"(/ByteRange \[0 (\d{10}) (\d{10}) (\d{10})\])");
    std::smatch m;
    REQUIRE(std::regex_search(pdf, m, re));
    const long a = std::stol(m[1]), b = std::stol(m[2]), c = std::stol(m[3]);
    auto with = [&](const std::string& replacement) {
        std::string s = pdf;
        s.replace(static_cast<std::size_t>(m.position(0)), static_cast<std::size_t>(m.length(0)), replacement);
        return s;
    };
    auto br = [](long w, long x, long y, long z) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "/ByteRange [%ld %010ld %010ld %010ld]", w, x, y, z);
        return std::string(buf);
    };
    const std::string cases[] = {
        br(1, a, b, c),          // does not start at 0
        br(0, a, b, c - 1),      // does not end at the end of its revision
        br(0, a - 1, b, c),      // gap wider than /Contents
        br(0, a, b + 1, c - 1),  // gap wider on the other side
        br(0, a + 1, b - 1, c + 1),
        "/ByteRange [0 " + std::to_string(a) + " " + std::to_string(b) + "]" + std::string(20, ' '),  // 3 items
        "/ByteRange null" + std::string(m.length(0) - 15, ' '),
        "/ByteRange []" + std::string(m.length(0) - 13, ' '),
        "/ByteRange (x)" + std::string(m.length(0) - 14, ' '),
    };
    for (const auto& cs : cases) {
        INFO(cs);
        CHECK(check(with(cs)).verdict != Verdict::Passed);
    }
    // /Contents: a hex digit of the CMS changed, removed, or made a literal string.
    const auto cpos = pdf.find("/Contents <");
    REQUIRE(cpos != std::string::npos);
    std::string flipped = pdf;
    flipped[cpos + 11 + 300] = flipped[cpos + 11 + 300] == 'a' ? 'b' : 'a';
    CHECK(check(flipped).verdict != Verdict::Passed);
    std::string literal = pdf;
    literal[cpos + 10] = '(';
    literal[static_cast<std::size_t>(b) - 1] = ')';
    CHECK(check(literal).verdict != Verdict::Passed);
    std::string nulled = pdf;
    nulled.replace(cpos, 10, "/Contenxx ");
    CHECK(check(nulled).verdict != Verdict::Passed);
}

TEST_CASE("verify: signature wrapping (signed part moved, /ByteRange rewritten) fails", "[verify]") {
    // Move the signed signature dictionary's /Contents out of the gap: a new revision appends a copy
    // of the hole and points /ByteRange of a new dictionary around it.
    const std::string pdf = load("cades-rsa.pdf");
    const auto r = check(pdf);
    REQUIRE(r.signatures.size() == 1);
    const auto& b = r.signatures[0].byte_range;
    const std::string hole = pdf.substr(static_cast<std::size_t>(b[1]), static_cast<std::size_t>(b[2] - b[1]));
    // Wrapped: the original bytes are kept, and a new sig dict claims the old ranges but its own
    // /Contents lies elsewhere (after the end of the revision).
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("x", pdf.data(), pdf.size());
    const int sig = q.getRoot().getKey("/AcroForm").getKey("/Fields").getArrayItem(0).getKey("/V").getObjectID();
    const std::string dict = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 " +
                             std::to_string(b[1]) + " " + std::to_string(b[2]) + " " + std::to_string(b[3]) +
                             "] /Contents " + hole + " >>";
    const std::string wrapped = append_update(pdf, {{sig, dict}});
    const auto w = check(wrapped);
    INFO(reasons(w));
    CHECK(w.verdict != Verdict::Passed);
}

TEST_CASE("verify: later revisions that change what the signer saw are named and fail", "[verify]") {
    const std::string pdf = load("pdfsig-rsa.pdf");
    REQUIRE(check(pdf).verdict == Verdict::Passed);
    const Ids ids = ids_of(pdf);
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("x", pdf.data(), pdf.size());
    const std::string page1 = q.getObjectByObjGen(QPDFObjGen(ids.page1, 0)).unparseResolved();
    const std::string page2 = q.getObjectByObjGen(QPDFObjGen(ids.page2, 0)).unparseResolved();
    const std::string catalog = q.getRoot().unparseResolved();
    const int fresh = static_cast<int>(q.getTrailer().getKey("/Size").getIntValue()) + 5;
    struct Case {
        const char* name;
        std::map<int, std::string> objects;
        const char* kind;
    };
    const std::string replaced = stream("BT /F1 14 Tf 72 760 Td (Kommunstyrelsen beslutar att AVSLA budgeten.) Tj ET");
    std::string with_annot = page2;
    with_annot.insert(with_annot.size() - 2, " /Annots [" + std::to_string(fresh) + " 0 R] ");
    if (page2.find("/Annots") != std::string::npos) {
        with_annot =
            std::regex_replace(page2, std::regex(R"(/Annots \[)"), "/Annots [ " + std::to_string(fresh) + " 0 R ");
    }
    std::string with_action = catalog;
    with_action.insert(with_action.size() - 2, " /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> ");
    const std::string pages = "<< /Type /Pages /Kids [" + std::to_string(ids.page1) + " 0 R " +
                              std::to_string(ids.page2) + " 0 R " + std::to_string(fresh) + " 0 R] /Count 3 >>";
    std::string page3 = page1;
    const Case cases[] = {
        {"page content replaced", {{ids.content1, replaced}}, "page content"},
        {"page added",
         {{ids.pages, pages},
          {fresh, std::regex_replace(page1, std::regex(R"(/Parent \d+ 0 R)"),
                                     "/Parent " + std::to_string(ids.pages) + " 0 R")}},
         "pages"},
        {"annotation added",
         {{ids.page2, with_annot}, {fresh, "<< /Type /Annot /Subtype /Text /Rect [0 0 10 10] /Contents (x) >>"}},
         "annotations"},
        {"action added", {{ids.catalog, with_action}}, "actions"},
    };
    for (const auto& c : cases) {
        const std::string updated = append_update(pdf, c.objects);
        const auto r = check(updated);
        INFO(c.name << ": " << reasons(r));
        CHECK(r.verdict == Verdict::Failed);
        REQUIRE(r.signatures.size() == 1);
        const auto& ch = r.signatures[0].changes_after;
        CHECK(std::find(ch.begin(), ch.end(), c.kind) != ch.end());
    }
    // Poppler's pdfsig still calls the replaced-content file valid; kansli does not.
    const std::string dir = test::temp_dir("verify-replaced");
    const std::string path = dir + "/replaced.pdf";
    core::write_file_atomic(path, append_update(pdf, {{ids.content1, replaced}}));
    const auto pdfsig = test::run({"pdfsig", "-nocert", path});
    CHECK(pdfsig.out.find("Signature is Valid") != std::string::npos);
    const auto again = check(load("pdfsig-rsa.pdf"));
    CHECK(again.verdict == Verdict::Passed);
    // An update that adds nothing harmful (a new /Info) keeps the signature.
    const auto info = append_update(pdf, {{fresh, "<< /Title (x) >>"}}, " /Info " + std::to_string(fresh) + " 0 R");
    INFO(reasons(check(info)));
    CHECK(check(info).verdict == Verdict::Passed);
}

TEST_CASE("verify: deeply nested dictionaries and arrays are rejected quickly", "[verify][hostile]") {
    const std::string pdf = load("pdfsig-rsa.pdf");
    for (std::size_t depth : {std::size_t{1000}, std::size_t{50000}}) {
        for (const auto& [open, close] : {std::pair<std::string, std::string>{"<< /A ", " >>"}, {"[", "]"}}) {
            std::string body;
            for (std::size_t i = 0; i < depth; ++i) body += open;
            body += "1";
            for (std::size_t i = 0; i < depth; ++i) body += close;
            const std::string bad = append_update(pdf, {{40, body}});
            const auto t0 = std::chrono::steady_clock::now();
            const auto r = check(bad);
            const auto ms =
                std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
            INFO(depth << " " << open << ": " << reasons(r) << " in " << ms << " ms");
            CHECK(r.verdict == Verdict::Failed);
            CHECK(ms < 1000);
        }
    }
}

}  // namespace verify_test
