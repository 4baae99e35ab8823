// The signature time-stamp of a CMS signature (PAdES B-T): the unsigned attribute
// id-aa-signatureTimeStampToken, fully checked. The token's CMS signature, TSTInfo, imprint (over
// the SignerInfo's signature value), TSA certificate usage (id-kp-timeStamping alone and critical)
// and genTime within the TSA certificate's validity are cms::tsp::check_token_over's; the TSA
// certificate chain goes to a trust anchor (--trust-tsa, default the --trust anchors) through a
// ChainValidator of its own (public interface only), at the validation time.
#pragma once

#include "cms/decode.hpp"
#include "verify/chain.hpp"
#include "verify/verify.hpp"

namespace kansli::verify {

class TimestampChecker {
public:
    /// `keys` is shared with the signature checks of the same document and must outlive this.
    TimestampChecker(const VerifyOptions& options, cms::KeyCache& keys);

    /// For a CMS whose signature verified: sets r.level ("B-B" or "B-T"), r.timestamp (NotChecked
    /// when there is no time-stamp, Ok, or Failed with the reason) and r.timestamp_time.
    void check(const cms::CmsResult& cms, SignatureReport& r);

private:
    VerifyOptions m_opt;  ///< the caller's options with the TSA trust anchors as trust
    cms::KeyCache& m_keys;
    ChainValidator m_chain;
};

}  // namespace kansli::verify
