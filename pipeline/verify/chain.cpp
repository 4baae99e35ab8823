#include "verify/chain.hpp"

#include <botan/asn1_obj.h>
#include <botan/oids.h>
#include <botan/pkix_types.h>
#include <botan/x509_ext.h>
#include <botan/x509path.h>

#include <algorithm>
#include <chrono>
#include <exception>

namespace kansli::verify {
namespace {

using Code = Botan::Certificate_Status_Code;
using CertPtr = std::shared_ptr<const Botan::X509_Certificate>;

constexpr std::size_t kMinStrength = 110;  // Botan's default: RSA >= 2048, SHA-2
constexpr std::size_t kMaxPaths = 16;      // alternative paths tried (name collisions)
constexpr std::size_t kMaxDepth = 10;      // certificates in one path

// Botan's reading of a facet: which failures are the signer's fault (Failed) and which only
// leave the identity unknown (Indeterminate).
Facet facet_of(Code code, const std::string& what, bool require_revocation, const core::Instant& at) {
    if (code < Code::FIRST_ERROR_STATUS) {
        if (!require_revocation) {
            return {FacetStatus::Indeterminate, "chain to a trust anchor is valid, but revocation was not checked (no CRL given)"};
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
        case Code::CERT_CHAIN_TOO_LONG:
            return {FacetStatus::Failed, what};
        default:
            break;
    }
    return {FacetStatus::Indeterminate, what};
}

}  // namespace

ChainValidator::ChainValidator(const VerifyOptions& options, cms::KeyCache* keys)
    : m_opt(options), m_keys(keys ? keys : &m_own_keys) {
    for (const auto& t : options.trust) m_trust.push_back(std::make_shared<const Botan::X509_Certificate>(t));
}

cms::VerifyKey* ChainValidator::key_of(const Botan::X509_Certificate& cert) {
    cms::VerifyKey& key = m_keys->key_of(cert);
    return key.valid() ? &key : nullptr;
}

Code ChainValidator::signature_of(const Botan::X509_Object& object, const std::vector<std::uint8_t>& der,
                                  const Botan::X509_Certificate& issuer) {
    const auto raw_issuer = issuer.BER_encode();
    auto key = std::make_pair(std::string(der.begin(), der.end()), std::string(raw_issuer.begin(), raw_issuer.end()));
    auto it = m_sigs.find(key);
    if (it != m_sigs.end()) return it->second;
    cms::VerifyKey* pub = key_of(issuer);
    const Code code = pub ? pub->verify_x509(object) : Code::CERT_PUBKEY_INVALID;
    m_sigs.emplace(std::move(key), code);
    return code;
}

// Depth-first over issuers, as Botan's build_all_certificate_paths: a path ends at a self-signed
// certificate, which must be a trust anchor; issuers are found by name and authority key id.
void ChainValidator::build_paths(const Path& prefix, const std::vector<CertPtr>& untrusted, std::vector<Path>& out,
                                 std::optional<Code>& error) {
    const CertPtr& last = prefix.back();
    auto note = [&error](Code c) {
        if (!error) error = c;
    };
    if (out.size() >= kMaxPaths) return;
    if (prefix.size() > kMaxDepth) return note(Code::CERT_CHAIN_TOO_LONG);
    const auto issuer_dn = last->issuer_dn();
    const auto& akid = last->authority_key_id();
    auto matches = [&](const CertPtr& c) {
        if (!akid.empty() && !c->subject_key_id().empty() && c->subject_key_id() != akid) return false;
        return c->subject_dn() == issuer_dn;
    };
    std::vector<std::pair<CertPtr, bool>> next;  // (issuer, trusted)
    for (const auto& c : m_trust) {
        if (matches(c)) next.emplace_back(c, true);
    }
    for (const auto& c : untrusted) {
        if (matches(c)) next.emplace_back(c, false);
    }
    if (next.empty()) return note(Code::CERT_ISSUER_NOT_FOUND);
    // Untrusted candidates first, as Botan's stack pops them first.
    std::stable_partition(next.begin(), next.end(), [](const auto& p) { return !p.second; });
    for (const auto& [cand, trusted] : next) {
        bool loop = false;
        for (const auto& p : prefix) loop = loop || *p == *cand;
        if (loop) {
            note(Code::CERT_CHAIN_LOOP);
            continue;
        }
        Path path = prefix;
        path.push_back(cand);
        if (cand->is_self_signed()) {
            if (trusted) out.push_back(std::move(path));
            else note(Code::CANNOT_ESTABLISH_TRUST);
            continue;
        }
        build_paths(path, untrusted, out, error);
    }
}

// Per certificate of the path (signer first, trust anchor last): the checks of Botan 2.19's
// PKIX::check_chain, with cached keys and signature results.
ChainValidator::Status ChainValidator::check_chain(const Path& path) {
    Status status(path.size());
    const Botan::X509_Time now(std::chrono::system_clock::time_point(std::chrono::seconds(m_opt.at.seconds)));
    const CertPtr& ee = path.front();
    if (!ee->is_CA_cert() && ee->has_constraints(Botan::KEY_CERT_SIGN)) status[0].insert(Code::INVALID_USAGE);
    for (std::size_t i = 0; i < path.size(); ++i) {
        auto& st = status[i];
        const bool root = i + 1 == path.size();
        const auto& subject = *path[i];
        const auto& issuer = *path[root ? i : i + 1];
        if (root && !issuer.is_self_signed()) st.insert(Code::CHAIN_LACKS_TRUST_ROOT);
        if (subject.issuer_dn() != issuer.subject_dn()) st.insert(Code::CHAIN_NAME_MISMATCH);
        if (subject.is_serial_negative()) st.insert(Code::CERT_SERIAL_NEGATIVE);
        for (const auto& [oid, value] : subject.subject_dn().dn_info()) {
            const std::size_t ub = Botan::X509_DN::lookup_ub(oid);
            if (ub > 0 && value.size() > ub) st.insert(Code::DN_TOO_LONG);
        }
        if (now < subject.not_before()) st.insert(Code::CERT_NOT_YET_VALID);
        if (now > subject.not_after()) st.insert(Code::CERT_HAS_EXPIRED);
        if (!issuer.is_CA_cert() && path.size() > 1) st.insert(Code::CA_CERT_NOT_FOR_CERT_ISSUER);
        if (Botan::OIDS::oid2str_or_empty(subject.signature_algorithm().get_oid()).empty()) {
            st.insert(Code::SIGNATURE_ALGO_UNKNOWN);
        } else if (const cms::VerifyKey* key = key_of(issuer); !key) {
            st.insert(Code::CERT_PUBKEY_INVALID);
        } else {
            const Code sig = signature_of(subject, subject.BER_encode(), issuer);
            if (sig != Code::VERIFIED) st.insert(sig);
            if (key->estimated_strength() < kMinStrength) st.insert(Code::SIGNATURE_METHOD_TOO_WEAK);
        }
        if (subject.x509_version() == 1 && (!subject.v2_issuer_key_id().empty() || !subject.v2_subject_key_id().empty())) {
            st.insert(Code::V2_IDENTIFIERS_IN_V1_CERT);
        }
        const Botan::Extensions exts = subject.v3_extensions();
        const auto list = exts.extensions();
        if (subject.x509_version() < 3 && !list.empty()) st.insert(Code::EXT_IN_V1_V2_CERT);
        for (const auto& ext : list) ext.first->validate(subject, issuer, path, status, i);
        if (list.size() != exts.get_extension_oids().size()) st.insert(Code::DUPLICATE_CERT_EXTENSION);
    }
    // Path length: walking down from the anchor, every certificate that is not self-issued uses
    // one step of the smallest pathLenConstraint seen so far.
    std::size_t max_len = path.size();
    for (std::size_t i = path.size() - 1; i > 0; --i) {
        const auto& c = *path[i];
        if (c.subject_dn() != c.issuer_dn()) {
            if (max_len > 0) --max_len;
            else status[i].insert(Code::CERT_CHAIN_TOO_LONG);
        }
        if (c.path_limit() != Botan::Cert_Extension::NO_CERT_PATH_LIMIT && c.path_limit() < max_len) max_len = c.path_limit();
    }
    return status;
}

// Per certificate but the anchor: the checks of Botan 2.19's PKIX::check_crl with the CRL the
// store finds for it (same issuer name and key id; the newest per issuer).
ChainValidator::Status ChainValidator::check_crl(const Path& path, const Botan::Certificate_Store_In_Memory& crls) {
    Status status(path.size());
    const Botan::X509_Time now(std::chrono::system_clock::time_point(std::chrono::seconds(m_opt.at.seconds)));
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
        const auto crl = crls.find_crl_for(*path[i]);
        if (!crl) continue;
        auto& st = status[i];
        const auto& subject = *path[i];
        const auto& ca = *path[i + 1];
        if (!ca.allowed_usage(Botan::CRL_SIGN)) st.insert(Code::CA_CERT_NOT_FOR_CRL_ISSUER);
        if (now < crl->this_update()) st.insert(Code::CRL_NOT_YET_VALID);
        if (now > crl->next_update()) st.insert(Code::CRL_HAS_EXPIRED);
        const Code sig = key_of(ca) ? signature_of(*crl, crl->BER_encode(), ca) : Code::CERT_PUBKEY_INVALID;
        if (sig != Code::VERIFIED) st.insert(Code::CRL_BAD_SIGNATURE);
        st.insert(Code::VALID_CRL_CHECKED);
        if (crl->is_revoked(subject)) st.insert(Code::CERT_IS_REVOKED);
        const std::string dp = subject.crl_distribution_point();
        if (!dp.empty() && dp != crl->crl_issuing_distribution_point()) st.insert(Code::NO_MATCHING_CRLDP);
        for (const auto& ext : crl->extensions().extensions()) {
            if (ext.second && Botan::OIDS::oid2str_or_empty(ext.first->oid_of()).empty()) st.insert(Code::CERT_IS_REVOKED);
        }
    }
    while (!status.empty() && status.back().empty()) status.pop_back();
    return status;
}

ChainResult ChainValidator::validate(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& extra,
                                     const std::vector<Botan::X509_CRL>& crls) {
    ChainResult out;
    if (m_opt.trust.empty()) {
        out.code = Code::CANNOT_ESTABLISH_TRUST;
        out.facet = {FacetStatus::Indeterminate, "no trust anchor given (--trust): the signer's identity is not established"};
        return out;
    }
    try {
        Botan::Certificate_Store_In_Memory crl_store;
        for (const auto& c : m_opt.crls) crl_store.add_crl(c);
        for (const auto& c : crls) crl_store.add_crl(c);
        const bool require_revocation = !m_opt.crls.empty() || !crls.empty();
        const auto ee = std::make_shared<const Botan::X509_Certificate>(signer);
        std::vector<CertPtr> untrusted;
        for (const auto& e : extra) {
            if (e == signer) continue;
            bool dup = false;
            for (const auto& u : untrusted) dup = dup || *u == e;
            if (!dup) untrusted.push_back(std::make_shared<const Botan::X509_Certificate>(e));
        }
        std::vector<Path> paths;
        std::optional<Code> error;
        if (ee->is_self_signed()) error = Code::CANNOT_ESTABLISH_TRUST;
        else build_paths({ee}, untrusted, paths, error);
        std::optional<Botan::Path_Validation_Result> first_error;
        std::optional<Botan::Path_Validation_Result> ok;
        for (auto& path : paths) {
            Status st = check_chain(path);
            const Status crl_st = check_crl(path, crl_store);
            // As Botan's defaults: revocation data required for the signer's certificate; for
            // intermediates checked when a CRL is known, not required.
            Botan::PKIX::merge_revocation_status(st, crl_st, {}, require_revocation, false);
            Botan::Path_Validation_Result pvr(st, std::move(path));
            if (pvr.successful_validation()) {
                ok.emplace(std::move(pvr));
                break;
            }
            if (!first_error) first_error.emplace(std::move(pvr));
        }
        const Botan::Path_Validation_Result res = ok ? std::move(*ok)
                                                     : first_error ? std::move(*first_error)
                                                                   : Botan::Path_Validation_Result(error.value_or(Code::CERT_ISSUER_NOT_FOUND));
        out.code = res.result();
        out.text = res.result_string();
        out.facet = facet_of(out.code, out.text, require_revocation, m_opt.at);
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
