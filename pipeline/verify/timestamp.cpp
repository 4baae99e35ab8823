#include "verify/timestamp.hpp"

#include "cms/timestamp.hpp"

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

}  // namespace

TimestampChecker::TimestampChecker(const VerifyOptions& options, cms::KeyCache& keys)
    : m_opt(tsa_options(options)), m_keys(keys), m_chain(m_opt, &keys) {}

void TimestampChecker::check(const cms::CmsResult& cms, SignatureReport& r) {
    r.level = "B-B";
    std::vector<const std::vector<std::uint8_t>*> tokens;
    for (const auto& a : cms.unsigned_attributes) {
        if (a.oid != cms::tsp::kSignatureTimeStamp) continue;
        for (const auto& v : a.values) tokens.push_back(&v);
    }
    if (tokens.empty()) {
        r.timestamp = {FacetStatus::NotChecked, "no signature time-stamp"};
        return;
    }
    std::string details;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const std::string which = tokens.size() > 1 ? "time-stamp " + std::to_string(i + 1) + ": " : "";
        const auto tc = cms::tsp::check_token_over(*tokens[i], cms.signature_value, &m_keys);
        if (!tc.problem.empty()) {
            r.timestamp = {FacetStatus::Failed, which + tc.problem};
            return;
        }
        std::vector<Botan::X509_Certificate> extra = tc.cms.certificates;
        extra.insert(extra.end(), m_opt.extra.begin(), m_opt.extra.end());
        const ChainResult chain = m_chain.validate(*tc.cms.signer, extra, tc.cms.crls);
        // A path to a TSA trust anchor whose revocation nobody can check (no CRL given at all) is
        // accepted, and said; anything else short of Ok (no path, revoked, expired, ...) fails.
        const bool unchecked =
            chain.facet.status != FacetStatus::Ok && chain.code < Botan::Certificate_Status_Code::FIRST_ERROR_STATUS;
        // No path to a TSA trust anchor is a failure (a token anyone could have made); missing
        // revocation data (CRLs given, none for the TSA) leaves the time-stamp indeterminate.
        if (chain.facet.status != FacetStatus::Ok && !unchecked) {
            using Code = Botan::Certificate_Status_Code;
            const bool untrusted = chain.facet.status == FacetStatus::Failed ||
                                   chain.code == Code::CERT_ISSUER_NOT_FOUND ||
                                   chain.code == Code::CANNOT_ESTABLISH_TRUST;
            r.timestamp = {untrusted ? FacetStatus::Failed : FacetStatus::Indeterminate,
                           which + "the TSA certificate '" + common_name(*tc.cms.signer) + "' " +
                               (untrusted ? "is not trusted: " : "cannot be validated: ") + chain.facet.detail};
            return;
        }
        const std::string time = core::format_iso(tc.info->gen_time);
        if (i == 0) r.timestamp_time = time;
        details += (details.empty() ? "" : "; ") + which + "RFC 3161 token of '" + common_name(*tc.cms.signer) +
                   "' at " + time + " over the signature value, TSA chain trusted" +
                   (unchecked ? " (its revocation not checked: no CRL given)" : "");
    }
    r.timestamp = {FacetStatus::Ok, details};
    r.level = "B-T";
}

}  // namespace kansli::verify
