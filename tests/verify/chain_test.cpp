// verify/chain: ChainValidator (Botan's x509_path_validate with our restrictions and facet
// mapping) on the fixture chains, and not fooled by a CA that carries the trusted root's name with
// another key. The differential test against `openssl verify` is chain_diff_test.cpp.
#include "core/files.hpp"
#include "support/tools.hpp"
#include "verify/chain.hpp"

#include <catch2/catch.hpp>

using namespace kansli;
using Code = Botan::Certificate_Status_Code;

namespace {

std::vector<Botan::X509_Certificate> certs(const std::vector<std::string>& names) {
    std::vector<Botan::X509_Certificate> out;
    for (const auto& n : names) {
        for (auto& c : verify::load_certificates(test::data("verify/pki/" + n + ".pem"))) out.push_back(c);
    }
    return out;
}

std::vector<Botan::X509_CRL> crls() {
    auto out = verify::load_crls(test::data("verify/pki/issuing.crl"));
    for (auto& c : verify::load_crls(test::data("verify/pki/root.crl"))) out.push_back(c);
    return out;
}

verify::VerifyOptions options(const std::vector<std::string>& trust, bool with_crls, const char* at) {
    verify::VerifyOptions o;
    o.trust = certs(trust);
    if (with_crls) o.crls = crls();
    o.at = *core::parse_instant(at);
    return o;
}

}  // namespace

// The fixture PKI (tests/data/verify/make-fixtures.sh): root → issuing CA → signers, all valid
// 2026..2126 except "expired" (2020..2021); "revoked" is on the issuing CA's CRL; "stranger" is
// issued by another root. The generated corpus of chain_diff_test.cpp covers the rest.
TEST_CASE("chain: the fixture chains get their facet and Botan status", "[verify][chain]") {
    struct Case {
        const char* signer;
        std::vector<std::string> trust;
        bool crls;
        const char* at;
        Code code;
        verify::FacetStatus facet;
    };
    using F = verify::FacetStatus;
    const char* const t2030 = "2030-01-01T00:00:00Z";
    const std::vector<Case> cases = {
        {"sekreterare", {"root"}, true, t2030, Code::OK, F::Ok},
        {"justerare", {"root"}, true, t2030, Code::OK, F::Ok},
        {"ordforande", {"fakeroot", "root"}, true, t2030, Code::OK, F::Ok},
        // No CRL given: the chain holds, but revocation is unknown.
        {"sekreterare", {"root"}, false, t2030, Code::OK, F::Indeterminate},
        {"revoked", {"root"}, true, t2030, Code::CERT_IS_REVOKED, F::Failed},
        {"expired", {"root"}, true, t2030, Code::CERT_HAS_EXPIRED, F::Failed},
        // Outside the validity (without CRLs: Botan reports the worst code, and the CRLs are then
        // out of their window too).
        {"sekreterare", {"root"}, false, "2025-06-01T00:00:00Z", Code::CERT_NOT_YET_VALID, F::Failed},
        {"sekreterare", {"root"}, false, "2127-01-01T00:00:00Z", Code::CERT_HAS_EXPIRED, F::Failed},
        {"sekreterare", {"root"}, true, "2127-01-01T00:00:00Z", Code::CRL_HAS_EXPIRED, F::Indeterminate},
        {"stranger", {"root"}, true, t2030, Code::CERT_ISSUER_NOT_FOUND, F::Indeterminate},
        {"sekreterare", {"other-root"}, true, t2030, Code::CERT_ISSUER_NOT_FOUND, F::Indeterminate},
        // The issuing CA's own entry is on no CRL that is given for it: not required (intermediates).
        {"issuing", {"root"}, true, t2030, Code::OK, F::Ok},
    };
    for (const auto& c : cases) {
        const auto o = options(c.trust, c.crls, c.at);
        verify::ChainValidator v(o);
        const auto signer = certs({c.signer}).front();
        const auto r = v.validate(signer, certs({"issuing"}), {});
        INFO(c.signer << " trust " << c.trust.back() << " crls " << c.crls << " at " << c.at << ": " << r.text);
        CHECK(r.code == c.code);
        CHECK(r.facet.status == c.facet);
        // A second call (the cache) gives the same answer; CRLs passed per call count as the
        // base ones do.
        CHECK(v.validate(signer, certs({"issuing"}), {}).code == r.code);
        if (!c.crls && c.code == Code::OK) {
            const auto with = v.validate(signer, certs({"issuing"}), crls());
            CHECK(with.facet.status == F::Ok);
        }
    }
}

TEST_CASE("chain: no trust anchor, no intermediate", "[verify][chain]") {
    auto o = options({}, true, "2030-01-01T00:00:00Z");
    verify::ChainValidator none(o);
    const auto signer = certs({"sekreterare"}).front();
    CHECK(none.validate(signer, certs({"issuing"}), {}).facet.status == verify::FacetStatus::Indeterminate);
    o.trust = certs({"root"});
    verify::ChainValidator v(o);
    const auto r = v.validate(signer, {}, {});
    CHECK(r.code == Code::CERT_ISSUER_NOT_FOUND);
    CHECK(r.facet.status == verify::FacetStatus::Indeterminate);
}

TEST_CASE("chain: a CA with the trusted root's name and another key is not a trust anchor", "[verify][chain]") {
    verify::VerifyOptions o;
    o.trust = certs({"root"});
    o.crls = crls();
    o.at = *core::parse_instant("2030-01-01T00:00:00Z");
    const auto impostor = certs({"impostor"}).front();
    // As an untrusted intermediate (--cert, or embedded in the CMS: both end up in `extra`).
    for (const auto& extra : {certs({"fakeroot"}), certs({"issuing", "fakeroot"}), certs({"fakeroot", "issuing"})}) {
        verify::ChainValidator v(o);
        const auto r = v.validate(impostor, extra, {});
        INFO(r.text);
        CHECK(r.facet.status != verify::FacetStatus::Ok);
        CHECK(r.code >= Code::FIRST_ERROR_STATUS);
    }
    // Trusted next to the real root, the look-alike must not break the real root's chains.
    o.trust = certs({"fakeroot", "root"});
    verify::ChainValidator v(o);
    for (const auto& s : {"sekreterare", "justerare", "ordforande"}) {
        const auto r = v.validate(certs({s}).front(), certs({"issuing"}), {});
        INFO(s << ": " << r.text);
        CHECK(r.facet.status == verify::FacetStatus::Ok);
    }
}
