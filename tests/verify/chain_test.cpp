// verify/chain: ChainValidator (cached keys and signature checks) must reach the same status as
// Botan's own x509_path_validate on every fixture chain, and must not be fooled by a CA that
// carries the trusted root's name with another key.
#include "core/files.hpp"
#include "support/tools.hpp"
#include "verify/chain.hpp"

#include <botan/certstor.h>
#include <botan/x509path.h>

#include <catch2/catch.hpp>

#include <chrono>

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

// Botan's reference answer for the same inputs.
Code botan_code(const Botan::X509_Certificate& signer, const verify::VerifyOptions& o) {
    Botan::Certificate_Store_In_Memory store;
    for (const auto& t : o.trust) store.add_certificate(t);
    for (const auto& c : o.crls) store.add_crl(c);
    std::vector<Botan::X509_Certificate> chain{signer};
    for (const auto& e : o.extra) {
        if (e != signer) chain.push_back(e);
    }
    const Botan::Path_Validation_Restrictions restrictions(!o.crls.empty(), 110);
    const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(o.at.seconds));
    return Botan::x509_path_validate(chain, restrictions, store, "", Botan::Usage_Type::UNSPECIFIED, when).result();
}

}  // namespace

TEST_CASE("chain: ChainValidator agrees with Botan's x509_path_validate", "[verify][chain]") {
    const std::vector<std::string> signers = {"sekreterare", "justerare", "ordforande", "revoked",
                                              "expired",     "impostor",  "stranger",   "issuing"};
    const std::vector<std::vector<std::string>> trusts = {{"root"}, {"root", "fakeroot"}, {"fakeroot", "root"}, {"other-root"}};
    const std::vector<std::vector<std::string>> extras = {{"issuing"}, {}, {"issuing", "fakeroot"}, {"fakeroot", "issuing"}};
    const char* times[] = {"2030-01-01T00:00:00Z", "2025-06-01T00:00:00Z", "2127-01-01T00:00:00Z"};
    std::size_t compared = 0, ok = 0;
    for (const auto& trust : trusts) {
        for (const auto& extra : extras) {
            for (bool with_crls : {true, false}) {
                for (const char* at : times) {
                    verify::VerifyOptions o;
                    o.trust = certs(trust);
                    o.extra = certs(extra);
                    if (with_crls) o.crls = crls();
                    o.at = *core::parse_instant(at);
                    verify::ChainValidator v(o);  // one validator across signers: caches shared
                    for (const auto& s : signers) {
                        const auto signer = certs({s}).front();
                        const auto ours = v.validate(signer, o.extra, {});
                        const Code theirs = botan_code(signer, o);
                        INFO(s << " trust " << trust.front() << (trust.size() > 1 ? "+" : "") << " extra " << extra.size()
                               << " crls " << with_crls << " at " << at << ": ours " << ours.text << ", Botan "
                               << Botan::to_string(theirs));
                        CHECK(ours.code == theirs);
                        ++compared;
                        if (ours.facet.status == verify::FacetStatus::Ok) ++ok;
                    }
                }
            }
        }
    }
    CHECK(compared == 4 * 4 * 2 * 3 * 8);
    CHECK(ok > 10);  // the comparison covers accepted chains too
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
