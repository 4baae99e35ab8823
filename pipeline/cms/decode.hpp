// CMS SignedData decoding and verification of detached signatures (RFC 5652, RFC 5035 ESS).
// Knows nothing of PDF: the caller passes the DER bytes and the signed content as byte spans.
//
// Strict by design: DER definite lengths only, single-byte tags, eContent absent, the signer
// certificate found in `certificates` by issuerAndSerialNumber or subjectKeyIdentifier, exactly
// one content-type (id-data) and one message-digest attribute, ESS signing-certificate-v2 (or v1)
// certHash equal to the hash of the signer certificate, signature over the signed attributes
// re-tagged as a universal SET (0x31). Algorithms: SHA-256/384/512; RSA PKCS#1 v1.5
// (rsaEncryption or shaNNNWithRSAEncryption) and ECDSA (DER signature).
#pragma once

#include "cms/pubkey.hpp"

#include <botan/pkix_types.h>
#include <botan/x509_crl.h>
#include <botan/x509cert.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kansli::cms {

enum class CmsStatus : std::uint8_t {
    Unknown = 0,
    Ok,
    Malformed,       ///< not DER, not SignedData, missing or duplicated fields
    Unsupported,     ///< an algorithm we do not verify (e.g. SHA-1, RSA-PSS)
    NoCertificates,  ///< the CMS carries no certificate at all
    SignerNotFound,  ///< no embedded certificate matches the SignerInfo's sid
    DigestMismatch,  ///< message-digest differs from the hash of the content
    EssMismatch,     ///< signing-certificate(-v2) does not name the signer certificate
    EssMissing,      ///< signing-certificate(-v2) required but absent
    BadSignature,    ///< the signature does not verify with the signer's key
};

/// Short English name of a status ("ok", "malformed", ...).
const char* to_string(CmsStatus s);

struct DecodeOptions {
    bool require_ess = false;                ///< PAdES (ETSI.CAdES.detached) requires ESS
    bool allow_same_signer_repeats = false;  ///< accept N SignerInfos when all name one certificate
    KeyCache* keys = nullptr;                ///< signer keys come from (and stay in) this cache; null: a private one
    /// Encapsulated content (a time-stamp token: id-ct-TSTInfo): eContentType and the content-type
    /// attribute must be this OID and eContent must be present; the message digest is checked over
    /// eContent (the `content` spans are ignored) and CmsResult::econtent holds it. Null: detached id-data.
    const char* encapsulated_type = nullptr;
    /// The signed content is not at hand (a protokollsutdrag carries the protokoll's signatures,
    /// not the protokoll): the message digest is not compared (digest_matches stays unset);
    /// everything else, the signature over the signed attributes included, is checked.
    bool content_absent = false;
    /// The digest of the concatenated `content` spans with a Botan hash name ("SHA-256"), when the
    /// caller already has it (verify hashes overlapping /ByteRanges once: verify/digests.hpp). It
    /// must be exactly that hash of `content`; nullopt (or no function) makes verify_detached hash
    /// `content` itself. Not used with encapsulated_type.
    std::function<std::optional<std::vector<std::uint8_t>>(const std::string& hash)> content_digest;
};

/// One unsigned attribute of the SignerInfo: its type and the DER of each value.
struct UnsignedAttribute {
    std::string oid;
    std::vector<std::vector<std::uint8_t>> values;
};

/// Outcome of verify_detached(). `status` is the first failure found (or Ok).
struct CmsResult {
    CmsStatus status = CmsStatus::Unknown;
    std::string reason;                 ///< English sentence when status != Ok
    std::vector<std::string> warnings;  ///< e.g. "signing-time attribute present"
    std::size_t signer_infos = 0;
    std::optional<Botan::X509_Certificate> signer;
    std::vector<Botan::X509_Certificate> certificates;  ///< every certificate embedded
    std::vector<Botan::X509_CRL> crls;                  ///< SignedData crls + adbe-revocationInfoArchival
    std::string digest_algorithm;                       ///< Botan name, e.g. "SHA-256"
    std::string signature_algorithm;                    ///< e.g. "RSA/EMSA3(SHA-256)", "ECDSA/EMSA1(SHA-256)"
    bool has_ess = false;
    std::optional<bool> digest_matches;                  ///< set once message-digest was compared
    std::vector<std::uint8_t> econtent;                  ///< eContent (DecodeOptions::encapsulated_type only)
    std::vector<std::uint8_t> signature_value;           ///< the (first) SignerInfo's signature OCTET STRING
    std::vector<UnsignedAttribute> unsigned_attributes;  ///< of the first SignerInfo, in file order
    /// Signed attributes of the SignerInfo(s) other than those checked here (e.g. the § proof
    /// root, cms/merkle.hpp), in file order; covered by the signature when status is Ok.
    std::vector<UnsignedAttribute> other_signed_attributes;
};

/// Verifies a detached CMS SignedData `der` (trailing zero padding allowed) over the
/// concatenation of `content` spans. Never throws for bad input: every problem is a status.
CmsResult verify_detached(std::span<const std::uint8_t> der, std::span<const std::span<const std::uint8_t>> content,
                          const DecodeOptions& options = {});

namespace detail {
/// The dotted text of an OBJECT IDENTIFIER's content octets as verify_detached reads it (64-bit
/// arithmetic while the arcs fit), or with `big` every arc in Botan::BigInt; nullopt when it is
/// malformed (empty, over 64 octets, a non-minimal or truncated arc). Tests compare the two.
std::optional<std::string> oid_text(std::span<const std::uint8_t> content, bool big);
}  // namespace detail

}  // namespace kansli::cms
