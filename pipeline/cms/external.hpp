// A signature made outside kansli (a smart card, BankID/Freja, an HSM, `openssl pkeyutl -sign`)
// over the digest of the signed attributes, checked before it goes into a SignedData.
#pragma once

#include "cms/encode.hpp"
#include "core/files.hpp"

#include <cstddef>

namespace kansli::cms {

/// SHA-256 of `signed_attributes` (the DER SET OF, RFC 5652 §5.4): the 32 bytes an external key
/// signs as a pre-hashed message.
[[nodiscard]] core::Bytes signed_attributes_digest(const core::Bytes& signed_attributes);

/// Checks `signature` over `signed_attributes` with the public key of `certificate_der` through
/// Botan::PK_Verifier (cms::VerifyKey, the check `kansli verify` makes): RSA PKCS#1 v1.5 with
/// SHA-256, exactly as long as the modulus; ECDSA P-256 with SHA-256, as a DER SEQUENCE { r, s }
/// or as raw r || s (64 bytes, as WebCrypto gives it), which is converted to DER. Returns the
/// signature as the SignerInfo carries it. Throws core::Error (exit 1) when it is malformed, the
/// key is not RSA >= 2048 or P-256, or it does not verify.
[[nodiscard]] core::Bytes check_external_signature(const core::Bytes& signed_attributes, const core::Bytes& signature,
                                                   const core::Bytes& certificate_der);

/// A Signer whose signature was made elsewhere (and checked by check_external_signature): it
/// returns that signature for exactly `digest` and refuses any other.
class PresetSigner final : public Signer {
public:
    PresetSigner(SignatureAlgorithm algorithm, std::size_t max_size, core::Bytes digest, core::Bytes signature)
        : m_algorithm(algorithm), m_max(max_size), m_digest(std::move(digest)), m_signature(std::move(signature)) {}
    [[nodiscard]] SignatureAlgorithm algorithm() const override { return m_algorithm; }
    [[nodiscard]] std::size_t max_signature_size() const override { return m_max; }
    [[nodiscard]] core::Bytes sign_digest(const core::Bytes& digest) override;

private:
    SignatureAlgorithm m_algorithm;
    std::size_t m_max;
    core::Bytes m_digest;
    core::Bytes m_signature;
};

}  // namespace kansli::cms
