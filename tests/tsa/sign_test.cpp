// `kansli sign --tsa` (PAdES B-T) and the time-stamp checks of `kansli verify`, with outside
// witnesses (pdfsig, openssl cms -verify, openssl ts -verify on the embedded token) and tamper
// cases: a changed byte, a token of another signature, an untrusted TSA, a TSA certificate whose
// extKeyUsage is not critical.
#include "cms/timestamp.hpp"
#include "job/sign.hpp"
#include "sign/identity.hpp"
#include "support/tools.hpp"
#include "tsa/client.hpp"
#include "tsa/fixture.hpp"
#include "verify/verify.hpp"

#include <catch2/catch.hpp>

#include <botan/hash.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <ctime>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <filesystem>
#include <sstream>
#include <thread>

using namespace kansli;

namespace {

const std::vector<std::string> kPass = {"KANSLI_PASSPHRASE=kansli-demo"};

std::string hex(const core::Bytes& b) {
    std::ostringstream o;
    for (auto c : b) o << "0123456789abcdef"[c >> 4] << "0123456789abcdef"[c & 15];
    return o.str();
}

// From `openssl asn1parse` of the CMS: the SignerInfo's signature value (the OCTET STRING just
// before the unsigned attributes) and the token (the SEQUENCE inside the timeStampToken SET).
struct Parts {
    core::Bytes signature;
    core::Bytes token;
};
Parts parts_by_openssl(const std::string& cms_file) {
    const auto r = test::run({"openssl", "asn1parse", "-inform", "DER", "-in", cms_file});
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> lines;
    std::istringstream in(r.out);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    std::size_t at = 0;
    while (at < lines.size() && lines[at].find(":id-smime-aa-timeStampToken") == std::string::npos) ++at;
    REQUIRE(at >= 3);
    REQUIRE(at + 2 < lines.size());
    Parts p;
    const std::string& sig = lines[at - 3];
    const auto dump = sig.find("[HEX DUMP]:");
    REQUIRE(dump != std::string::npos);
    for (std::size_t i = dump + 11; i + 1 < sig.size(); i += 2) {
        p.signature.push_back(static_cast<std::uint8_t>(std::stoi(sig.substr(i, 2), nullptr, 16)));
    }
    // "  2641:d=8  hl=4 l=1439 cons: SEQUENCE"
    const std::string& tok = lines[at + 2];
    const std::size_t offset = std::stoul(tok);
    const std::size_t hl = std::stoul(tok.substr(tok.find("hl=") + 3));
    const std::size_t len = std::stoul(tok.substr(tok.find(" l=") + 3));
    const core::Bytes cms = core::read_file(cms_file);
    REQUIRE(offset + hl + len <= cms.size());
    p.token.assign(cms.begin() + static_cast<std::ptrdiff_t>(offset),
                   cms.begin() + static_cast<std::ptrdiff_t>(offset + hl + len));
    return p;
}

verify::VerifyOptions options() {
    verify::VerifyOptions o;
    o.trust = verify::load_certificates(test::cert("root"));
    for (const char* crl : {"keys/demo/issuing.crl.pem", "keys/demo/root.crl.pem"}) {
        auto c = verify::load_crls(test::source(crl));
        o.crls.insert(o.crls.end(), c.begin(), c.end());
    }
    o.at = core::parse_instant("2026-03-02T00:00:00Z").value();
    return o;
}

// Signs the example protokoll as sekreterare with `timestamp` producing the token.
core::Bytes sign_with(const std::string& dir, const std::string& name,
                      std::function<core::Bytes(const core::Bytes&)> timestamp) {
    job::SignConfig cfg;
    cfg.input = test::data("sign/protokoll-unsigned.pdf");
    cfg.output = dir + "/" + name;
    cfg.key_path = test::key("christian-ahren");
    cfg.cert_path = test::cert("christian-ahren");
    cfg.passphrase = "kansli-demo";
    cfg.role = "sekreterare";
    cfg.time = core::parse_instant("2026-03-01T10:00:00Z").value();
    cfg.timestamp = std::move(timestamp);
    job::sign_file(cfg);
    return core::read_file(cfg.output);
}

verify::SignatureReport verify_first(const core::Bytes& pdf) {
    const auto rep = verify::verify_pdf(pdf, "t.pdf", options());
    REQUIRE(rep.signatures.size() >= 1);
    return rep.signatures.front();
}

// An openssl-made key and certificate; `issuer` "" = self-signed CA, else signed by the demo root.
std::pair<std::string, std::string> openssl_tsa(const std::string& dir, const std::string& name,
                                                const std::string& eku) {
    const std::string key = dir + "/" + name + ".key.pem", cert = dir + "/" + name + ".cert.pem";
    const std::string ext = dir + "/" + name + ".ext";
    core::write_file_atomic(
        ext, "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=" + eku + "\n");
    REQUIRE(test::run({"openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key})
                .exit_code == 0);
    REQUIRE(test::run({"openssl", "req", "-new", "-key", key, "-subj", "/CN=" + name + "/O=kansli test", "-out",
                       dir + "/" + name + ".csr"})
                .exit_code == 0);
    return {key, cert};
}

}  // namespace

TEST_CASE("kansli sign --tsa: B-T signature that pdfsig, openssl cms and openssl ts accept", "[tsa][sign]") {
    const std::string dir = test::temp_dir("tsa-sign");
    test::RunningTsa tsa(dir + "/serial");
    const std::string out = dir + "/bt.pdf";
    auto r = test::kansli(
        {"sign", test::data("sign/protokoll-unsigned.pdf"), "-o", out, "--key", test::key("christian-ahren"), "--cert",
         test::cert("christian-ahren"), "--role", "sekreterare", "--date", "2026-03-01T10:00:00Z", "--tsa", tsa.url()},
        kPass);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto pdfsig = test::run({"pdfsig", "-nocert", out});
    CHECK(pdfsig.out.find("Signature is Valid.") != std::string::npos);
    CHECK(test::run({"qpdf", "--check", out}).exit_code == 0);

    const core::Bytes pdf = core::read_file(out);
    core::write_file_atomic(dir + "/sig.p7s", test::first_cms(pdf));
    core::write_file_atomic(dir + "/content.bin", test::first_signed_content(pdf));
    const auto cms =
        test::run({"openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in", dir + "/sig.p7s", "-content",
                   dir + "/content.bin", "-CAfile", test::cert("root"), "-purpose", "any", "-out", "/dev/null"});
    INFO(cms.err);
    CHECK(cms.exit_code == 0);

    const Parts p = parts_by_openssl(dir + "/sig.p7s");
    core::write_file_atomic(dir + "/token.der", p.token);
    auto h = Botan::HashFunction::create_or_throw("SHA-256");
    h->update(p.signature.data(), p.signature.size());
    const auto d = h->final();
    const auto ts =
        test::run({"openssl", "ts", "-verify", "-digest", hex(core::Bytes(d.begin(), d.end())), "-in",
                   dir + "/token.der", "-token_in", "-CAfile", test::cert("root"), "-untrusted", test::cert("tsa")});
    INFO(ts.out << ts.err);
    CHECK(ts.out.find("Verification: OK") != std::string::npos);

    const auto v =
        test::kansli({"verify", out, "--trust", test::cert("root"), "--crl", test::source("keys/demo/issuing.crl.pem"),
                      "--crl", test::source("keys/demo/root.crl.pem"), "--at", "2026-03-02", "--json"});
    INFO(v.out);
    CHECK(v.exit_code == 0);
    CHECK(v.out.find("\"level\": \"B-T\"") != std::string::npos);
    CHECK(v.out.find("\"timestamp_time\": \"2026-03-01T10:00:00Z\"") != std::string::npos);
    // An untrusted TSA anchor (the issuing CA does not issue the TSA): the time-stamp fails.
    const auto v2 = test::kansli(
        {"verify", out, "--trust", test::cert("root"), "--trust-tsa", test::cert("issuing"), "--at", "2026-03-02"});
    CHECK(v2.exit_code == 1);
    CHECK(v2.out.find("timestamp      failed") != std::string::npos);
    CHECK(v2.out.find("level          B-B") != std::string::npos);
}

TEST_CASE("kansli sign --tsa: a TSA that is down or answers garbage is named, nothing written", "[tsa][sign]") {
    const std::string dir = test::temp_dir("tsa-down");
    const std::string out = dir + "/out.pdf";
    const std::vector<std::string> base = {"sign",   test::data("sign/protokoll-unsigned.pdf"),
                                           "-o",     out,
                                           "--key",  test::key("christian-ahren"),
                                           "--cert", test::cert("christian-ahren"),
                                           "--role", "sekreterare",
                                           "--tsa"};
    // Down: a port nobody listens on (bound by a plain socket and closed again).
    int free_port = 0;
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof a;
        REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
        REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
        free_port = ntohs(a.sin_port);
        ::close(fd);
    }
    const std::string down = "http://127.0.0.1:" + std::to_string(free_port) + "/";
    auto args = base;
    args.push_back(down);
    auto r = test::kansli(args, kPass);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(down) != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(out));

    // Garbage, an HTTP error and a rejection.
    httplib::Server fake;
    fake.Post("/garbage", [](const httplib::Request&, httplib::Response& res) {
        res.set_content("not a time-stamp", "application/timestamp-reply");
    });
    fake.Post("/error", [](const httplib::Request&, httplib::Response& res) { res.status = 500; });
    fake.Post("/reject", [](const httplib::Request&, httplib::Response& res) {
        const auto b = cms::tsp::encode_rejection(cms::tsp::Failure::SystemFailure, "out of order");
        res.set_content(std::string(b.begin(), b.end()), "application/timestamp-reply");
    });
    const int port = fake.bind_to_any_port("127.0.0.1");
    std::thread th([&] { fake.listen_after_bind(); });
    for (const char* path : {"/garbage", "/error", "/reject"}) {
        const std::string url = "http://127.0.0.1:" + std::to_string(port) + path;
        INFO(url);
        args = base;
        args.push_back(url);
        r = test::kansli(args, kPass);
        INFO(r.err);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find(url) != std::string::npos);
        CHECK_FALSE(std::filesystem::exists(out));
    }
    CHECK(r.err.find("out of order") != std::string::npos);
    fake.stop();
    th.join();
}

TEST_CASE("verify: tampered, swapped, untrusted and wrongly issued time-stamps fail", "[tsa][verify]") {
    const std::string dir = test::temp_dir("tsa-tamper");
    test::RunningTsa tsa(dir + "/serial");
    const std::string url = tsa.url();
    const auto good = [&](const core::Bytes& sig) {
        return tsa::request_timestamp(url, cms::tsp::sha256_imprint(sig));
    };

    // Control: the same path with a genuine token passes at B-T.
    auto r = verify_first(sign_with(dir, "good.pdf", good));
    INFO(r.timestamp.detail << " / " << r.reason);
    CHECK(r.timestamp.status == verify::FacetStatus::Ok);
    CHECK(r.level == "B-T");
    CHECK(r.verdict == verify::Verdict::Passed);

    SECTION("one byte of the token changed") {
        r = verify_first(sign_with(dir, "flip.pdf", [&](const core::Bytes& sig) {
            core::Bytes t = good(sig);
            t.at(t.size() - 10) ^= 0x01;  // inside the TSA's signature value
            return t;
        }));
    }
    SECTION("the token of another signature") {
        r = verify_first(sign_with(dir, "swap.pdf", [&](const core::Bytes& sig) {
            core::Bytes other = sig;
            other.at(0) ^= 0xFF;
            return good(other);
        }));
        CHECK(r.timestamp.detail.find("imprint") != std::string::npos);
    }
    SECTION("a token from a TSA under another root") {
        const auto [key, cert] = openssl_tsa(dir, "stranger", "critical,timeStamping");
        REQUIRE(test::run({"openssl", "x509", "-req", "-in", dir + "/stranger.csr", "-key", key, "-days", "3650",
                           "-set_serial", "7", "-extfile", dir + "/stranger.ext", "-out", cert})
                    .exit_code == 0);
        // openssl x509 -req (3.0) starts the validity now: so does this TSA's clock.
        const std::string now = "@" + std::to_string(std::time(nullptr) + 5);
        test::RunningTsa stranger(dir + "/serial2", key, cert, now);
        r = verify_first(sign_with(dir, "stranger.pdf", [&](const core::Bytes& sig) {
            return tsa::request_timestamp(stranger.url(), cms::tsp::sha256_imprint(sig));
        }));
        CHECK(r.timestamp.detail.find("not trusted") != std::string::npos);
    }
    SECTION("a TSA certificate whose extKeyUsage is not critical (issued by the demo root)") {
        const auto [key, cert] = openssl_tsa(dir, "lax", "timeStamping");
        REQUIRE(test::run({"openssl", "x509", "-req", "-in", dir + "/lax.csr", "-CA", test::cert("root"), "-CAkey",
                           test::key("root"), "-passin", "pass:kansli-demo", "-set_serial", "8", "-days", "3650",
                           "-extfile", dir + "/lax.ext", "-out", cert})
                    .exit_code == 0);
        core::DiagSink diags;
        auto id = sign::Identity::load(core::read_file(key), core::read_file(cert), std::nullopt, diags);
        r = verify_first(sign_with(dir, "lax.pdf", [&](const core::Bytes& sig) {
            cms::tsp::TstInfo t;
            t.policy = cms::tsp::kDemoPolicy;
            t.imprint = cms::tsp::sha256_imprint(sig);
            t.serial = {0x05};
            t.gen_time = core::parse_instant("2026-03-01T10:00:00Z").value();
            return cms::tsp::make_token(t, id, id.certificate(), {}, true);
        }));
        CHECK(r.timestamp.detail.find("not critical") != std::string::npos);
    }
    if (r.timestamp.status == verify::FacetStatus::Ok) return;  // the control run alone
    INFO(r.timestamp.detail);
    CHECK(r.timestamp.status == verify::FacetStatus::Failed);
    CHECK(r.level == "B-B");
    CHECK(r.verdict == verify::Verdict::Failed);
    CHECK(r.valid.status == verify::FacetStatus::Ok);  // the signature itself is untouched
}
