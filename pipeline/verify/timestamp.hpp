// The time-stamps of a PDF: the signature time-stamp of a CMS signature (PAdES B-T, the unsigned
// attribute id-aa-signatureTimeStampToken) and document time-stamps (/SubFilter /ETSI.RFC3161,
// PAdES B-LTA), fully checked. The token's CMS signature, TSTInfo, imprint (over the SignerInfo's
// signature value, or the byte ranges), TSA certificate usage (id-kp-timeStamping alone and
// critical) and genTime within the TSA certificate's validity are cms::tsp::check_token_over's;
// the TSA certificate chain goes to a trust anchor (--trust-tsa, default the --trust anchors)
// through a ChainValidator of its own (public interface only), at the validation time.
// A signature time-stamp that checks out is a proof of existence (poe.hpp): a signer chain that
// does not validate at the validation time (expired, revoked since) is validated at its genTime.
#pragma once

#include "cms/decode.hpp"
#include "cms/timestamp.hpp"
#include "verify/chain.hpp"
#include "verify/verify.hpp"

#include <span>

namespace kansli::verify {

class TimestampChecker {
public:
    /// `keys` is shared with the signature checks of the same document and must outlive this.
    TimestampChecker(const VerifyOptions& options, cms::KeyCache& keys);

    /// The certificates and CRLs of the document's /DSS: path candidates, revocation data and
    /// what makes a signature B-LT.
    void set_validation_data(std::vector<Botan::X509_Certificate> certs, std::vector<Botan::X509_CRL> crls);

    /// For a CMS whose signature verified: sets r.level ("B-B", "B-T" or "B-LT"), r.timestamp
    /// (NotChecked when there is no time-stamp, Ok, or Failed with the reason) and
    /// r.timestamp_time; revalidates r.chain at the proof of existence when it is not Ok, or
    /// makes an expired B-B signer Indeterminate (OUT_OF_BOUNDS_NO_POE).
    void check(const cms::CmsResult& cms, SignatureReport& r);

    /// A document time-stamp: `der` is its /Contents, `parts` its byte ranges. Sets r.kind,
    /// r.signer, r.intact, r.valid, r.chain, r.timestamp and r.timestamp_time.
    void check_document(const std::vector<std::uint8_t>& der, std::span<const std::span<const std::uint8_t>> parts,
                        SignatureReport& r);

private:
    /// "" when the TSA chain of `tc` is trusted (`note` says how), else why not (`status`).
    std::string tsa_chain_problem(const cms::tsp::TokenCheck& tc, const std::vector<Botan::X509_Certificate>& extra,
                                  const std::vector<Botan::X509_CRL>& crls, FacetStatus& status, std::string& note);

    VerifyOptions m_opt;  ///< the caller's options with the TSA trust anchors as trust
    std::vector<Botan::X509_Certificate> m_signer_trust;
    cms::KeyCache& m_keys;
    ChainValidator m_chain;
    std::vector<Botan::X509_Certificate> m_dss_certs;
    std::vector<Botan::X509_CRL> m_dss_crls;
};

/// PAdES B-LTA: a B-LT signature covered by a later document time-stamp that passed.
void apply_document_timestamps(std::vector<SignatureReport>& reports);

}  // namespace kansli::verify
