// Public keys for verification, parsed once per process (KeyCache::process()) and shared by the
// CMS signer checks of every signature and every document verified in it.
//
// Every CMS signature is verified by Botan itself (Botan::PK_Verifier: RSA PKCS#1 v1.5 as EMSA3,
// ECDSA as EMSA1 with a DER SEQUENCE { r, s }); certificates and CRLs are verified inside Botan's
// x509_path_validate (verify/chain.cpp). What this file adds is only the cache: constructing a
// Botan RSA key sets up Montgomery parameters (~7 M instructions for RSA-3072: a constant-time
// division), so a key that signs several signatures (or documents) is parsed once per KeyCache.
// KeyCache is thread-safe (verify checks the signatures of a document concurrently); a VerifyKey
// is immutable once loaded and Botan's verification of a const key may run in several threads.
// KeyCache also keeps the parsed certificates of the CMS it has seen, by their full DER: a batch
// (archive ingest and check, `kansli verify a.pdf b.pdf`, the portal) signed by the same few
// signers parses each certificate once. Only parsing is saved: every signature and every chain
// is still checked by Botan for every document.
#pragma once

#include <botan/pk_keys.h>
#include <botan/x509cert.h>

#include <cstddef>
#include <cstdint>
#include <atomic>
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

    /// The Botan key (null when invalid), e.g. for X509_Object::check_signature.
    [[nodiscard]] const Botan::Public_Key* key() const { return m_key.get(); }

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

/// Keys by SubjectPublicKeyInfo and certificates by their DER, each parsed once (thread-safe;
/// concurrent requests for the same key or certificate parse it once). At most kMaxKeys keys and
/// kMaxCertificates certificates are kept: a further new one empties that part of the cache first,
/// so hostile input with many keys or certificates costs bounded memory (keys handed out stay
/// alive with their users; certificates handed out are copies sharing Botan's parsed data).
class KeyCache {
public:
    static constexpr std::size_t kMaxKeys = 1024;
    static constexpr std::size_t kMaxCertificates = 1024;
    static constexpr std::size_t kMaxCertificateBytes = 16 * 1024;  ///< larger DER is parsed, not kept

    KeyCache();
    ~KeyCache();
    KeyCache(const KeyCache&) = delete;
    KeyCache& operator=(const KeyCache&) = delete;

    /// The one cache of the process: verify's signatures, chains and time-stamps of every document.
    static KeyCache& process();

    /// The key of `cert` (parsed on first request for its SubjectPublicKeyInfo). Never throws
    /// for bad keys (see VerifyKey::valid()).
    std::shared_ptr<const VerifyKey> key_of(const Botan::X509_Certificate& cert);

    /// The X.509 certificate whose encoding is exactly `der` (Botan::X509_Certificate's parse of
    /// it), parsed on first request and kept: later requests with the same bytes get a copy of
    /// the same parsed certificate. Throws what Botan throws for bytes it cannot parse (a failed
    /// parse is not kept: the next request parses again and throws the same).
    Botan::X509_Certificate certificate(std::span<const std::uint8_t> der);

    /// Certificates kept now, and Botan parses certificate() has started since construction
    /// (tests: the same DER twice is one parse).
    [[nodiscard]] std::size_t certificates_kept();
    [[nodiscard]] std::size_t certificate_parses() const { return m_cert_parses.load(); }

    /// Forgets every key and certificate (tests and benchmarks: a cold start).
    void clear();

private:
    struct Entry;
    struct CertEntry;
    std::mutex m_mutex;
    std::map<std::string, std::shared_ptr<Entry>> m_keys;       ///< by SubjectPublicKeyInfo DER
    std::map<std::string, std::shared_ptr<CertEntry>> m_certs;  ///< by the certificate's DER
    std::atomic<std::size_t> m_cert_parses{0};
};

}  // namespace kansli::cms
