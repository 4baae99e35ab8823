// Public keys for verification, parsed once per verification run and shared by the CMS signer
// check of every signature of a document.
//
// Every CMS signature is verified by Botan itself (Botan::PK_Verifier: RSA PKCS#1 v1.5 as EMSA3,
// ECDSA as EMSA1 with a DER SEQUENCE { r, s }); certificates and CRLs are verified inside Botan's
// x509_path_validate (verify/chain.cpp). What this file adds is only the cache: constructing a
// Botan RSA key sets up Montgomery parameters (~2.3 M instructions), so a key that signs several
// signatures of one document is parsed once per KeyCache.
#pragma once

#include <botan/pk_keys.h>
#include <botan/x509cert.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <string>

namespace kansli::cms {

/// The least strength (Botan's estimated_strength, bits of security) kansli accepts of any key
/// that signs: a signer's CMS signature as well as every certificate and CRL of its chain (the
/// same number Botan's path validation is given). 110 admits RSA >= 2048 bits and P-256.
inline constexpr std::size_t kMinKeyStrength = 110;

/// One subject public key (a Botan::Public_Key). Never throws: an unusable key is !valid().
class VerifyKey {
public:
    /// Loads the SubjectPublicKeyInfo of `cert` with Botan (X509_Certificate::load_subject_public_key).
    explicit VerifyKey(const Botan::X509_Certificate& cert);
    ~VerifyKey();
    VerifyKey(const VerifyKey&) = delete;
    VerifyKey& operator=(const VerifyKey&) = delete;

    [[nodiscard]] bool valid() const { return m_key != nullptr; }
    /// Botan's algorithm name: "RSA", "ECDSA", ...; "" when the key does not parse.
    [[nodiscard]] const std::string& algo_name() const { return m_algo; }
    /// Botan's estimated_strength() of the key (bits of security); 0 when invalid.
    [[nodiscard]] std::size_t estimated_strength() const;

    /// Verifies `signature` over the concatenation of `message` with Botan::PK_Verifier, hashed
    /// with `hash` (a Botan hash name, e.g. "SHA-256"): RSA as EMSA3(hash) with the signature as a
    /// big-endian integer; ECDSA as EMSA1(hash) with a DER SEQUENCE { r, s }. False for any other
    /// key type, an unknown hash, a bad signature or malformed input.
    bool verify(const std::string& hash, std::span<const std::span<const std::uint8_t>> message,
                std::span<const std::uint8_t> signature) const;

private:
    std::unique_ptr<Botan::Public_Key> m_key;
    std::string m_algo;
};

/// Keys by SubjectPublicKeyInfo, each parsed once. Thread-safe (a key, once made, is only read).
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
    std::mutex m_mu;
    std::map<std::string, std::unique_ptr<VerifyKey>> m_keys;  ///< by SubjectPublicKeyInfo DER
};

}  // namespace kansli::cms
