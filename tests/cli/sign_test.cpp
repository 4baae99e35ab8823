// `kansli sign` and `kansli keys` as processes: exit codes, messages, atomic output, determinism.
#include "core/files.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace kansli;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace sign_test {

namespace {

std::string key(const std::string& who) { return test::source("keys/demo/" + who + ".key.pem"); }
std::string cert(const std::string& who) { return test::source("keys/demo/" + who + ".cert.pem"); }
const std::vector<std::string> kPass = {"KANSLI_PASSPHRASE=kansli-demo"};

test::RunResult sign(const std::string& in, const std::string& out, const std::string& who,
                     std::vector<std::string> extra, const std::vector<std::string>& env = kPass) {
    std::vector<std::string> args = {"sign", in, "-o", out, "--key", key(who), "--cert", cert(who)};
    args.insert(args.end(), extra.begin(), extra.end());
    return test::kansli(args, env);
}

bool exists(const std::string& p) { return std::filesystem::exists(p); }

}  // namespace

TEST_CASE("kansli sign: three signers in order, pdfsig accepts all three", "[cli][sign]") {
    const std::string dir = test::temp_dir("cli-sign");
    const std::string in = test::data("sign/protokoll-unsigned.pdf");
    auto r = sign(in, dir + "/1.pdf", "christian-ahren", {"--role", "sekreterare", "--date", "2023-02-24T13:00:00Z"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("signed by Christian Åhrén") != std::string::npos);
    { std::ofstream(dir + "/pass.txt") << "kansli-demo\n"; }
    r = sign(dir + "/1.pdf", dir + "/2.pdf", "bjorn-sandal",
             {"--role", "justerare", "--date", "2023-02-27", "--passphrase-file", dir + "/pass.txt"}, {});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    r = sign(dir + "/2.pdf", dir + "/3.pdf", "katarina-nyberg-finn",
             {"--role", "ordförande", "--date", "2023-02-28T17:40:00+01:00", "--reason", "Justerat", "--location",
              "Östersund"});
    REQUIRE(r.exit_code == 0);
    const auto v = test::run({"pdfsig", "-nocert", dir + "/3.pdf"});
    std::size_t valid = 0;
    for (auto p = v.out.find("Signature is Valid."); p != std::string::npos;
         p = v.out.find("Signature is Valid.", p + 1))
        ++valid;
    CHECK(valid == 3);
    CHECK(v.out.find("Signing Time: Feb 28 2023 16:40:00") != std::string::npos);  // /M in UTC
    const auto text = test::run({"pdftotext", dir + "/3.pdf", "-"});
    CHECK(text.out.find("Signerad av Katarina Nyberg Finn") != std::string::npos);
    CHECK(text.out.find("Datum: 2023-02-28 16:40 UTC") != std::string::npos);
}

TEST_CASE("kansli sign refuses with exit 1 and writes nothing", "[cli][sign]") {
    const std::string dir = test::temp_dir("cli-refuse");
    const std::string in = test::data("sign/protokoll-unsigned.pdf");
    const std::string out = dir + "/out.pdf";

    SECTION("order") {
        auto r = sign(in, out, "katarina-nyberg-finn", {"--role", "ordförande", "--date", "2023-02-24"});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("must sign before Katarina Nyberg Finn (ordförande)") != std::string::npos);
        CHECK_FALSE(exists(out));
        r = sign(in, out, "katarina-nyberg-finn", {"--role", "ordförande", "--date", "2023-02-24", "--any-order"});
        CHECK(r.exit_code == 0);
    }
    SECTION("wrong passphrase") {
        auto r = sign(in, out, "christian-ahren", {"--role", "sekreterare"}, {"KANSLI_PASSPHRASE=nope"});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("wrong passphrase") != std::string::npos);
        CHECK_FALSE(exists(out));
    }
    SECTION("key of someone else") {
        auto r = test::kansli({"sign", in, "-o", out, "--key", key("christian-ahren"), "--cert", cert("bjorn-sandal"),
                               "--role", "sekreterare"},
                              kPass);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("does not match the certificate") != std::string::npos);
    }
    SECTION("expired certificate") {
        auto r = sign(in, out, "expired", {"--role", "sekreterare", "--date", "2023-02-24"});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("Eva Utgången (DEMO expired) is not valid at 2023-02-24T00:00:00Z") != std::string::npos);
        CHECK_FALSE(exists(out));
    }
    SECTION("field already signed") {
        REQUIRE(sign(in, dir + "/1.pdf", "christian-ahren", {"--role", "sekreterare"}).exit_code == 0);
        auto r = sign(dir + "/1.pdf", out, "christian-ahren", {"--field", "Sekreterare"});
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("signed already") != std::string::npos);
    }
}

TEST_CASE("kansli sign usage and I/O errors exit 2", "[cli][sign]") {
    const std::string dir = test::temp_dir("cli-usage");
    const std::string in = test::data("sign/protokoll-unsigned.pdf");
    std::filesystem::copy_file(in, dir + "/in.pdf");
    CHECK(test::kansli({"sign", dir + "/in.pdf"}).exit_code == 2);
    CHECK(sign(dir + "/in.pdf", dir + "/in.pdf", "christian-ahren", {"--role", "sekreterare"}).exit_code == 2);
    CHECK(sign(dir + "/in.pdf", dir + "/o.pdf", "christian-ahren", {"--role", "kassör"}).exit_code == 2);
    CHECK(sign(dir + "/missing.pdf", dir + "/o.pdf", "christian-ahren", {"--role", "sekreterare"}).exit_code == 2);
    // an encrypted key with no passphrase source (empty KANSLI_PASSPHRASE counts as unset) and
    // stdin not a terminal: exit 2, no prompt
    auto r =
        sign(dir + "/in.pdf", dir + "/o.pdf", "christian-ahren", {"--role", "sekreterare"}, {"KANSLI_PASSPHRASE="});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("is encrypted: give --passphrase-file") != std::string::npos);
    CHECK_FALSE(exists(dir + "/o.pdf"));
    CHECK(core::read_file(dir + "/in.pdf") == core::read_file(in));
    auto help = test::kansli({"sign", "--help"});
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("--passphrase-file") != std::string::npos);
}

TEST_CASE("kansli sign is deterministic for RSA and warns about an unencrypted key", "[cli][sign]") {
    const std::string dir = test::temp_dir("cli-det");
    const std::string in = test::data("sign/protokoll-unsigned.pdf");
    const std::vector<std::string> opts = {"--role", "sekreterare", "--date", "2023-02-24T13:00:00Z"};
    REQUIRE(sign(in, dir + "/a.pdf", "christian-ahren", opts).exit_code == 0);
    REQUIRE(sign(in, dir + "/b.pdf", "christian-ahren", opts, {"KANSLI_PASSPHRASE=kansli-demo", "TZ=America/New_York"})
                .exit_code == 0);
    CHECK(core::read_file(dir + "/a.pdf") == core::read_file(dir + "/b.pdf"));

    REQUIRE(test::run({"openssl", "pkcs8", "-topk8", "-nocrypt", "-in", key("christian-ahren"), "-passin",
                       "pass:kansli-demo", "-out", dir + "/plain.pem"})
                .exit_code == 0);
    auto r = test::kansli({"sign", in, "-o", dir + "/c.pdf", "--key", dir + "/plain.pem", "--cert",
                           cert("christian-ahren"), "--role", "sekreterare", "--date", "2023-02-24T13:00:00Z"});
    CHECK(r.exit_code == 0);
    CHECK(r.err.find("warning: the private key is not encrypted") != std::string::npos);
    CHECK(core::read_file(dir + "/c.pdf") == core::read_file(dir + "/a.pdf"));  // same key, same bytes
}

TEST_CASE("kansli keys demo writes a PKI that openssl accepts", "[cli][keys]") {
    const std::string dir = test::temp_dir("cli-keys");
    auto r = test::kansli({"keys", "demo", "--out", dir + "/pki"});
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("DEMO ONLY") != std::string::npos);
    for (const char* f : {"root.cert.pem", "issuing.cert.pem", "issuing.crl.pem", "christian-ahren.key.pem",
                          "bjorn-sandal.cert.pem", "expired.cert.pem", "revoked.cert.pem"}) {
        CHECK(exists(dir + "/pki/" + f));
    }
    const auto ok = test::run({"openssl", "verify", "-CAfile", dir + "/pki/root.cert.pem", "-untrusted",
                               dir + "/pki/issuing.cert.pem", "-crl_check", "-CRLfile", dir + "/pki/issuing.crl.pem",
                               dir + "/pki/katarina-nyberg-finn.cert.pem"});
    CHECK(ok.exit_code == 0);
    const auto revoked = test::run({"openssl", "verify", "-CAfile", dir + "/pki/root.cert.pem", "-untrusted",
                                    dir + "/pki/issuing.cert.pem", "-crl_check", "-CRLfile",
                                    dir + "/pki/issuing.crl.pem", dir + "/pki/revoked.cert.pem"});
    CHECK(revoked.exit_code != 0);
    CHECK((revoked.out + revoked.err).find("certificate revoked") != std::string::npos);
    CHECK(test::kansli({"keys", "demo", "--out", dir + "/pki"}).exit_code == 2);  // no silent overwrite
}

}  // namespace sign_test
