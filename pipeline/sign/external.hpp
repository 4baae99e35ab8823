// Signing with a key kansli never holds (a SITHS card, BankID/Freja, an HSM): the hand-off.
//
//   kansli sign --prepare: prepare_pdf (every check of a normal signature, the revision written,
//     /Contents reserved and zero) + external_digest → the 32 bytes the key signs, pre-hashed.
//   the key holder: signs the digest (RSA PKCS#1 v1.5 or ECDSA, SHA-256).
//   kansli sign --complete: reopen_prepared (the hole found again, the byte-range digest
//     recomputed from the file) + complete_external (the signed attributes rebuilt from that digest
//     and the certificate, the signature checked over them, then complete_pdf writes the CMS into
//     the same hole: no new revision).
//
// Nothing is stored for the hand-off beyond the standard signature dictionary: the signed
// attributes (content-type, message-digest, signing-certificate-v2) are a function of the byte
// ranges and the certificate, so a changed file, another certificate or a signature over other
// data cannot complete.
#pragma once

#include "core/files.hpp"
#include "core/time.hpp"
#include "sign/pdf_signer.hpp"

#include <string>

namespace kansli::sign {

/// The digest an external key signs for `prepared` and req's certificate: SHA-256 of the DER
/// SignedAttributes SET (RFC 5652 §5.4) the CMS will carry (cms::encode_signed_attributes of
/// signed_data_input(req, prepared.content_digest)).
[[nodiscard]] core::Bytes external_digest(const PreparedPdf& prepared, const SignRequest& req);

/// A prepared PDF read back, and what its signature dictionary says.
struct ReopenedPdf {
    PreparedPdf prepared;
    std::string signer_name;  ///< /Name (the CN of the certificate it was prepared for), UTF-8
    core::Instant time;       ///< /M
};

/// Finds the one signature field whose /Contents is all zeros, in the last revision (its
/// /ByteRange ends at the end of the file and its hole is exactly that /Contents, all '0'), checks
/// the signatures before it as sign_pdf does, and recomputes the byte-range digest. Throws
/// core::Error (exit 1): not a PDF, not prepared (no such field, or its signature already
/// written), prepared twice, bytes appended after the prepared revision, a broken earlier
/// signature, a /M that kansli did not write.
[[nodiscard]] ReopenedPdf reopen_prepared(const core::Bytes& pdf);

/// Checks `signature` (raw RSA PKCS#1 v1.5, ECDSA DER or r || s) over the signed attributes of
/// `reopened` for req.certificate (cms::check_external_signature) and writes the CMS with req's
/// chain and unsigned attributes (e.g. the time-stamp) into the reserved /Contents. req.signer
/// gives the algorithm and size (Identity::certificate_only). Throws core::Error (exit 1): the
/// certificate names another person than the one it was prepared for, the signature does not
/// verify, the CMS (with its time-stamp) does not fit the reserved room.
[[nodiscard]] core::Bytes complete_external(ReopenedPdf reopened, const core::Bytes& signature, SignRequest req);

}  // namespace kansli::sign
