#include "verify/chain.hpp"

#include <botan/certstor.h>
#include <botan/x509path.h>

#include <chrono>
#include <exception>

namespace kansli::verify {

Facet validate_chain(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& extra,
                     const std::vector<Botan::X509_CRL>& crls, const VerifyOptions& options) {
    if (options.trust.empty()) {
        return {FacetStatus::Indeterminate, "no trust anchor given (--trust): the signer's identity is not established"};
    }
    try {
        Botan::Certificate_Store_In_Memory store;
        for (const auto& t : options.trust) store.add_certificate(t);
        for (const auto& c : crls) store.add_crl(c);
        std::vector<Botan::X509_Certificate> chain{signer};
        for (const auto& e : extra) {
            if (e != signer) chain.push_back(e);
        }
        const bool require_revocation = !crls.empty();
        const Botan::Path_Validation_Restrictions restrictions(require_revocation, 110);
        const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(options.at.seconds));
        const auto res = Botan::x509_path_validate(chain, restrictions, store, "", Botan::Usage_Type::UNSPECIFIED, when);
        using C = Botan::Certificate_Status_Code;
        const C code = res.result();
        const std::string what = res.result_string();
        if (res.successful_validation()) {
            if (!require_revocation) {
                return {FacetStatus::Indeterminate, "chain to a trust anchor is valid, but revocation was not checked (no CRL given)"};
            }
            return {FacetStatus::Ok, "chain to a trust anchor is valid and not revoked at " + core::format_iso(options.at)};
        }
        switch (code) {
            case C::CERT_IS_REVOKED:
            case C::CERT_HAS_EXPIRED:
            case C::CERT_NOT_YET_VALID:
            case C::SIGNATURE_ERROR:
            case C::CA_CERT_NOT_FOR_CERT_ISSUER:
            case C::CHAIN_NAME_MISMATCH:
            case C::INVALID_USAGE:
            case C::CERT_CHAIN_TOO_LONG:
                return {FacetStatus::Failed, what};
            default:
                break;
        }
        return {FacetStatus::Indeterminate, what};
    } catch (const std::exception& e) {
        return {FacetStatus::Indeterminate, std::string("path validation error: ") + e.what()};
    }
}

}  // namespace kansli::verify
