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
#include <span>
#include <vector>

namespace kansli::verify {

/// Verifies the detached CMS `der` of the signature dictionary `sig` over pdf[0, b1) and
/// pdf[b2, end), with b1, b2 from r.byte_range and `end` the end of the revision it closes, for
/// r.sub_filter adbe.pkcs7.detached or ETSI.CAdES.detached (ESS signing-certificate required);
/// any other sub-filter makes r.valid and r.intact Indeterminate. A /Cert in `sig` must be the
/// CMS signer's certificate. When the CMS verifies, validates the signer's chain with `chain`
/// (which also holds the parsed keys the CMS check uses), using the CMS's own certificates and
/// CRLs, `dss_crls` and the untrusted intermediates `extra`. Fills r.intact, r.valid, r.chain,
/// r.signer, r.signer_dn, r.digest_algorithm, r.signature_algorithm and r.warnings; with
/// `timestamps`, also the level and the signature time-stamp (verify/timestamp.hpp).
void check_cms_and_chain(std::span<const std::uint8_t> pdf, const std::vector<std::uint8_t>& der, std::size_t end,
                         QPDFObjectHandle sig, ChainValidator& chain, const std::vector<Botan::X509_CRL>& dss_crls,
                         const std::vector<Botan::X509_Certificate>& extra, SignatureReport& r,
                         TimestampChecker* timestamps = nullptr);

}  // namespace kansli::verify
