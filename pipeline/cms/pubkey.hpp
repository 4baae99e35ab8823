// Public keys for verification, parsed once per verification run and shared by the CMS signer
// check and the certificate/CRL signature checks of the chain.
//
// Why not Botan::Public_Key alone: constructing an RSA_PublicKey sets up Montgomery parameters
// with a constant-time division (~2.3 M instructions per key, every time a key is loaded: hence
// one parse per distinct key), and the first ECDSA key on P-256 in a process builds the group's
// base point table for signing (~20 M instructions) that verification never uses. So ECDSA on
// P-256 is verified here on the variable-time path (public data only) with Botan's PointGFp
// arithmetic, mirroring Botan 2.19 step by step: canonical DER (r, s), 0 < r, s < n, the hash
// truncated to the order's bits, x(u1 G + u2 Q) mod n == r. Every other key (RSA included) is a
// Botan::Public_Key. (A variable-time RSA path was tried: Botan 2.19's vartime_divide did not
// terminate in reasonable time on some 3072-bit operands, and its Modular_Reducer is the slow
// part.) tests/cms/pubkey_test.cpp checks both paths agree on genuine, mutated and malformed
// signatures.
#pragma once

#include <botan/pk_keys.h>
#include <botan/pkix_enums.h>
#include <botan/x509_obj.h>
#include <botan/x509cert.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace kansli::cms {

/// One subject public key. Never throws after construction: an unusable key is !valid().
class VerifyKey {
public:
    /// Parses the SubjectPublicKeyInfo of `cert`. Keys the fast path does not cover are loaded
    /// by Botan at once (so valid() and algo_name() are Botan's).
    explicit VerifyKey(const Botan::X509_Certificate& cert);
    ~VerifyKey();
    VerifyKey(const VerifyKey&) = delete;
    VerifyKey& operator=(const VerifyKey&) = delete;

    [[nodiscard]] bool valid() const;
    /// Botan's algorithm name: "RSA", "ECDSA", ...; "" when the key does not parse.
    [[nodiscard]] const std::string& algo_name() const { return m_algo; }
    /// Botan's estimated_strength() of the key (bits of security); 0 when invalid.
    [[nodiscard]] std::size_t estimated_strength() const;

    /// Verifies `signature` over the concatenation of `message` hashed with `hash` ("SHA-256",
    /// "SHA-384", "SHA-512", or any Botan hash for the Botan path): RSA as EMSA3(hash) with the
    /// signature as a big-endian integer; ECDSA as EMSA1(hash) with a DER SEQUENCE { r, s }.
    /// False for any other key type, a bad signature or malformed input.
    bool verify(const std::string& hash, std::span<const std::span<const std::uint8_t>> message,
                std::span<const std::uint8_t> signature);

    /// Botan::X509_Object::verify_signature(key) for a certificate or CRL signed by this key:
    /// VERIFIED, SIGNATURE_ERROR, SIGNATURE_ALGO_BAD_PARAMS (algorithm of another key type), ...
    Botan::Certificate_Status_Code verify_x509(const Botan::X509_Object& object);

private:
    struct Fast;
    const Botan::Public_Key* botan();

    const Botan::X509_Certificate& m_cert;  ///< valid while the key is (see KeyCache)
    std::string m_algo;
    std::unique_ptr<Fast> m_fast;
    std::unique_ptr<Botan::Public_Key> m_botan;
    bool m_botan_tried = false;
};

/// Keys by SubjectPublicKeyInfo, each parsed once. Keeps a copy of each certificate it saw.
class KeyCache {
public:
    KeyCache();
    ~KeyCache();
    KeyCache(const KeyCache&) = delete;
    KeyCache& operator=(const KeyCache&) = delete;

    /// The key of `cert` (parsed on first request for its SubjectPublicKeyInfo). Never throws
    /// for bad keys (see VerifyKey::valid()).
    VerifyKey& key_of(const Botan::X509_Certificate& cert);

private:
    struct Entry;
    std::map<std::string, std::unique_ptr<Entry>> m_keys;  ///< by SubjectPublicKeyInfo DER
};

}  // namespace kansli::cms
