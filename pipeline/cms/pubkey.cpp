#include "cms/pubkey.hpp"

#include <botan/pubkey.h>

#include <exception>
#include <optional>

namespace kansli::cms {

VerifyKey::VerifyKey(const Botan::X509_Certificate& cert) {
    try {
        m_key = cert.load_subject_public_key();
        if (m_key) m_algo = m_key->algo_name();
    } catch (const std::exception&) {
        m_key.reset();
    }
}

VerifyKey::~VerifyKey() = default;

std::size_t VerifyKey::estimated_strength() const { return m_key ? m_key->estimated_strength() : 0; }

bool VerifyKey::verify(const std::string& hash, std::span<const std::span<const std::uint8_t>> message,
                       std::span<const std::uint8_t> signature) const {
    if (!m_key || (m_algo != "RSA" && m_algo != "ECDSA")) return false;
    try {
        const bool ec = m_algo == "ECDSA";
        Botan::PK_Verifier v(*m_key, (ec ? "EMSA1(" : "EMSA3(") + hash + ")",
                             ec ? Botan::DER_SEQUENCE : Botan::IEEE_1363);
        for (auto p : message) v.update(p.data(), p.size());
        return v.check_signature(signature.data(), signature.size());
    } catch (const std::exception&) {
        return false;
    }
}

// One cached key: parsed by the first thread that asks for it, outside the cache's lock.
struct KeyCache::Entry {
    std::once_flag once;
    std::shared_ptr<const VerifyKey> key;
};

namespace {

/// The entry for `key` in `map` (the caller holds the cache's lock), made empty when absent; a
/// map that holds `limit` entries is emptied first (entries in use stay alive through their
/// shared_ptr).
template <class E>
std::shared_ptr<E> entry_for(std::map<std::string, std::shared_ptr<E>>& map, std::string key, std::size_t limit) {
    auto it = map.find(key);
    if (it == map.end()) {
        if (map.size() >= limit) map.clear();
        it = map.emplace(std::move(key), std::make_shared<E>()).first;
    }
    return it->second;
}

}  // namespace

KeyCache::KeyCache() = default;
KeyCache::~KeyCache() = default;

KeyCache& KeyCache::process() {
    // Never destroyed: its keys hold BigInts from Botan's locked-memory pool, a static that may
    // be gone when exit() runs the destructors (found by ThreadSanitizer: a write to freed memory).
    static KeyCache* const cache = new KeyCache;
    return *cache;
}

void KeyCache::clear() {
    const std::lock_guard lock(m_mutex);
    m_keys.clear();
    m_certs.clear();
}

std::shared_ptr<const VerifyKey> KeyCache::key_of(const Botan::X509_Certificate& cert) {
    const auto& bits = cert.subject_public_key_bits();
    std::shared_ptr<Entry> entry;
    {
        const std::lock_guard lock(m_mutex);
        entry = entry_for(m_keys, std::string(bits.begin(), bits.end()), kMaxKeys);
    }
    std::call_once(entry->once, [&] { entry->key = std::make_shared<const VerifyKey>(cert); });
    return entry->key;
}

// One cached certificate: parsed by the first thread that asks for it, outside the cache's lock.
// A parse that throws leaves `cert` empty and the flag unset, so the next request parses again.
struct KeyCache::CertEntry {
    std::once_flag once;
    std::optional<Botan::X509_Certificate> cert;
};

Botan::X509_Certificate KeyCache::certificate(std::span<const std::uint8_t> der) {
    const auto parse = [&] {
        ++m_cert_parses;
        return Botan::X509_Certificate(std::vector<std::uint8_t>(der.begin(), der.end()));
    };
    if (der.size() > kMaxCertificateBytes) return parse();
    std::shared_ptr<CertEntry> entry;
    {
        const std::lock_guard lock(m_mutex);
        entry = entry_for(m_certs, std::string(der.begin(), der.end()), kMaxCertificates);
    }
    std::call_once(entry->once, [&] { entry->cert.emplace(parse()); });
    return *entry->cert;
}

std::size_t KeyCache::certificates_kept() {
    const std::lock_guard lock(m_mutex);
    return m_certs.size();
}

}  // namespace kansli::cms
