// CMS SignedData (RFC 5652) for PAdES baseline B-B signatures: one SignerInfo, detached content,
// signed attributes content-type, message-digest and signing-certificate-v2, no signing-time.
// Knows nothing of PDF. The private-key operation sits behind cms::Signer, so that a key file,
// a smart card or an HSM can plug in.
#pragma once

#include "core/files.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace kansli::cms {

enum class SignatureAlgorithm : std::uint8_t {
    Unknown = 0,
    RsaPkcs1Sha256,   ///< RSA PKCS#1 v1.5 with SHA-256 (deterministic)
    EcdsaP256Sha256,  ///< ECDSA on P-256 with SHA-256, DER-encoded Ecdsa-Sig-Value
};

/// The private-key operation: a SHA-256 digest in, a signature out.
class Signer {
public:
    virtual ~Signer() = default;
    [[nodiscard]] virtual SignatureAlgorithm algorithm() const = 0;
    /// Upper bound of sign_digest()'s output in bytes (RSA: modulus bytes; ECDSA P-256: 72).
    [[nodiscard]] virtual std::size_t max_signature_size() const = 0;
    /// Signs `digest`, the 32-byte SHA-256 of the DER signed attributes (as a universal SET).
    /// RSA: the PKCS#1 v1.5 signature (DigestInfo added by the signer); ECDSA: DER SEQUENCE{r,s}.
    /// Throws core::Error (exit 1) when the key refuses.
    [[nodiscard]] virtual core::Bytes sign_digest(const core::Bytes& digest) = 0;
};

/// What the SignedData is about and who signs it.
struct SignedDataInput {
    core::Bytes content_digest;      ///< SHA-256 of the signed content (the PDF byte ranges), 32 bytes
    core::Bytes signer_certificate;  ///< DER X.509 certificate of the signer
    std::vector<core::Bytes> chain;  ///< DER intermediates (no root); may be empty
    // Encapsulated content (time-stamp tokens): eContentType and the content-type attribute are
    // `content_type` (null: id-data) and eContent is `econtent` when not empty (then
    // content_digest must be its SHA-256). PAdES signatures keep the defaults (detached id-data).
    const char* content_type = nullptr;
    core::Bytes econtent{};
    bool include_certificates = true;  ///< false: no certificates field (RFC 3161 certReq absent)
    /// Unsigned attributes (e.g. a signature time-stamp), computed from the signature value once
    /// it exists: each element the DER of one Attribute SEQUENCE { attrType, attrValues SET }.
    /// Their total size must stay within unsigned_attributes_reserve (max_signed_data_size counts it).
    std::function<std::vector<core::Bytes>(const core::Bytes& signature_value)> unsigned_attributes{};
    std::size_t unsigned_attributes_reserve = 0;
    /// Further signed attributes, each the DER of one Attribute SEQUENCE (e.g. the § proof root of
    /// a protokoll, cms/merkle.hpp); empty for PAdES signatures of other documents.
    std::vector<core::Bytes> extra_signed_attributes{};
};

/// The DER signed attributes as a universal SET (tag 0x31): the bytes that are hashed and signed.
/// Throws core::Error (exit 1) when the certificate cannot be parsed or the digest is not 32 bytes.
[[nodiscard]] core::Bytes encode_signed_attributes(const core::Bytes& content_digest,
                                                   const core::Bytes& signer_certificate);

/// The DER signed attributes (universal SET) that encode_signed_data(in, …) signs, from everything
/// `in` puts there: the bytes an external key's signature covers (sign --prepare / --complete).
[[nodiscard]] core::Bytes encode_signed_attributes(const SignedDataInput& in);

/// Encodes a complete DER ContentInfo holding SignedData, calling signer.sign_digest() once.
/// Throws core::Error (exit 1) on a bad certificate, a bad digest or a signer failure.
[[nodiscard]] core::Bytes encode_signed_data(const SignedDataInput& in, Signer& signer);

/// The size encode_signed_data() can reach with this signer at most (a dry run with a placeholder
/// signature of max_signature_size() bytes; never calls sign_digest()). Used to size /Contents.
[[nodiscard]] std::size_t max_signed_data_size(const SignedDataInput& in, const Signer& signer);

}  // namespace kansli::cms
