#include "verify/timestamp.hpp"

#include "cms/timestamp.hpp"
#include "verify/poe.hpp"

namespace kansli::verify {
namespace {

VerifyOptions tsa_options(const VerifyOptions& o) {
    VerifyOptions t = o;
    if (!o.trust_tsa.empty()) t.trust = o.trust_tsa;
    return t;
}

std::string common_name(const Botan::X509_Certificate& c) {
    const auto cn = c.subject_info("X520.CommonName");
    return cn.empty() ? c.subject_dn().to_string() : cn.front();
}

template <typename T>
std::vector<T> joined(std::vector<T> a, const std::vector<T>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

}  // namespace

TimestampChecker::TimestampChecker(const VerifyOptions& options, cms::KeyCache& keys)
    : m_opt(tsa_options(options)), m_signer_trust(options.trust), m_keys(keys), m_chain(m_opt, &keys) {}

void TimestampChecker::set_validation_data(std::vector<Botan::X509_Certificate> certs,
                                           std::vector<Botan::X509_CRL> crls) {
    m_dss_certs = std::move(certs);
    m_dss_crls = std::move(crls);
}

// The TSA chain of a token that checked out; returns "" when trusted (detail in `note`), else why not
// (`status` says Failed or Indeterminate).
std::string TimestampChecker::tsa_chain_problem(const cms::tsp::TokenCheck& tc,
                                                const std::vector<Botan::X509_Certificate>& extra,
                                                const std::vector<Botan::X509_CRL>& crls, FacetStatus& status,
                                                std::string& note) {
    using Code = Botan::Certificate_Status_Code;
    const ChainResult chain =
        m_chain.validate(*tc.cms.signer, joined(tc.cms.certificates, extra), joined(tc.cms.crls, crls));
    // CRLs that have run out since (or none fresh for the validation time): the TSA chain is
    // judged at the token's genTime with the CRLs of then; an expired TSA certificate is not.
    if (chain.code == Code::CRL_HAS_EXPIRED || chain.code == Code::NO_REVOCATION_DATA ||
        chain.code == Code::CRL_NOT_YET_VALID) {
        const Facet then =
            validate_at_poe(*tc.cms.signer, joined(tc.cms.certificates, extra),
                            joined(joined(tc.cms.crls, crls), m_opt.crls), m_opt.trust, tc.info->gen_time);
        if (then.status == FacetStatus::Ok) {
            note = " (at its genTime: " + then.detail + "; at the validation time: " + chain.text + ")";
            return {};
        }
    }
    // A path to a TSA trust anchor whose revocation nobody can check (no CRL given at all) is
    // accepted, and said; anything else short of Ok (no path, revoked, expired, ...) fails.
    const bool unchecked =
        chain.facet.status != FacetStatus::Ok && chain.code < Botan::Certificate_Status_Code::FIRST_ERROR_STATUS;
    note = unchecked ? " (its revocation not checked: no CRL given)" : "";
    if (chain.facet.status == FacetStatus::Ok || unchecked) return {};
    const bool untrusted = chain.facet.status == FacetStatus::Failed || chain.code == Code::CERT_ISSUER_NOT_FOUND ||
                           chain.code == Code::CANNOT_ESTABLISH_TRUST;
    status = untrusted ? FacetStatus::Failed : FacetStatus::Indeterminate;
    return "the TSA certificate '" + common_name(*tc.cms.signer) + "' " +
           (untrusted ? "is not trusted: " : "cannot be validated: ") + chain.facet.detail;
}

void TimestampChecker::check(const cms::CmsResult& cms, SignatureReport& r) {
    r.level = "B-B";
    std::vector<const std::vector<std::uint8_t>*> tokens;
    for (const auto& a : cms.unsigned_attributes) {
        if (a.oid != cms::tsp::kSignatureTimeStamp) continue;
        for (const auto& v : a.values) tokens.push_back(&v);
    }
    const std::vector<Botan::X509_Certificate> extra = joined(m_opt.extra, m_dss_certs);
    if (tokens.empty()) {
        r.timestamp = {FacetStatus::NotChecked, "no signature time-stamp"};
        // ETSI EN 319 102-1: an expired signer certificate without proof of existence before the
        // expiry is OUT_OF_BOUNDS_NO_POE (Indeterminate), unless it expired before the claimed time.
        const auto expiry = core::Instant{static_cast<std::int64_t>(cms.signer->not_after().time_since_epoch())};
        const auto claimed = core::parse_instant(r.signing_time);
        if (r.chain.status != FacetStatus::Ok && expiry < m_opt.at && (!claimed || *claimed <= expiry)) {
            r.chain = {FacetStatus::Indeterminate,
                       "OUT_OF_BOUNDS_NO_POE: the signer's certificate expired at " + core::format_iso(expiry) +
                           ", before the validation time, and no time-stamp proves the signature existed before"};
        }
        return;
    }
    std::string details;
    bool lt = has_validation_data(*cms.signer, joined(cms.certificates, m_dss_certs), joined(cms.crls, m_dss_crls),
                                  m_signer_trust);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string which = tokens.size() > 1 ? "time-stamp " + std::to_string(i + 1) + ": " : "";
        const auto tc = cms::tsp::check_token_over(*tokens[i], cms.signature_value, &m_keys);
        if (!tc.problem.empty()) {
            r.timestamp = {FacetStatus::Failed, which + tc.problem};
            return;
        }
        FacetStatus status = FacetStatus::Failed;
        std::string note;
        if (auto why = tsa_chain_problem(tc, extra, m_dss_crls, status, note); !why.empty()) {
            r.timestamp = {status, which + why};
            return;
        }
        lt = lt && has_validation_data(*tc.cms.signer, joined(tc.cms.certificates, m_dss_certs),
                                       joined(tc.cms.crls, m_dss_crls), m_opt.trust);
        const std::string time = core::format_iso(tc.info->gen_time);
        if (i == 0) r.timestamp_time = time;
        details += (details.empty() ? "" : "; ") + which + "RFC 3161 token of '" + common_name(*tc.cms.signer) +
                   "' at " + time + " over the signature value, TSA chain trusted" + note;
        // Proof of existence at genTime: a chain that fails now (expired, revoked since) is judged then.
        const bool crls_known = !cms.crls.empty() || !m_dss_crls.empty() || !m_opt.crls.empty();
        if (i == 0 &&
            (r.chain.status == FacetStatus::Failed || (r.chain.status == FacetStatus::Indeterminate && crls_known))) {
            const std::string now = r.chain.detail;
            r.chain =
                validate_at_poe(*cms.signer, joined(cms.certificates, extra),
                                joined(joined(cms.crls, m_dss_crls), m_opt.crls), m_signer_trust, tc.info->gen_time);
            if (r.chain.status == FacetStatus::Ok)
                r.chain.detail += " (at " + core::format_iso(m_opt.at) + ": " + now + ")";
        }
    }
    r.timestamp = {FacetStatus::Ok, details};
    r.level = lt ? "B-LT" : "B-T";
}

void TimestampChecker::check_document(const std::vector<std::uint8_t>& der,
                                      std::span<const std::span<const std::uint8_t>> parts, SignatureReport& r) {
    r.kind = "document-timestamp";
    core::Bytes data;
    for (const auto& p : parts) data.insert(data.end(), p.begin(), p.end());
    const auto tc = cms::tsp::check_token_over(core::Bytes(der.begin(), der.end()), data, &m_keys);
    if (tc.cms.signer) {
        r.signer = common_name(*tc.cms.signer);
        r.signer_dn = tc.cms.signer->subject_dn().to_string();
    }
    r.digest_algorithm = tc.cms.digest_algorithm;
    r.signature_algorithm = tc.cms.signature_algorithm;
    if (tc.cms.status != cms::CmsStatus::Ok || !tc.info) {
        r.valid = {FacetStatus::Failed, tc.problem};
        r.timestamp = r.valid;
        return;
    }
    r.valid = {FacetStatus::Ok, "time-stamp token verified (" + tc.cms.signature_algorithm + ")"};
    if (tc.problem.find("imprint") != std::string::npos) {
        r.intact = {FacetStatus::Failed, "the byte ranges were changed: " + tc.problem};
        r.timestamp = r.intact;
        return;
    }
    r.intact = {FacetStatus::Ok, "the message imprint matches the byte ranges"};
    if (!tc.problem.empty()) {
        r.valid = {FacetStatus::Failed, tc.problem};
        r.timestamp = r.valid;
        return;
    }
    FacetStatus status = FacetStatus::Failed;
    std::string note;
    const std::string why = tsa_chain_problem(tc, joined(m_opt.extra, m_dss_certs), m_dss_crls, status, note);
    r.chain = why.empty() ? Facet{FacetStatus::Ok, "TSA chain trusted" + note} : Facet{status, why};
    r.timestamp_time = core::format_iso(tc.info->gen_time);
    r.timestamp = why.empty() ? Facet{FacetStatus::Ok, "document time-stamp of '" + r.signer + "' at " +
                                                           r.timestamp_time + " over the byte ranges"}
                              : r.chain;
}

void apply_document_timestamps(std::vector<SignatureReport>& reports) {
    for (auto& s : reports) {
        if (s.kind != "signature" || s.level != "B-LT") continue;
        for (const auto& d : reports) {
            if (d.kind == "document-timestamp" && d.revision > s.revision && d.coverage.status == FacetStatus::Ok &&
                d.intact.status == FacetStatus::Ok && d.valid.status == FacetStatus::Ok &&
                d.chain.status == FacetStatus::Ok) {
                s.level = "B-LTA";
                break;
            }
        }
    }
}

}  // namespace kansli::verify
