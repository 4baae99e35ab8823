#include "verify/chain.hpp"

#include <botan/certstor.h>
#include <botan/x509path.h>

#include <algorithm>
#include <chrono>
#include <exception>

namespace kansli::verify {
namespace {

using Code = Botan::Certificate_Status_Code;

constexpr std::size_t kMinStrength = cms::kMinKeyStrength;  // Botan's default: RSA >= 2048 bits, SHA-2 (no SHA-1)

// Our reading of Botan's result: which failures are the signer's fault (Failed) and which only
// leave the identity unknown (Indeterminate).
Facet facet_of(Code code, const std::string& what, bool require_revocation, const core::Instant& at) {
    if (code < Code::FIRST_ERROR_STATUS) {
        if (!require_revocation) {
            return {FacetStatus::Indeterminate,
                    "chain to a trust anchor is valid, but revocation was not checked (no CRL given)"};
        }
        return {FacetStatus::Ok, "chain to a trust anchor is valid and not revoked at " + core::format_iso(at)};
    }
    switch (code) {
        case Code::CERT_IS_REVOKED:
        case Code::CERT_HAS_EXPIRED:
        case Code::CERT_NOT_YET_VALID:
        case Code::SIGNATURE_ERROR:
        case Code::CA_CERT_NOT_FOR_CERT_ISSUER:
        case Code::CHAIN_NAME_MISMATCH:
        case Code::INVALID_USAGE:
        case Code::CERT_CHAIN_TOO_LONG: return {FacetStatus::Failed, what};
        default: break;
    }
    return {FacetStatus::Indeterminate, what};
}

void append_der(std::string& key, const std::vector<std::uint8_t>& der) {
    key += std::to_string(der.size());
    key += ':';
    key.append(der.begin(), der.end());
}

}  // namespace

std::optional<ChainResult> SharedChainCache::find(const std::string& key) {
    const std::lock_guard lock(m_mu);
    const auto it = m_results.find(key);
    if (it == m_results.end()) return std::nullopt;
    return it->second;
}

void SharedChainCache::put(const std::string& key, const ChainResult& result) {
    const std::lock_guard lock(m_mu);
    m_results.emplace(key, result);
}

ChainValidator::ChainValidator(const VerifyOptions& options, cms::KeyCache* keys)
    : m_opt(options),
      m_keys(keys                   ? keys
             : options.shared_cache ? &options.shared_cache->keys()
                                    : &m_own_keys) {}

ChainResult ChainValidator::validate(const Botan::X509_Certificate& signer,
                                     const std::vector<Botan::X509_Certificate>& extra,
                                     const std::vector<Botan::X509_CRL>& crls) {
    ChainResult out;
    if (m_opt.trust.empty()) {
        out.code = Code::CANNOT_ESTABLISH_TRUST;
        out.facet = {FacetStatus::Indeterminate,
                     "no trust anchor given (--trust): the signer's identity is not established"};
        return out;
    }
    try {
        // x509_path_validate's first certificate is the one validated; the others are untrusted
        // candidates for the path (the signer itself and duplicates left out).
        std::vector<Botan::X509_Certificate> end_certs = {signer};
        for (const auto& e : extra) {
            if (std::find(end_certs.begin(), end_certs.end(), e) == end_certs.end()) end_certs.push_back(e);
        }
        std::string key;
        for (const auto& c : end_certs) append_der(key, c.BER_encode());
        key += '|';
        for (const auto& c : crls) append_der(key, c.BER_encode());
        if (auto it = m_results.find(key); it != m_results.end()) return it->second;
        if (m_opt.shared_cache) {
            if (m_context.empty()) {
                m_context = std::to_string(m_opt.at.seconds) + '|';
                for (const auto& t : m_opt.trust) append_der(m_context, t.BER_encode());
                m_context += '|';
                for (const auto& c : m_opt.crls) append_der(m_context, c.BER_encode());
                m_context += '|';
            }
            if (auto hit = m_opt.shared_cache->find(m_context + key)) {
                m_results.emplace(key, *hit);
                return *hit;
            }
        }

        // Trust anchors and every CRL in one store: Botan's check_crl asks the trusted stores for
        // the CRL of each certificate (and verifies it with the issuer in the path).
        Botan::Certificate_Store_In_Memory store;
        for (const auto& t : m_opt.trust) store.add_certificate(t);
        for (const auto& c : m_opt.crls) store.add_crl(c);
        for (const auto& c : crls) store.add_crl(c);
        const bool require_revocation = !m_opt.crls.empty() || !crls.empty();
        // Revocation data required for the signer's certificate; for intermediates checked when a
        // CRL is found for them, not required (Botan's ocsp_all_intermediates = false).
        const Botan::Path_Validation_Restrictions restrictions(require_revocation, kMinStrength, false);
        const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(m_opt.at.seconds));
        const Botan::Path_Validation_Result res =
            Botan::x509_path_validate(end_certs, restrictions, {&store}, "", Botan::Usage_Type::UNSPECIFIED, when);
        out.code = res.result();
        out.text = res.result_string();
        out.facet = facet_of(out.code, out.text, require_revocation, m_opt.at);
        if (m_opt.shared_cache) m_opt.shared_cache->put(m_context + key, out);
        m_results.emplace(std::move(key), out);
    } catch (const std::exception& e) {
        out.code = Code::SIGNATURE_ERROR;
        out.text = e.what();
        out.facet = {FacetStatus::Indeterminate, std::string("path validation error: ") + e.what()};
    }
    return out;
}

Facet validate_chain(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& extra,
                     const std::vector<Botan::X509_CRL>& crls, const VerifyOptions& options) {
    ChainValidator v(options);
    // options.crls are the validator's base CRLs; `crls` may repeat them (add_crl keeps one).
    return v.validate(signer, extra, crls).facet;
}

}  // namespace kansli::verify
