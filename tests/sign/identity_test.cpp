// sign::Identity: PKCS#8 key loading and the checks done before any PDF is touched.
#include "fixture.hpp"
#include "sign/identity.hpp"
#include "sign/pdf_signer.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <functional>

using namespace kansli;

namespace {

core::Bytes demo(const std::string& file) { return core::read_file(test::source("keys/demo/" + file)); }

const core::Error& expect_error(const std::function<void()>& f, core::Error& slot) {
    try {
        f();
    } catch (const core::Error& e) {
        slot = e;
        return slot;
    }
    FAIL("no core::Error thrown");
    return slot;
}

}  // namespace

TEST_CASE("demo keys load with the demo passphrase; RSA and ECDSA", "[identity]") {
    core::DiagSink diags;
    CHECK(sign::is_encrypted_key_pem(demo("christian-ahren.key.pem")));
    auto rsa = sign::Identity::load(demo("christian-ahren.key.pem"), demo("christian-ahren.cert.pem"),
                                    std::string("kansli-demo"), diags);
    CHECK(rsa.algorithm() == cms::SignatureAlgorithm::RsaPkcs1Sha256);
    CHECK(rsa.max_signature_size() == 256);
    CHECK(rsa.common_name() == "Christian Åhrén");
    CHECK(rsa.chain().size() == 1);  // the issuing CA; the root is never carried
    auto ec = sign::Identity::load(demo("bjorn-sandal.key.pem"), demo("bjorn-sandal.cert.pem"),
                                   std::string("kansli-demo"), diags);
    CHECK(ec.algorithm() == cms::SignatureAlgorithm::EcdsaP256Sha256);
    CHECK(ec.common_name() == "Björn Sandal");
    CHECK(diags.diagnostics().empty());
}

TEST_CASE("wrong or missing passphrase is refused with exit 1", "[identity]") {
    core::DiagSink diags;
    core::Error e(core::ExitCode::Ok, {});
    expect_error(
        [&] {
            (void)sign::Identity::load(demo("christian-ahren.key.pem"), demo("christian-ahren.cert.pem"),
                                       std::string("wrong"), diags, "christian-ahren.key.pem");
        },
        e);
    CHECK(e.code() == core::ExitCode::Invalid);
    CHECK(e.diagnostics().at(0).message.find("wrong passphrase") != std::string::npos);
    CHECK(e.diagnostics().at(0).loc.file == "christian-ahren.key.pem");
    expect_error(
        [&] {
            (void)sign::Identity::load(demo("christian-ahren.key.pem"), demo("christian-ahren.cert.pem"), std::nullopt,
                                       diags);
        },
        e);
    CHECK(e.diagnostics().at(0).message.find("no passphrase") != std::string::npos);
}

TEST_CASE("a key that does not match the certificate is refused", "[identity]") {
    core::DiagSink diags;
    CHECK_THROWS_WITH(sign::Identity::load(demo("christian-ahren.key.pem"), demo("katarina-nyberg-finn.cert.pem"),
                                           std::string("kansli-demo"), diags),
                      Catch::Contains("does not match the certificate"));
    CHECK_THROWS_WITH(sign::Identity::load(demo("bjorn-sandal.key.pem"), demo("christian-ahren.cert.pem"),
                                           std::string("kansli-demo"), diags),
                      Catch::Contains("does not match the certificate"));
}

TEST_CASE("a certificate outside its validity at the signing time is refused", "[identity]") {
    core::DiagSink diags;
    auto expired =
        sign::Identity::load(demo("expired.key.pem"), demo("expired.cert.pem"), std::string("kansli-demo"), diags);
    CHECK_NOTHROW(expired.check_valid_at(*core::parse_instant("2021-06-01T12:00:00Z")));
    CHECK_THROWS_WITH(expired.check_valid_at(*core::parse_instant("2023-02-24T13:00:00Z")),
                      Catch::Contains("is not valid at 2023-02-24T13:00:00Z"));
    CHECK_THROWS_AS(expired.check_valid_at(*core::parse_instant("2019-12-31T23:59:59Z")), core::Error);
}

TEST_CASE("an unencrypted key loads with a warning; unsupported keys are refused", "[identity]") {
    const std::string dir = test::temp_dir("keys");
    const auto plain =
        test::run({"openssl", "pkcs8", "-topk8", "-nocrypt", "-in", test::source("keys/demo/christian-ahren.key.pem"),
                   "-passin", "pass:kansli-demo", "-out", dir + "/plain.pem"});
    REQUIRE(plain.exit_code == 0);
    core::DiagSink diags;
    const core::Bytes key = core::read_file(dir + "/plain.pem");
    CHECK_FALSE(sign::is_encrypted_key_pem(key));
    auto id = sign::Identity::load(key, demo("christian-ahren.cert.pem"), std::nullopt, diags, "plain.pem");
    REQUIRE(diags.diagnostics().size() == 1);
    CHECK(diags.diagnostics()[0].severity == core::Severity::Warning);
    CHECK(diags.diagnostics()[0].message == "the private key is not encrypted");

    REQUIRE(test::run({"openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out",
                       dir + "/p384.pem"})
                .exit_code == 0);
    CHECK_THROWS_WITH(
        sign::Identity::load(core::read_file(dir + "/p384.pem"), demo("christian-ahren.cert.pem"), std::nullopt, diags),
        Catch::Contains("P-256"));
    CHECK_THROWS_AS(sign::Identity::load(core::Bytes{'x'}, demo("christian-ahren.cert.pem"), std::nullopt, diags),
                    core::Error);
}

TEST_CASE("roles parse in Swedish, case-insensitively", "[identity]") {
    CHECK(sign::parse_role("sekreterare") == sign::Role::Sekreterare);
    CHECK(sign::parse_role("Justerare") == sign::Role::Justerare);
    CHECK(sign::parse_role("ORDFÖRANDE") == sign::Role::Ordforande);
    CHECK(sign::parse_role("ordforande") == sign::Role::Ordforande);
    CHECK_FALSE(sign::parse_role("kassör"));
    CHECK(std::string(sign::role_label(sign::Role::Ordforande)) == "Ordförande");
}
