// `kansli ltv` (PAdES B-LT and B-LTA) and the long-term checks of `kansli verify`: the example
// protokoll signed B-T by its three signers with a TSA the test starts, made B-LTA and renewed,
// checked by outside witnesses (openssl ts -verify on the document time-stamp, openssl cms
// -verify on every signature, pdfsig, qpdf --check on every revision, openssl dgst for the VRI
// keys); proof of existence with a PKI the test makes with openssl ca (a signer certificate that
// expires, CRLs that revoke it before or after the time-stamp and that expire); tamper cases.
#include "job/sign.hpp"
#include "support/tools.hpp"
#include "tsa/client.hpp"
#include "tsa/fixture.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

using namespace kansli;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace ltv_test {

namespace {

const std::vector<std::string> kPass = {"KANSLI_PASSPHRASE=kansli-demo"};

struct Range {
    std::size_t a = 0, b = 0, c = 0, d = 0;
};

// Every /ByteRange of the file, in file order.
std::vector<Range> ranges(const core::Bytes& pdf) {
    const std::string s(pdf.begin(), pdf.end());
    static const std::regex re(R"(/ByteRange \[(\d+) (\d+) (\d+) (\d+) *\])");
    std::vector<Range> out;
    for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) {
        out.push_back({std::stoul((*it)[1]), std::stoul((*it)[2]), std::stoul((*it)[3]), std::stoul((*it)[4])});
    }
    return out;
}

core::Bytes contents(const core::Bytes& pdf, const Range& r, bool trim) {
    core::Bytes out;
    for (std::size_t i = r.b + 1; i + 1 < r.c - 1; i += 2) {
        out.push_back(static_cast<std::uint8_t>(std::stoi(std::string{char(pdf[i]), char(pdf[i + 1])}, nullptr, 16)));
    }
    // DER length of the outer SEQUENCE (0x30 0x82 hi lo): cut the zero padding.
    if (trim && out.size() > 4) out.resize(std::min(out.size(), std::size_t{4} + (out[2] << 8 | out[3])));
    return out;
}

core::Bytes signed_bytes(const core::Bytes& pdf, const Range& r) {
    core::Bytes out(pdf.begin(), pdf.begin() + static_cast<std::ptrdiff_t>(r.b));
    out.insert(out.end(), pdf.begin() + static_cast<std::ptrdiff_t>(r.c),
               pdf.begin() + static_cast<std::ptrdiff_t>(r.c + r.d));
    return out;
}

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
    return n;
}

// The example protokoll signed by `signers` (key stem, role, certificate file), B-T when `url` is set.
std::string sign_protokoll(const std::string& dir, const std::string& url,
                           const std::vector<std::array<std::string, 3>>& signers, int hour = 10) {
    std::string in = test::data("sign/protokoll-unsigned.pdf");
    for (std::size_t i = 0; i < signers.size(); ++i) {
        job::SignConfig cfg;
        cfg.input = in;
        cfg.output = dir + "/signed-" + std::to_string(i + 1) + ".pdf";
        cfg.key_path = test::key(signers[i][0]);
        cfg.cert_path = signers[i][2].empty() ? test::cert(signers[i][0]) : signers[i][2];
        cfg.passphrase = "kansli-demo";
        cfg.role = signers[i][1];
        cfg.time = core::Instant{core::parse_instant("2026-03-01T00:00:00Z")->seconds + (hour + int(i)) * 3600};
        if (!url.empty()) {
            cfg.timestamp = [url](const core::Bytes& sig) {
                return tsa::request_timestamp(url, cms::tsp::sha256_imprint(sig));
            };
        }
        job::sign_file(cfg);
        in = cfg.output;
    }
    return in;
}

const std::vector<std::array<std::string, 3>> kThree = {{"christian-ahren", "sekreterare", ""},
                                                        {"bjorn-sandal", "justerare", ""},
                                                        {"katarina-nyberg-finn", "ordförande", ""}};

std::vector<std::string> demo_crls() {
    return {"--crl", test::source("keys/demo/issuing.crl.pem"), "--crl", test::source("keys/demo/root.crl.pem")};
}

test::RunResult ltv(const std::string& in, const std::string& out, const std::vector<std::string>& more) {
    std::vector<std::string> args = {"ltv", in, "-o", out, "--trust", test::cert("root")};
    args.insert(args.end(), more.begin(), more.end());
    return test::kansli(args);
}

test::RunResult verify_json(const std::string& file, const std::string& at) {
    return test::kansli({"verify", file, "--trust", test::cert("root"), "--at", at, "--json"});
}

}  // namespace

TEST_CASE("kansli ltv: the B-T protokoll made B-LTA, accepted by openssl ts, openssl cms, pdfsig and qpdf",
          "[tsa][ltv]") {
    const std::string dir = test::temp_dir("ltv");
    std::string signed_pdf;
    {
        test::RunningTsa tsa(dir + "/serial-sign", "", "", "2026-03-01T13:30:00Z");
        signed_pdf = sign_protokoll(dir, tsa.url(), kThree);
    }
    const auto make = [&](const std::string& out, const std::string& serial) {
        test::RunningTsa tsa(serial, "", "", "2026-03-02T00:00:00Z");  // a fresh TSA: the same serials
        auto args = demo_crls();
        for (const char* a : {"--tsa", "", "--date", "2026-03-02T00:00:00Z"}) args.push_back(a);
        args[args.size() - 3] = tsa.url();
        return ltv(signed_pdf, out, args);
    };
    const std::string lta = dir + "/lta.pdf";
    auto r = make(lta, dir + "/serial-a");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("B-LTA") != std::string::npos);

    // Deterministic: the same input, date and TSA state give the same bytes.
    REQUIRE(make(dir + "/lta2.pdf", dir + "/serial-b").exit_code == 0);
    const core::Bytes pdf = core::read_file(lta);
    CHECK(pdf == core::read_file(dir + "/lta2.pdf"));

    // Signed bytes untouched: the signed file is a prefix of the B-LTA file.
    const core::Bytes before = core::read_file(signed_pdf);
    REQUIRE(pdf.size() > before.size());
    CHECK(std::equal(before.begin(), before.end(), pdf.begin()));

    // Every revision passes qpdf --check.
    const std::string text(pdf.begin(), pdf.end());
    std::size_t revisions = 0;
    for (auto p = text.find("%%EOF"); p != std::string::npos; p = text.find("%%EOF", p + 1)) {
        const std::string rev = dir + "/rev" + std::to_string(++revisions) + ".pdf";
        core::write_file_atomic(rev, core::Bytes(pdf.begin(), pdf.begin() + static_cast<std::ptrdiff_t>(p + 6)));
        const auto q = test::run({"qpdf", "--check", rev});
        INFO(rev << q.out << q.err);
        CHECK(q.exit_code == 0);
    }
    CHECK(revisions == 6);  // build, three signatures, DSS, document time-stamp

    // pdfsig lists the three signatures and the document time-stamp.
    const auto ps = test::run({"pdfsig", "-nocert", lta});
    CHECK(count(ps.out, "Signature Field Name:") == 4);
    CHECK(ps.out.find("Dokumenttidsst") != std::string::npos);
    CHECK(count(ps.out, "Signature is Valid.") == 3);

    const auto rs = ranges(pdf);
    REQUIRE(rs.size() == 4);
    for (std::size_t i = 0; i < 3; ++i) {  // openssl cms -verify on each signature, still
        core::write_file_atomic(dir + "/sig.p7s", contents(pdf, rs[i], true));
        core::write_file_atomic(dir + "/content.bin", signed_bytes(pdf, rs[i]));
        const auto v = test::run({"openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", dir + "/sig.p7s",
                                  "-content", dir + "/content.bin", "-CAfile", test::cert("root"), "-certfile",
                                  test::cert("issuing"), "-purpose", "any", "-out", "/dev/null"});
        INFO(i << v.err);
        CHECK(v.exit_code == 0);
        // The VRI key: uppercase SHA-1 of /Contents as stored (openssl dgst).
        core::write_file_atomic(dir + "/contents.bin", contents(pdf, rs[i], false));
        const auto d = test::run({"openssl", "dgst", "-sha1", "-r", dir + "/contents.bin"});
        std::string key = d.out.substr(0, 40);
        for (auto& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        CHECK(text.find("/" + key + " << /Cert [") != std::string::npos);
    }
    // openssl ts -verify on the document time-stamp token over its byte ranges, with the TSA chain.
    core::write_file_atomic(dir + "/doc.tst", contents(pdf, rs[3], true));
    core::write_file_atomic(dir + "/doc.data", signed_bytes(pdf, rs[3]));
    CHECK(rs[3].c + rs[3].d == pdf.size());
    const auto ts = test::run({"openssl", "ts", "-verify", "-data", dir + "/doc.data", "-in", dir + "/doc.tst",
                               "-token_in", "-CAfile", test::cert("root"), "-untrusted", test::cert("tsa")});
    INFO(ts.out << ts.err);
    CHECK(ts.out.find("Verification: OK") != std::string::npos);
    CHECK(text.find("/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161") != std::string::npos);
    CHECK(text.find("/ESIC<</BaseVersion/1.7/ExtensionLevel 1>>") != std::string::npos);  // PAdES on PDF 1.7

    // kansli verify with no --crl: the validation data comes from the DSS.
    auto v = verify_json(lta, "2026-03-03");
    INFO(v.out);
    CHECK(v.exit_code == 0);
    CHECK(count(v.out, "\"level\": \"B-LTA\"") == 3);
    CHECK(count(v.out, "\"kind\": \"document-timestamp\"") == 1);
    // The signed B-T file alone, with no CRL anywhere, is not B-LT and cannot pass.
    v = verify_json(signed_pdf, "2026-03-03");
    CHECK(count(v.out, "\"level\": \"B-T\"") == 3);
    CHECK(v.exit_code == 1);

    SECTION("renewal: ltv again a year later adds a document time-stamp and no duplicate data") {
        test::RunningTsa tsa(dir + "/serial-c", "", "", "2027-03-02T00:00:00Z");
        auto args = demo_crls();
        for (const std::string& a :
             {std::string("--tsa"), tsa.url(), std::string("--date"), std::string("2027-03-02T00:00:00Z")})
            args.push_back(a);
        r = ltv(lta, dir + "/renewed.pdf", args);
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(r.err.find("0 and 0 new") != std::string::npos);
        const core::Bytes renewed = core::read_file(dir + "/renewed.pdf");
        const std::string t2(renewed.begin(), renewed.end());
        v = verify_json(dir + "/renewed.pdf", "2027-03-03");
        INFO(v.out);
        CHECK(v.exit_code == 0);
        CHECK(count(v.out, "\"level\": \"B-LTA\"") == 3);
        CHECK(count(v.out, "\"kind\": \"document-timestamp\"") == 2);
        // Both DSS revisions list the same certificates and CRLs (the second merged, nothing twice).
        const std::regex dss_re(R"(/Type /DSS (/Certs \[[^\]]*\] /CRLs \[[^\]]*\]))");
        std::vector<std::string> lists;
        for (auto it = std::sregex_iterator(t2.begin(), t2.end(), dss_re); it != std::sregex_iterator(); ++it)
            lists.push_back((*it)[1]);
        REQUIRE(lists.size() == 2);
        CHECK(lists[0] == lists[1]);
        // The first document time-stamp now has its VRI entry too.
        core::write_file_atomic(dir + "/contents.bin", contents(renewed, ranges(renewed)[3], false));
        std::string key = test::run({"openssl", "dgst", "-sha1", "-r", dir + "/contents.bin"}).out.substr(0, 40);
        for (auto& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        CHECK(t2.find("/" + key + " << /Cert [") != std::string::npos);
    }
    SECTION("a document time-stamp whose /ByteRange does not reach the end of the file fails") {
        core::Bytes bad = pdf;
        const std::string old =
            "/ByteRange [0 " + std::to_string(rs[3].b) + " " + std::to_string(rs[3].c) + " " + std::to_string(rs[3].d);
        const auto at = text.rfind(old);
        REQUIRE(at != std::string::npos);
        const std::string shorter = std::to_string(rs[3].d - 100);
        std::string patched = old.substr(0, old.size() - std::to_string(rs[3].d).size()) + shorter;
        patched.resize(old.size(), ' ');
        std::copy(patched.begin(), patched.end(), bad.begin() + static_cast<std::ptrdiff_t>(at));
        core::write_file_atomic(dir + "/short.pdf", bad);
        v = verify_json(dir + "/short.pdf", "2026-03-03");
        INFO(v.out);
        CHECK(v.exit_code == 1);
        CHECK(v.out.find("does not end at the end of a revision") != std::string::npos);
        CHECK(count(v.out, "\"level\": \"B-LTA\"") == 0);
    }
    SECTION("a later revision that strips the DSS is reported") {
        // The catalog rewritten without /DSS, in a classic incremental update.
        const std::regex root_re(R"(/Root (\d+) 0 R)");
        std::smatch m;
        const std::string tail = text.substr(text.rfind("trailer"));
        REQUIRE(std::regex_search(tail, m, root_re));
        const std::string root = m[1];
        auto shown = test::run({"qpdf", "--show-object=" + root, lta});
        REQUIRE(shown.exit_code == 0);
        std::string dict = std::regex_replace(shown.out, std::regex(R"(/DSS \d+ 0 R)"), "");
        const std::size_t size_at = tail.find("/Size ") + 6;
        const std::string size = tail.substr(size_at, tail.find_first_of(" /", size_at) - size_at);
        const std::size_t prev = std::stoul(text.substr(text.rfind("startxref") + 10));
        core::Bytes out = pdf;
        const std::size_t obj_at = out.size();
        const std::string obj = root + " 0 obj\n" + dict + "\nendobj\n";
        out.insert(out.end(), obj.begin(), obj.end());
        char line[32];
        std::snprintf(line, sizeof line, "%010zu 00000 n \n", obj_at);
        const std::string xref = "xref\n" + root + " 1\n" + line + "trailer\n<< /Size " + size + " /Root " + root +
                                 " 0 R /Prev " + std::to_string(prev) + " >>\nstartxref\n" +
                                 std::to_string(obj_at + obj.size()) + "\n%%EOF\n";
        out.insert(out.end(), xref.begin(), xref.end());
        core::write_file_atomic(dir + "/stripped.pdf", out);
        REQUIRE(test::run({"qpdf", "--check", dir + "/stripped.pdf"}).exit_code == 0);
        v = verify_json(dir + "/stripped.pdf", "2026-03-03");
        INFO(v.out);
        CHECK(v.exit_code == 1);
        CHECK(v.out.find("/DSS removed or validation data taken out of it") != std::string::npos);
        CHECK(count(v.out, "\"level\": \"B-LTA\"") == 0);
    }
}

TEST_CASE("kansli ltv refuses unsigned input, a foreign CRL and a TSA that is down; nothing is written", "[tsa][ltv]") {
    const std::string dir = test::temp_dir("ltv-refuse");
    const std::string out = dir + "/out.pdf";
    auto r = ltv(test::data("sign/protokoll-unsigned.pdf"), out, demo_crls());
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("has no signatures") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));

    const std::string signed_pdf = sign_protokoll(dir, "", {kThree[0]});
    // A CRL of another CA (made by openssl): it matches no chain of the file.
    const std::string k = dir + "/other.key", c = dir + "/other.pem", crl = dir + "/other.crl";
    REQUIRE(test::run({"openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                       "-keyout", k, "-out", c, "-subj", "/CN=Other CA", "-days", "30"})
                .exit_code == 0);
    core::write_file_atomic(dir + "/index.txt", std::string());
    core::write_file_atomic(dir + "/ca.cnf", "[ca]\ndefault_ca=c\n[c]\ndatabase=" + dir +
                                                 "/index.txt\ndefault_md=sha256\ndefault_crl_days=30\n");
    REQUIRE(test::run({"openssl", "ca", "-config", dir + "/ca.cnf", "-gencrl", "-keyfile", k, "-cert", c, "-out", crl})
                .exit_code == 0);
    auto args = demo_crls();
    args.push_back("--crl");
    args.push_back(crl);
    r = ltv(signed_pdf, out, args);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(crl) != std::string::npos);
    CHECK(r.err.find("matches no certificate") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
    // A missing CRL of the issuing CA.
    r = ltv(signed_pdf, out, {"--crl", test::source("keys/demo/root.crl.pem")});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("no CRL of 'kansli DEMO Issuing CA'") != std::string::npos);
    // A TSA nobody listens on: exit 2, the URL named.
    args = demo_crls();
    args.push_back("--tsa");
    args.push_back("http://127.0.0.1:9/");
    r = ltv(signed_pdf, out, args);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("http://127.0.0.1:9/") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));
    // Never over its input.
    r = ltv(signed_pdf, signed_pdf, demo_crls());
    CHECK(r.exit_code == 2);
}

}  // namespace ltv_test
