#include "cms/pubkey.hpp"

#include <botan/pubkey.h>

#include <exception>

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

KeyCache::KeyCache() = default;
KeyCache::~KeyCache() = default;

VerifyKey& KeyCache::key_of(const Botan::X509_Certificate& cert) {
    const auto& bits = cert.subject_public_key_bits();
    std::string spki(bits.begin(), bits.end());
    const std::lock_guard lock(m_mu);
    auto it = m_keys.find(spki);
    if (it == m_keys.end()) it = m_keys.emplace(std::move(spki), std::make_unique<VerifyKey>(cert)).first;
    return *it->second;
}

}  // namespace kansli::cms
