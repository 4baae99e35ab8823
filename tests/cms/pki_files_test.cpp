#include "cms/pki_files.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace kansli;

namespace {
core::Bytes bytes_of(const std::string& s) { return core::Bytes(s.begin(), s.end()); }
std::string text_of(const std::string& path) {
    const auto b = core::read_file(path);
    return std::string(b.begin(), b.end());
}
}  // namespace

TEST_CASE("parse_certificates: PEM blocks in order with text around them, or one DER; errors as the caller asks") {
    const std::string a = text_of(test::source("keys/demo/christian-ahren.cert.pem"));
    const std::string root = text_of(test::source("keys/demo/root.cert.pem"));
    const auto two =
        cms::parse_certificates(bytes_of("subject=...\n" + a + "\nissuer text\n" + root + "trailing\n"), "two.pem");
    const auto chain = cms::parse_certificates(bytes_of(a), "a.pem");  // the signer, then its issuing CA
    REQUIRE(chain.size() == 2);
    REQUIRE(two.size() == 3);
    CHECK(two[0].subject_info("X520.CommonName").at(0) == "Christian Åhrén");
    CHECK(two[1] == chain[1]);
    CHECK(two[2].is_self_signed());
    const auto der_vec = two[2].BER_encode();
    const auto der = cms::parse_certificates(core::Bytes(der_vec.begin(), der_vec.end()), "root.der");
    REQUIRE(der.size() == 1);
    CHECK(der[0] == two[2]);
    struct Case {
        std::string input, message;
    };
    for (const auto& c :
         {Case{"", "no PEM or DER certificate found"}, Case{"hello", "no PEM or DER certificate found"},
          Case{"-----BEGIN CERTIFICATE-----\nAAAA\n", "unterminated"},
          Case{a + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "cannot parse certificate 3"},
          Case{std::string("\x30\x03\x02\x01\x01", 5), "not a certificate"}}) {
        CAPTURE(c.input);
        try {
            (void)cms::parse_certificates(bytes_of(c.input), "x.pem", {core::ExitCode::Invalid, "key", "the hint"});
            FAIL("accepted");
        } catch (const core::Error& e) {
            CHECK(e.code() == core::ExitCode::Invalid);
            CHECK(e.diagnostics().at(0).kind == "key");
            CHECK(e.diagnostics().at(0).loc.file == "x.pem");
            CHECK(e.diagnostics().at(0).hint == "the hint");
            CHECK_THAT(e.diagnostics().at(0).message, Catch::Contains(c.message));
        }
    }
    CHECK(cms::parse_crls(core::read_file(test::source("keys/demo/issuing.crl.pem")), "crl.pem").size() == 1);
    CHECK_THROWS_AS(cms::parse_crls(bytes_of(a), "cert-not-crl.pem"), core::Error);
}
