// The CMS signature of one signature dictionary over the bytes its /ByteRange covers, and its
// signer's certificate chain (after coverage.hpp passed).
#pragma once

#include "verify/chain.hpp"
#include "verify/timestamp.hpp"
#include "verify/verify.hpp"

#include <qpdf/QPDFObjectHandle.hh>

#include <botan/x509_crl.h>
#include <botan/x509cert.h>

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kansli::verify {

/// The /Cert entry of a signature dictionary, read with qpdf before the (concurrent) CMS check.
struct SigCert {
    bool present = false;      ///< /Cert is there
    bool is_string = false;    ///< a string, or an array whose first item is one
    std::string der;           ///< that string
    std::exception_ptr error;  ///< reading it threw: rethrown where the check would have read it
};

/// Reads /Cert of `sig` (qpdf: call it in the sequential phase).
SigCert read_sig_cert(QPDFObjectHandle sig);

/// One signature's CMS check, prepared in the sequential phase.
struct CmsCheck {
    std::size_t index = 0;          ///< its report in the `reports` of check_all_cms
    std::vector<std::uint8_t> der;  ///< /Contents
    std::size_t end = 0;            ///< the end of the revision it closes
    SigCert cert;
    bool threw = false;  ///< check_cms_and_chain threw (the caller skips its modifications)
};

/// The message digest of the bytes a signature covers with a Botan hash name, when known
/// (check_all_cms: verify/digests.hpp); see cms::DecodeOptions::content_digest.
using DigestOf = std::function<std::optional<std::vector<std::uint8_t>>(const std::string& hash)>;

/// Verifies the detached CMS `der` of the signature dictionary `sig` over pdf[0, b1) and
/// pdf[b2, end), with b1, b2 from r.byte_range and `end` the end of the revision it closes, for
/// r.sub_filter adbe.pkcs7.detached or ETSI.CAdES.detached (ESS signing-certificate required);
/// any other sub-filter makes r.valid and r.intact Indeterminate. A /Cert in `sig` must be the
/// CMS signer's certificate (`cert`, read by read_sig_cert). When the CMS verifies, validates the signer's chain with `chain`
/// (which also holds the parsed keys the CMS check uses), using the CMS's own certificates and
/// CRLs, `dss_crls` and the untrusted intermediates `extra`. Fills r.intact, r.valid, r.chain,
/// r.signer, r.signer_dn, r.digest_algorithm, r.signature_algorithm and r.warnings; with
/// `timestamps`, also the level and the signature time-stamp (verify/timestamp.hpp). `digest_of`,
/// when given, supplies the digest of the signed bytes (it must be exactly theirs).
/// Thread-safe for distinct `r`.
void check_cms_and_chain(std::span<const std::uint8_t> pdf, const std::vector<std::uint8_t>& der, std::size_t end,
                         const SigCert& cert, const ChainValidator& chain, const std::vector<Botan::X509_CRL>& dss_crls,
                         const std::vector<Botan::X509_Certificate>& extra, SignatureReport& r,
                         TimestampChecker* timestamps = nullptr, const DigestOf& digest_of = {});

/// check_cms_and_chain for every check into reports[check.index], on `threads` threads
/// (verify/parallel.hpp), the signed bytes of all of them hashed in one pass (verify/digests.hpp); an exception from one check is handled as the sequential loop did (the
/// coverage facet, if still unchecked, fails with it; check.threw is set).
void check_all_cms(std::span<const std::uint8_t> pdf, std::vector<CmsCheck>& checks, const ChainValidator& chain,
                   const std::vector<Botan::X509_CRL>& dss_crls, const std::vector<Botan::X509_Certificate>& extra,
                   std::vector<SignatureReport>& reports, TimestampChecker* timestamps, std::size_t threads);

}  // namespace kansli::verify
