// sign/external: prepare_pdf + external_digest, a signature from elsewhere, reopen_prepared +
// complete_external. With Botan's deterministic signatures (PKCS#1 v1.5, RFC 6979 ECDSA) playing
// the external key, the two-step result must be byte-identical to sign_pdf, for RSA and ECDSA.
#include "cms/encode.hpp"
#include "sign/external.hpp"
#include "sign/fixture.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace kansli;

namespace {

// The hand-off for `pdf`, signed by `who`'s demo key as the external key; returns the completed file.
core::Bytes hand_off(const core::Bytes& pdf, const std::string& who, sign::Role role, core::Instant time) {
    sign::Identity card = test::demo_identity(who);
    core::DiagSink diags;
    sign::Identity cert_only = sign::Identity::certificate_only(
        core::read_file(test::source("keys/demo/" + who + ".cert.pem")), who + ".cert.pem");
    const sign::PreparedPdf prepared = sign::prepare_pdf(pdf, test::sign_request(cert_only, role, time));
    const core::Bytes digest = sign::external_digest(prepared, test::sign_request(cert_only, role, time));
    REQUIRE(digest.size() == 32);
    const core::Bytes signature = card.sign_digest(digest);
    sign::ReopenedPdf reopened = sign::reopen_prepared(prepared.pdf);
    CHECK(reopened.prepared.content_digest == prepared.content_digest);
    CHECK(reopened.prepared.hole_begin == prepared.hole_begin);
    CHECK(reopened.time == time);
    CHECK(reopened.signer_name == cert_only.common_name());
    return sign::complete_external(std::move(reopened), signature, test::sign_request(cert_only, role, time));
}

}  // namespace

TEST_CASE("prepare, external signature, complete = sign_pdf, byte for byte (RSA and ECDSA)", "[sign][external]") {
    const core::Bytes v0 = test::protokoll_pdf();
    const core::Bytes one = test::sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    CHECK(hand_off(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1) == one);
    const core::Bytes two = test::sign_as(one, "bjorn-sandal", sign::Role::Justerare, test::kT2);
    CHECK(hand_off(one, "bjorn-sandal", sign::Role::Justerare, test::kT2) == two);
}

TEST_CASE("a certificate without its key prepares but never signs", "[sign][external]") {
    sign::Identity cert_only =
        sign::Identity::certificate_only(core::read_file(test::source("keys/demo/bjorn-sandal.cert.pem")));
    CHECK(cert_only.algorithm() == cms::SignatureAlgorithm::EcdsaP256Sha256);
    CHECK(cert_only.common_name() == "Björn Sandal");
    CHECK_THROWS_AS(cert_only.sign_digest(core::Bytes(32, 1)), core::Error);
    CHECK_THROWS_AS(sign::sign_pdf(test::protokoll_pdf(), test::sign_request(cert_only, sign::Role::Sekreterare,
                                                                             test::kT1, {.any_order = true})),
                    core::Error);
}

TEST_CASE("reopen_prepared on mutated prepared files: a core::Error or a clean reopen, never a crash",
          "[sign][external]") {
    sign::Identity cert_only =
        sign::Identity::certificate_only(core::read_file(test::source("keys/demo/christian-ahren.cert.pem")));
    const sign::PreparedPdf prepared =
        sign::prepare_pdf(test::protokoll_pdf(), test::sign_request(cert_only, sign::Role::Sekreterare, test::kT1));
    std::mt19937 rng(4711);
    int refused = 0;
    for (int i = 0; i < 80; ++i) {
        core::Bytes m = prepared.pdf;
        if (i % 4 == 0) {
            m.resize(std::uniform_int_distribution<std::size_t>(0, m.size() - 1)(rng));
        } else {
            for (int k = 0; k < 3; ++k) {
                m[std::uniform_int_distribution<std::size_t>(0, m.size() - 1)(rng)] ^=
                    static_cast<std::uint8_t>(1 + rng() % 255);
            }
        }
        try {
            const sign::ReopenedPdf r = sign::reopen_prepared(m);
            // A mutant that still reopens has another digest unless only the hole changed.
            CHECK(r.prepared.hole_end <= m.size());
        } catch (const core::Error& e) {
            CHECK(e.code() == core::ExitCode::Invalid);
            ++refused;
        }
    }
    CHECK(refused > 0);
}
