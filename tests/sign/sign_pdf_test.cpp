// sign::sign_pdf on fixture PDFs, checked with tools we did not write: pdfsig (NSS), openssl cms,
// qpdf --check.
#include "fixture.hpp"
#include "sign/pdf_signer.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <regex>
#include <sstream>

using namespace kansli;
using test::sign_as;

namespace {

bool starts_with(const core::Bytes& whole, const core::Bytes& prefix) {
    return whole.size() >= prefix.size() && std::memcmp(whole.data(), prefix.data(), prefix.size()) == 0;
}

// An NSS database trusting only the demo root (once per test run).
std::string nss_dir() {
    static const std::string dir = [] {
        const std::string d = test::temp_dir("nss");
        test::run({"certutil", "-N", "-d", "sql:" + d, "--empty-password"});
        test::run({"certutil", "-A", "-d", "sql:" + d, "-n", "root", "-t", "CT,C,C", "-i",
                   test::source("keys/demo/root.cert.pem")});
        return d;
    }();
    return dir;
}

// pdfsig's verdicts, one line per signature ("Signature is Valid.", "Certificate is Trusted.").
std::vector<std::string> pdfsig(const std::string& path, const char* what) {
    const auto r = test::run({"pdfsig", "-nssdir", "sql:" + nss_dir(), path});
    std::vector<std::string> out;
    std::size_t pos = 0;
    const std::string key = std::string("  - ") + what + ": ";
    while ((pos = r.out.find(key, pos)) != std::string::npos) {
        pos += key.size();
        out.push_back(r.out.substr(pos, r.out.find('\n', pos) - pos));
    }
    return out;
}

struct Range {
    std::size_t a, b, c, d;
};
std::vector<Range> byte_ranges(const core::Bytes& pdf) {
    const std::string s(pdf.begin(), pdf.end());
    std::vector<Range> out;
    const std::regex re(R"(/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\])");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) {
        out.push_back({std::stoul((*it)[1]), std::stoul((*it)[2]), std::stoul((*it)[3]), std::stoul((*it)[4])});
    }
    return out;
}

// openssl cms -verify of signature i (its CMS from the hole, its content from the ranges).
test::RunResult openssl_verify(const core::Bytes& pdf, const Range& r, const std::string& dir) {
    core::Bytes content(pdf.begin(), pdf.begin() + static_cast<std::ptrdiff_t>(r.b));
    content.insert(content.end(), pdf.begin() + static_cast<std::ptrdiff_t>(r.c),
                   pdf.begin() + static_cast<std::ptrdiff_t>(r.c + r.d));
    core::Bytes cms;
    for (std::size_t i = r.b + 1; i + 1 < r.c - 1; i += 2) {
        cms.push_back(static_cast<std::uint8_t>(std::stoi(std::string{char(pdf[i]), char(pdf[i + 1])}, nullptr, 16)));
    }
    // cut the zero padding by the DER length (SEQUENCE with a 2-byte long form length)
    REQUIRE(cms.size() > 4);
    REQUIRE(cms[0] == 0x30);
    REQUIRE(cms[1] == 0x82);
    cms.resize(4 + (std::size_t{cms[2]} << 8 | cms[3]));
    test::write(dir + "/content.bin", content);
    test::write(dir + "/sig.p7s", cms);
    return test::run({"openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", dir + "/sig.p7s", "-content",
                      dir + "/content.bin", "-CAfile", test::source("keys/demo/root.cert.pem"), "-purpose", "any",
                      "-out", "/dev/null"});
}

}  // namespace

TEST_CASE("three signers in a row: each update keeps the bytes before it, all signatures valid", "[sign]") {
    const std::string dir = test::temp_dir("sign3");
    const core::Bytes v0 = test::protokoll_pdf();
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    const core::Bytes v2 = sign_as(v1, "bjorn-sandal", sign::Role::Justerare, test::kT2,  // ECDSA P-256
                                   {.reason = "Justering av protokoll", .location = "Östersund"});
    const core::Bytes v3 = sign_as(v2, "katarina-nyberg-finn", sign::Role::Ordforande, test::kT3);
    CHECK(starts_with(v1, v0));
    CHECK(starts_with(v2, v1));
    CHECK(starts_with(v3, v2));
    test::write(dir + "/v3.pdf", v3);

    CHECK(pdfsig(dir + "/v3.pdf", "Signature Validation") ==
          std::vector<std::string>{"Signature is Valid.", "Signature is Valid.", "Signature is Valid."});
    CHECK(pdfsig(dir + "/v3.pdf", "Certificate Validation") ==
          std::vector<std::string>{"Certificate is Trusted.", "Certificate is Trusted.", "Certificate is Trusted."});
    CHECK(pdfsig(dir + "/v3.pdf", "Signer full Distinguished Name").size() == 3);
    // the justerare's /Reason and /Location, as qpdf decodes the text strings
    const std::string json = test::run({"qpdf", "--json=2", "--json-key=qpdf", dir + "/v3.pdf"}).out;
    CHECK(json.find("\"/Location\": \"u:Östersund\"") != std::string::npos);
    CHECK(json.find("\"/Reason\": \"u:Justering av protokoll\"") != std::string::npos);
    const auto check = test::run({"qpdf", "--check", dir + "/v3.pdf"});
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("No syntax or stream encoding errors") != std::string::npos);

    const auto ranges = byte_ranges(v3);
    REQUIRE(ranges.size() == 3);
    // each signature covers exactly its own revision: v1, v2, v3
    CHECK(ranges[0].c + ranges[0].d == v1.size());
    CHECK(ranges[1].c + ranges[1].d == v2.size());
    CHECK(ranges[2].c + ranges[2].d == v3.size());
    for (const auto& r : ranges) {
        const auto res = openssl_verify(v3, r, dir);
        CHECK(res.err.find("Verification successful") != std::string::npos);
        CHECK(res.exit_code == 0);
    }
    // the signer names and the roles are in the visible text of the appearance streams
    const auto text = test::run({"pdftotext", "-layout", dir + "/v3.pdf", "-"});
    CHECK(text.out.find("Björn Sandal") != std::string::npos);
    CHECK(text.out.find("Roll: Ordförande") != std::string::npos);
}

TEST_CASE("signing order from /KANS_SigningOrder is enforced unless any_order", "[sign]") {
    const core::Bytes v0 = test::protokoll_pdf();
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    try {
        (void)sign_as(v1, "katarina-nyberg-finn", sign::Role::Ordforande, test::kT2);
        FAIL("ordförande signed before justerare");
    } catch (const core::Error& e) {
        CHECK(e.code() == core::ExitCode::Invalid);
        CHECK(e.diagnostics().at(0).message ==
              "Björn Sandal (justerare) must sign before Katarina Nyberg Finn (ordförande)");
    }
    CHECK_THROWS_AS(sign_as(v0, "bjorn-sandal", sign::Role::Justerare, test::kT1), core::Error);
    const core::Bytes out = sign_as(v1, "katarina-nyberg-finn", sign::Role::Ordforande, test::kT2, {.any_order = true});
    CHECK(starts_with(out, v1));
}

TEST_CASE("a signed field is refused, an unknown field is refused with the list of fields", "[sign]") {
    const core::Bytes v1 = sign_as(test::protokoll_pdf(), "christian-ahren", sign::Role::Sekreterare, test::kT1);
    CHECK_THROWS_WITH(sign_as(v1, "christian-ahren", sign::Role::Sekreterare, test::kT2),
                      Catch::Contains("signed already"));
    try {
        (void)sign_as(v1, "bjorn-sandal", sign::Role::Unknown, test::kT2, {.field = "Justerare 7"});
        FAIL("unknown field accepted");
    } catch (const core::Error& e) {
        CHECK(e.diagnostics().at(0).hint.find("\"Justerare\"") != std::string::npos);
    }
}

TEST_CASE("a PDF without fields gets a new invisible field", "[sign]") {
    const std::string dir = test::temp_dir("nofield");
    const core::Bytes v0 = test::make_pdf({}, {});
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    const core::Bytes v2 = sign_as(v1, "bjorn-sandal", sign::Role::Unknown, test::kT2, {.field = "Extra"});
    CHECK(starts_with(v2, v1));
    test::write(dir + "/v2.pdf", v2);
    CHECK(pdfsig(dir + "/v2.pdf", "Signature Validation") ==
          std::vector<std::string>{"Signature is Valid.", "Signature is Valid."});
    CHECK(test::run({"qpdf", "--check", dir + "/v2.pdf"}).exit_code == 0);
    // Every date the update writes is the injected signing time, never the wall clock.
    const std::string update(v1.begin() + static_cast<std::ptrdiff_t>(v0.size()), v1.end());
    const std::string expected = "(" + core::format_pdf_date(test::kT1) + ")";
    std::size_t dates = 0;
    for (auto p = update.find("(D:"); p != std::string::npos; p = update.find("(D:", p + 1)) {
        ++dates;
        CHECK(update.compare(p, expected.size(), expected) == 0);
    }
    CHECK(dates >= 2);  // the widget's /M, the signature's /M, the Info /ModDate
}

TEST_CASE("a PDF not made for named signers: every signer without --field gets a new field", "[sign]") {
    const std::string dir = test::temp_dir("foreign-many");
    core::Bytes pdf = test::make_pdf({}, {});
    const char* signers[] = {"christian-ahren", "bjorn-sandal", "katarina-nyberg-finn"};
    std::vector<std::string> notes;
    for (std::size_t i = 0; i < 3; ++i) {
        core::DiagSink diags;
        const core::Bytes next = sign_as(pdf, signers[i], sign::Role::Unknown, test::kT1, {.diags = &diags});
        CHECK(starts_with(next, pdf));
        pdf = next;
        REQUIRE(!diags.diagnostics().empty());
        notes.push_back(diags.diagnostics().back().message);
    }
    CHECK(notes == std::vector<std::string>{"signed field \"Signatur\" (new, invisible)",
                                            "signed field \"Signatur 2\" (new, invisible)",
                                            "signed field \"Signatur 3\" (new, invisible)"});
    test::write(dir + "/v3.pdf", pdf);
    CHECK(pdfsig(dir + "/v3.pdf", "Signature Validation") == std::vector<std::string>(3, "Signature is Valid."));
    CHECK(test::run({"qpdf", "--check", dir + "/v3.pdf"}).exit_code == 0);
}

TEST_CASE("identity: the certificate must name the person the field is for; any_order does not override", "[sign]") {
    const core::Bytes v0 = test::protokoll_pdf();
    for (const bool any_order : {false, true}) {
        try {
            (void)sign_as(v0, "bjorn-sandal", sign::Role::Sekreterare, test::kT1, {.any_order = any_order});
            FAIL("Björn Sandal filled the field of Christian Åhrén");
        } catch (const core::Error& e) {
            CHECK(e.code() == core::ExitCode::Invalid);
            CHECK(e.diagnostics().at(0).message ==
                  "the field \"Sekreterare\" is for Christian Åhrén, but the certificate names Björn Sandal");
        }
    }
    // by field name too
    CHECK_THROWS_WITH(sign_as(v0, "katarina-nyberg-finn", sign::Role::Unknown, test::kT1, {.field = "Sekreterare"}),
                      Catch::Contains("is for Christian Åhrén"));
    // the same person written differently (core::same_person) signs
    const core::Bytes hyphen = test::protokoll_pdf("christian  ÅHRÉN", "Björn Sandal", "Katarina Nyberg-Finn");
    const core::Bytes v1 = sign_as(hyphen, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    const core::Bytes v2 = sign_as(v1, "bjorn-sandal", sign::Role::Justerare, test::kT2);
    CHECK_NOTHROW(sign_as(v2, "katarina-nyberg-finn", sign::Role::Ordforande, test::kT3));
    // diacritics are significant
    CHECK_THROWS_WITH(sign_as(test::protokoll_pdf("Christian Ahren", "x", "y"), "christian-ahren",
                              sign::Role::Sekreterare, test::kT1),
                      Catch::Contains("is for Christian Ahren"));
}

// `qpdf --show-xref` of a file: object number → "uncompressed" or "compressed" (in an object stream).
std::map<int, std::string> xref_kinds(const std::string& path) {
    std::map<int, std::string> out;
    std::istringstream in(test::run({"qpdf", "--show-xref", path}).out);
    for (std::string line; std::getline(in, line);) {
        const auto slash = line.find('/');
        const auto colon = line.find(": ");
        if (slash == std::string::npos || colon == std::string::npos) continue;
        const std::string kind = line.substr(colon + 2, line.find(';', colon) - colon - 2);
        out[std::stoi(line.substr(0, slash))] = kind;
    }
    return out;
}

// The objects of `path` as `qpdf --json` shows them, one line per object ("obj:N 0 R": value).
std::map<std::string, std::string> json_objects(const std::string& path) {
    std::map<std::string, std::string> out;
    std::istringstream in(test::run({"qpdf", "--json=2", "--json-key=qpdf", path}).out);
    std::string key, value;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("      \"", 0) == 0) {  // a new key of the object list
            if (!key.empty()) out[key] = value;
            key = line.rfind("      \"obj:", 0) == 0 ? line.substr(7, line.find("\": ") - 7) : "";
            value.clear();
        } else if (!key.empty()) {
            value += line + "\n";
        }
    }
    if (!key.empty()) out[key] = value;
    return out;
}

TEST_CASE(
    "a PDF with a cross-reference stream gets an xref-stream update with /Prev; the first update takes the "
    "skeleton out of the object streams, later ones re-emit nothing",
    "[sign]") {
    const std::string dir = test::temp_dir("xrefstm");
    const core::Bytes plain = test::protokoll_pdf();
    test::write(dir + "/plain.pdf", plain);
    REQUIRE(test::run({"qpdf", "--object-streams=generate", dir + "/plain.pdf", dir + "/xref.pdf"}).exit_code == 0);
    const core::Bytes v0 = core::read_file(dir + "/xref.pdf");
    REQUIRE(std::string(v0.begin(), v0.end()).find("/XRef") != std::string::npos);
    const auto before = xref_kinds(dir + "/xref.pdf");
    core::DiagSink diags;
    auto id = test::demo_identity("christian-ahren");
    const sign::SignRequest req =
        test::sign_request(id, sign::Role::Sekreterare, test::kT1, {.appearance = false, .diags = &diags});
    const core::Bytes v1 = sign::sign_pdf(v0, req);
    REQUIRE(diags.diagnostics().size() == 1);
    CHECK(diags.diagnostics()[0].message == "signed field \"Sekreterare\"");
    const std::string u1(v1.begin() + static_cast<std::ptrdiff_t>(v0.size()), v1.end());
    const std::string tail0(v0.end() - 40, v0.end());
    const std::string prev =
        tail0.substr(tail0.find("startxref") + 10, tail0.find("\n%%EOF") - tail0.find("startxref") - 10);
    CHECK(u1.find("/Type /XRef") != std::string::npos);
    CHECK(u1.find("/Prev " + prev + " ") != std::string::npos);
    CHECK(u1.find("\nxref\n") == std::string::npos);
    test::write(dir + "/v1.pdf", v1);

    // The skeleton (catalog, page tree, page, every field and its widget) sat in an object stream
    // and is a plain object after the first signature, with the value it had: qpdf --json shows
    // the same object, apart from what signing changes (/AcroForm, the signed field, /Info).
    const auto after = xref_kinds(dir + "/v1.pdf");
    const auto root = test::run({"qpdf", "--show-object=trailer", dir + "/xref.pdf"}).out;
    const int catalog = std::stoi(root.substr(root.find("/Root ") + 6));
    CHECK(before.at(catalog) == "compressed");
    CHECK(after.at(catalog) == "uncompressed");
    const auto j0 = json_objects(dir + "/xref.pdf");
    const auto j1 = json_objects(dir + "/v1.pdf");
    int moved = 0;
    for (const auto& [n, kind] : before) {
        if (kind != "compressed" || after.at(n) != "uncompressed") continue;
        ++moved;
        const std::string key = "obj:" + std::to_string(n) + " 0 R";
        const std::string& now = j1.at(key);
        if (now.find("\"/SigFlags\"") != std::string::npos || now.find("\"/ModDate\"") != std::string::npos ||
            now.find("\"/V\"") != std::string::npos)
            continue;  // the AcroForm, /Info and the signed field: changed by signing
        CHECK(now == j0.at(key));
    }
    CHECK(moved >= 5);  // catalog, pages, page, three fields
    // Structure-free objects stay where they were: nothing but the skeleton moved.
    for (const auto& [n, kind] : before) {
        if (kind == "compressed" && after.at(n) == "uncompressed") {
            const std::string& v = j0.at("obj:" + std::to_string(n) + " 0 R");
            CHECK((v.find("/Type\": \"/Catalog") != std::string::npos ||
                   v.find("/Type\": \"/Pages") != std::string::npos ||
                   v.find("/Type\": \"/Page\"") != std::string::npos || v.find("\"/FT\"") != std::string::npos ||
                   v.find("/Producer") != std::string::npos || v.find("/Fields") != std::string::npos));
        }
    }

    // From the second signature on, nothing read from an object stream is written again: its
    // update is about as large as on the classic-xref original.
    const core::Bytes v2 = sign_as(v1, "bjorn-sandal", sign::Role::Justerare, test::kT2);
    const core::Bytes c1 = sign::sign_pdf(plain, req);
    const core::Bytes c2 = sign_as(c1, "bjorn-sandal", sign::Role::Justerare, test::kT2);
    CHECK(std::labs(static_cast<long>(v2.size() - v1.size()) - static_cast<long>(c2.size() - c1.size())) < 400);
    const core::Bytes v3 = sign_as(v2, "katarina-nyberg-finn", sign::Role::Ordforande, test::kT3);
    CHECK(starts_with(v1, v0));
    CHECK(starts_with(v2, v1));
    CHECK(starts_with(v3, v2));
    for (const auto& r : byte_ranges(v3)) CHECK(openssl_verify(v3, r, dir).exit_code == 0);
    test::write(dir + "/v3.pdf", v3);
    CHECK(pdfsig(dir + "/v3.pdf", "Signature Validation") ==
          std::vector<std::string>{"Signature is Valid.", "Signature is Valid.", "Signature is Valid."});
    const auto check = test::run({"qpdf", "--check", dir + "/v3.pdf"});
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("No syntax or stream encoding errors") != std::string::npos);
    // the same input and request give the same bytes on this path too
    CHECK(sign::sign_pdf(v0, req) == v1);
}

TEST_CASE("signing is deterministic: same input and time give the same bytes (RSA and ECDSA)", "[sign]") {
    const core::Bytes v0 = test::protokoll_pdf();
    const core::Bytes a = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    const core::Bytes b = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    CHECK(a == b);
    const core::Bytes c = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT2);
    CHECK(a != c);
    // ECDSA too: Botan 2.19 on Debian has RFC 6979 deterministic nonces
    CHECK(sign_as(a, "bjorn-sandal", sign::Role::Justerare, test::kT2) ==
          sign_as(a, "bjorn-sandal", sign::Role::Justerare, test::kT2));
}

TEST_CASE("a changed byte under an existing signature makes signing refuse", "[sign]") {
    core::Bytes v1 = sign_as(test::protokoll_pdf(), "christian-ahren", sign::Role::Sekreterare, test::kT1);
    const std::string s(v1.begin(), v1.end());
    const auto pos = s.find("/Producer");  // any byte inside the signed range
    const auto at = pos == std::string::npos ? std::size_t{20} : pos + 2;
    v1[at] = static_cast<std::uint8_t>(v1[at] ^ 0x01);
    CHECK_THROWS_WITH(sign_as(v1, "bjorn-sandal", sign::Role::Justerare, test::kT2),
                      Catch::Contains("does not check out"));
}

TEST_CASE("hostile input: not a PDF, truncated, deep nesting are refused without a crash", "[sign]") {
    const core::Bytes v0 = test::protokoll_pdf();
    CHECK_THROWS_AS(
        sign_as(core::Bytes{'h', 'e', 'l', 'l', 'o'}, "christian-ahren", sign::Role::Sekreterare, test::kT1),
        core::Error);
    CHECK_THROWS_AS(
        sign_as(core::Bytes(v0.begin(), v0.begin() + 400), "christian-ahren", sign::Role::Sekreterare, test::kT1),
        core::Error);
    std::string deep = "%PDF-1.7\n1 0 obj\n";
    for (int i = 0; i < 5000; ++i) deep += "<</A ";
    core::Bytes nested(deep.begin(), deep.end());
    CHECK_THROWS_WITH(sign_as(nested, "christian-ahren", sign::Role::Sekreterare, test::kT1),
                      Catch::Contains("deeper than"));
}

// Regenerates the tiny input PDF of the CLI tests: UPDATE_GOLDEN=1 test_sign "[.golden]"
TEST_CASE("write tests/data/sign/protokoll-unsigned.pdf", "[.golden]") {
    const char* update = std::getenv("UPDATE_GOLDEN");
    if (!update || std::string(update) != "1") return;
    test::write(test::data("sign/protokoll-unsigned.pdf"), test::protokoll_pdf());
    test::write(test::data("sign/no-fields.pdf"), test::make_pdf({}, {}));
    SUCCEED("written");
}

TEST_CASE("a changed signature value in an existing /Contents makes signing refuse", "[sign]") {
    core::Bytes v1 = sign_as(test::protokoll_pdf(), "christian-ahren", sign::Role::Sekreterare, test::kT1);
    const auto r = byte_ranges(v1).at(0);
    // the DER length from "3082LLLL", then the last hex digit of the DER: inside the RSA signature
    const std::string len_hex(v1.begin() + static_cast<std::ptrdiff_t>(r.b + 5),
                              v1.begin() + static_cast<std::ptrdiff_t>(r.b + 9));
    const std::size_t der_len = 4 + std::stoul(len_hex, nullptr, 16);
    const std::size_t pos = r.b + 1 + 2 * der_len - 1;
    v1[pos] = v1[pos] == '0' ? '1' : '0';
    CHECK_THROWS_WITH(sign_as(v1, "bjorn-sandal", sign::Role::Justerare, test::kT2),
                      Catch::Contains("bad signature") || Catch::Contains("does not verify"));
}

TEST_CASE("a podofosign (adbe.pkcs7.detached) signature before ours stays valid", "[sign]") {
    const std::string dir = test::temp_dir("podofosign");
    test::write(dir + "/in.pdf", test::make_pdf({}, {}));
    const auto key = test::run({"openssl", "pkey", "-in", test::source("keys/demo/katarina-nyberg-finn.key.pem"),
                                "-passin", "pass:kansli-demo", "-out", dir + "/k.pem"});
    REQUIRE(key.exit_code == 0);
    const auto ps = test::run({"podofosign", "-in", dir + "/in.pdf", "-out", dir + "/p.pdf", "-cert",
                               test::source("keys/demo/katarina-nyberg-finn.cert.pem"), "-pkey", dir + "/k.pem",
                               "-field-name", "Extern"});
    REQUIRE(ps.exit_code == 0);
    const core::Bytes v1 = core::read_file(dir + "/p.pdf");
    const core::Bytes v2 = sign_as(v1, "christian-ahren", sign::Role::Unknown, test::kT1, {.field = "Sekreterare"});
    CHECK(starts_with(v2, v1));
    test::write(dir + "/v2.pdf", v2);
    CHECK(pdfsig(dir + "/v2.pdf", "Signature Validation") ==
          std::vector<std::string>{"Signature is Valid.", "Signature is Valid."});
}

TEST_CASE("a signature made before ours: the skeleton stays in its object streams", "[sign]") {
    // After another tool's signature, rewriting the skeleton would redefine objects that the
    // object-level rule does not let a later revision redefine (the outline or structure root, a
    // text field): the first signer's signature would be reported as changed. Only the first
    // signature of a document takes the skeleton out of the object streams. Poppler's pdfsig signs
    // first here: its update leaves the object streams as they were.
    const std::string dir = test::temp_dir("pdfsig-objstm");
    test::write(dir + "/plain.pdf", test::protokoll_pdf());
    REQUIRE(test::run({"qpdf", "--object-streams=generate", dir + "/plain.pdf", dir + "/in.pdf"}).exit_code == 0);
    const std::string nss = "sql:" + dir + "/nss";
    std::filesystem::create_directories(dir + "/nss");
    REQUIRE(test::run({"certutil", "-N", "-d", nss, "--empty-password"}).exit_code == 0);
    REQUIRE(test::run({"openssl", "pkcs12", "-export", "-in", test::source("keys/demo/katarina-nyberg-finn.cert.pem"),
                       "-inkey", test::source("keys/demo/katarina-nyberg-finn.key.pem"), "-passin", "pass:kansli-demo",
                       "-name", "extern", "-passout", "pass:", "-out", dir + "/k.p12"})
                .exit_code == 0);
    REQUIRE(test::run({"pk12util", "-i", dir + "/k.p12", "-d", nss, "-W", ""}).exit_code == 0);
    const auto ps = test::run({"pdfsig", "-nssdir", nss, "-add-signature", "-nick", "extern",
                               "-new-signature-field-name", "Extern", dir + "/in.pdf", dir + "/p.pdf"});
    REQUIRE(ps.exit_code == 0);
    const auto before = xref_kinds(dir + "/p.pdf");
    const auto root = test::run({"qpdf", "--show-object=trailer", dir + "/p.pdf"}).out;
    const int catalog = std::stoi(root.substr(root.find("/Root ") + 6));
    REQUIRE(before.at(catalog) == "compressed");  // pdfsig appended to the object-stream file
    const core::Bytes v1 = core::read_file(dir + "/p.pdf");
    const core::Bytes v2 = sign_as(v1, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    CHECK(starts_with(v2, v1));
    test::write(dir + "/v2.pdf", v2);
    const auto after = xref_kinds(dir + "/v2.pdf");
    CHECK(after.at(catalog) == "compressed");
    int still = 0;
    for (const auto& [n, kind] : before) still += kind == "compressed" && after.at(n) == "compressed";
    CHECK(still + 3 >= static_cast<int>(std::count_if(before.begin(), before.end(), [](const auto& e) {
              return e.second == "compressed";
          })));  // at most the signed field, its widget's page and the AcroForm move
    CHECK(pdfsig(dir + "/v2.pdf", "Signature Validation") ==
          std::vector<std::string>{"Signature is Valid.", "Signature is Valid."});
}

TEST_CASE("mutated signed PDFs: sign_pdf either signs or refuses with core::Error, never crashes", "[sign]") {
    const core::Bytes v1 = sign_as(test::protokoll_pdf(), "christian-ahren", sign::Role::Sekreterare, test::kT1);
    CHECK(test::sign_mutants(v1, 0, 12345, {}) > 0);
}
