// Proof of existence (ETSI EN 319 102-1 §5.6.2) with a PKI made by openssl ca under the demo root:
// Christian Åhrén's key certified 2024-01-01..2026-12-31 only, and root CRLs that expire on
// 2026-06-01, one of them revoking him after the time-stamp, one before the signing time.
// Verified at 2030-01-01, after the certificate and every CRL have expired.
#include "job/sign.hpp"
#include "support/tools.hpp"
#include "tsa/client.hpp"
#include "tsa/fixture.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

using namespace kansli;

namespace {

struct Pki {
    std::string dir, cnf, signer_cert;
};

// openssl ca with the demo root's key; the signer certificate for Christian Åhrén's demo key.
Pki make_pki(const std::string& dir) {
    Pki p{dir, dir + "/ca.cnf", dir + "/ahren.cert.pem"};
    core::write_file_atomic(dir + "/index.txt", std::string());
    core::write_file_atomic(dir + "/serial", std::string("1001\n"));
    core::write_file_atomic(p.cnf,
                            "[ca]\ndefault_ca=c\n[c]\ndir=" + dir +
                                "\ndatabase=$dir/index.txt\nserial=$dir/serial\nnew_certs_dir=" + dir +
                                "\ndefault_md=sha256\npolicy=p\nx509_extensions=e\nunique_subject=no\n"
                                "[p]\ncommonName=supplied\norganizationName=optional\ncountryName=optional\n"
                                "[e]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n");
    auto r = test::run({"openssl", "req", "-new", "-key", test::key("christian-ahren"), "-passin", "pass:kansli-demo",
                        "-utf8", "-subj", "/CN=Christian Åhrén/O=Region Jämtland Härjedalen/C=SE", "-out",
                        dir + "/ahren.csr"});
    REQUIRE(r.exit_code == 0);
    r = test::run({"openssl",
                   "ca",
                   "-batch",
                   "-config",
                   p.cnf,
                   "-keyfile",
                   test::key("root"),
                   "-passin",
                   "pass:kansli-demo",
                   "-cert",
                   test::cert("root"),
                   "-in",
                   dir + "/ahren.csr",
                   "-out",
                   p.signer_cert,
                   "-startdate",
                   "20240101000000Z",
                   "-enddate",
                   "20261231235959Z",
                   "-notext",
                   "-utf8",
                   "-preserveDN"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return p;
}

// A root CRL (lastUpdate `issued`, nextUpdate 2026-06-01) revoking the signer at `revoked` (or nobody).
std::string make_crl(const Pki& p, const std::string& name, const std::string& issued, const std::string& revoked) {
    std::ifstream in(p.dir + "/index.txt");
    std::string line, index;
    while (std::getline(in, line)) {
        // V <tab> expiry <tab> <tab> serial ... → R <tab> expiry <tab> revocation,reason <tab> serial ...
        if (!revoked.empty() && !line.empty()) {
            line = std::regex_replace(line, std::regex("^[VR]\t([0-9Z]+)\t[^\t]*\t"),
                                      "R\t$1\t" + revoked + ",keyCompromise\t");
        } else if (!line.empty()) {
            line = std::regex_replace(line, std::regex("^[VR]\t([0-9Z]+)\t[^\t]*\t"), "V\t$1\t\t");
        }
        index += line + "\n";
    }
    core::write_file_atomic(p.dir + "/index.txt", index);
    const std::string out = p.dir + "/" + name + ".crl.pem";
    const auto r = test::run({"openssl", "ca", "-config", p.cnf, "-gencrl", "-keyfile", test::key("root"), "-passin",
                              "pass:kansli-demo", "-cert", test::cert("root"), "-crl_lastupdate", issued,
                              "-crl_nextupdate", "20260601000000Z", "-out", out});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return out;
}

// Signs the protokoll as sekreterare on 2026-03-01 10:00 (B-T with `url`), then runs ltv with `crl`.
test::RunResult signed_and_ltv(const Pki& p, const std::string& tag, const std::string& url, const std::string& crl,
                               const std::string& out) {
    job::SignConfig cfg;
    cfg.input = test::data("sign/protokoll-unsigned.pdf");
    cfg.output = p.dir + "/" + tag + ".signed.pdf";
    cfg.key_path = test::key("christian-ahren");
    cfg.cert_path = p.signer_cert;
    cfg.passphrase = "kansli-demo";
    cfg.role = "sekreterare";
    cfg.time = core::parse_instant("2026-03-01T10:00:00Z").value();
    if (!url.empty()) {
        cfg.timestamp = [url](const core::Bytes& sig) {
            return tsa::request_timestamp(url, cms::tsp::sha256_imprint(sig));
        };
    }
    job::sign_file(cfg);
    std::vector<std::string> args = {
        "ltv", cfg.output, "-o", out, "--trust", test::cert("root"), "--crl", crl, "--date", "2026-03-10T00:00:00Z"};
    if (!url.empty()) {
        args.push_back("--tsa");
        args.push_back(url);
    }
    return test::kansli(args);
}

}  // namespace

TEST_CASE("verify --at 2030: proof of existence from time-stamps, after the certificate and CRLs expired",
          "[tsa][ltv][poe]") {
    const std::string dir = test::temp_dir("ltv-poe");
    const Pki pki = make_pki(dir);
    test::RunningTsa tsa(dir + "/tsa.serial", "", "", "2026-03-01T10:00:00Z");
    const std::string out = dir + "/out.pdf";
    std::string crl, url = tsa.url(), level = "B-LTA", verdict = "passed", detail;
    int code = 0;
    SECTION("not revoked: B-LTA passes, judged at the time-stamp") {
        crl = make_crl(pki, "empty", "20260305000000Z", "");
        detail = "chain valid and not revoked at the proof of existence 2026-03-01T10:00:00Z";
    }
    SECTION("revoked after the time-stamp: passes, with the reason") {
        crl = make_crl(pki, "after", "20260305000000Z", "260304000000Z");
        detail = "'Christian Åhrén' was revoked at 2026-03-04T00:00:00Z, after the proof of existence";
    }
    SECTION("revoked before the signing time: fails") {
        crl = make_crl(pki, "before", "20260305000000Z", "260201000000Z");
        detail = "was revoked at 2026-02-01T00:00:00Z, before the proof of existence at 2026-03-01T10:00:00Z";
        verdict = "failed";
        code = 1;
    }
    SECTION("B-B (no time-stamp): the expired certificate is Indeterminate, OUT_OF_BOUNDS_NO_POE") {
        crl = make_crl(pki, "bb", "20260305000000Z", "");
        url.clear();
        level = "B-B";
        verdict = "indeterminate";
        detail = "OUT_OF_BOUNDS_NO_POE";
        code = 1;
    }
    const auto r = signed_and_ltv(pki, "t", url, crl, out);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    // Years later: no --crl, the certificate and the CRLs in the DSS have expired.
    const auto v = test::kansli({"verify", out, "--trust", test::cert("root"), "--at", "2030-01-01", "--json"});
    INFO(v.out);
    CHECK(v.exit_code == code);
    CHECK(v.out.find("\"level\": \"" + level + "\"") != std::string::npos);
    CHECK(v.out.find(detail) != std::string::npos);
    CHECK(v.out.find("\"kind\": \"signature\"") != std::string::npos);
    const auto sig = v.out.find("\"kind\": \"signature\"");
    CHECK(v.out.find("\"verdict\": \"" + verdict + "\"", sig) != std::string::npos);
}
