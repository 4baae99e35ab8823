#include "cms/pubkey.hpp"

#include <botan/ber_dec.h>
#include <botan/bigint.h>
#include <botan/curve_gfp.h>
#include <botan/curve_nistp.h>
#include <botan/hash.h>
#include <botan/hash_id.h>
#include <botan/numthry.h>
#include <botan/point_gfp.h>
#include <botan/pubkey.h>
#include <botan/reducer.h>
#include <botan/workfactor.h>

#include <exception>
#include <optional>

namespace kansli::cms {
namespace {

using Span = std::span<const std::uint8_t>;

const char* const kEcPublicKeyOid = "1.2.840.10045.2.1";
// DER of the namedCurve OID prime256v1 (1.2.840.10045.3.1.7), the parameters of a P-256 key.
constexpr std::uint8_t kP256Params[] = {0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07};

// P-256 (SEC 2 secp256r1 / FIPS 186-4 D.1.2.3).
struct P256 {
    Botan::BigInt a{"0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFC"};
    Botan::BigInt b{"0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B"};
    Botan::BigInt gx{"0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"};
    Botan::BigInt gy{"0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5"};
    Botan::BigInt n{"0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"};
    Botan::CurveGFp curve{Botan::prime_p256(), a, b};
    Botan::PointGFp g{curve, gx, gy};
    Botan::Modular_Reducer mod_n{n};  // a constant-time set-up, but of 256 bits: ~2 % of an RSA-2048 one
};

std::optional<std::vector<std::uint8_t>> digest(const std::string& hash, std::span<const Span> message) {
    auto h = Botan::HashFunction::create(hash);
    if (!h) return std::nullopt;
    for (auto p : message) h->update(p.data(), p.size());
    const auto out = h->final();
    return std::vector<std::uint8_t>(out.begin(), out.end());
}

bool hash_supported(const std::string& hash) { return hash == "SHA-256" || hash == "SHA-384" || hash == "SHA-512"; }

// A strict DER INTEGER at s[p]: minimal length and value encoding, non-negative. Advances p.
std::optional<Botan::BigInt> der_uint(Span s, std::size_t& p) {
    if (p + 2 > s.size() || s[p] != 0x02) return std::nullopt;
    std::size_t len = s[p + 1];
    p += 2;
    if (len & 0x80) {
        if (len != 0x81 || p >= s.size() || s[p] < 0x80) return std::nullopt;  // P-256 integers need at most 0x81
        len = s[p++];
    }
    if (len == 0 || len > s.size() - p) return std::nullopt;
    if (s[p] & 0x80) return std::nullopt;                                 // negative
    if (len > 1 && s[p] == 0 && !(s[p + 1] & 0x80)) return std::nullopt;  // not minimal
    Botan::BigInt v(s.data() + p, len);
    p += len;
    return v;
}

}  // namespace

struct VerifyKey::Fast {
    enum class Kind : std::uint8_t { Unknown = 0, EcdsaP256 };
    Kind kind = Kind::Unknown;
    std::unique_ptr<P256> curve;
    std::optional<Botan::PointGFp> q;    // ECDSA public point

    // Botan: PK_Verifier DER_SEQUENCE (exactly two INTEGERs, canonical DER) then
    // ECDSA_Verification_Operation::verify.
    bool ecdsa(Span h, Span sig) const {
        if (sig.size() < 8 || sig[0] != 0x30) return false;
        std::size_t p = 2, body = sig[1];
        if (body & 0x80) {
            if (body != 0x81 || sig[2] < 0x80) return false;
            body = sig[2];
            p = 3;
        }
        if (body != sig.size() - p) return false;
        auto r = der_uint(sig, p);
        auto s = r ? der_uint(sig, p) : std::nullopt;
        if (!r || !s || p != sig.size()) return false;
        const Botan::BigInt& order = curve->n;
        if (r->is_zero() || *r >= order || s->is_zero() || *s >= order) return false;
        const Botan::BigInt e(h.data(), h.size(), order.bits());
        const Botan::Modular_Reducer& mod = curve->mod_n;
        const Botan::BigInt w = Botan::inverse_mod(*s, order);
        const Botan::BigInt u1 = mod.multiply(mod.reduce(e), w);
        const Botan::BigInt u2 = mod.multiply(*r, w);
        const Botan::PointGFp big_r = Botan::multi_exponentiate(curve->g, u1, *q, u2);
        if (big_r.is_zero()) return false;
        return mod.reduce(big_r.get_affine_x()) == *r;
    }
};

VerifyKey::VerifyKey(const Botan::X509_Certificate& cert) : m_cert(cert) {
    try {
        const auto& alg = cert.subject_public_key_algo();
        const auto& bits = cert.subject_public_key_bitstring();
        const std::string oid = alg.get_oid().to_string();
        auto fast = std::make_unique<Fast>();
        if (oid == kEcPublicKeyOid &&
                   alg.get_parameters() == std::vector<std::uint8_t>(std::begin(kP256Params), std::end(kP256Params))) {
            fast->curve = std::make_unique<P256>();
            Botan::PointGFp q = Botan::OS2ECP(bits.data(), bits.size(), fast->curve->curve);  // throws when off the curve
            if (!q.is_zero() && q.on_the_curve()) {
                fast->q = std::move(q);
                fast->kind = Fast::Kind::EcdsaP256;
                m_algo = "ECDSA";
            }
        }
        if (fast->kind != Fast::Kind::Unknown) m_fast = std::move(fast);
    } catch (const std::exception&) {
        m_fast.reset();
    }
    if (!m_fast) {
        if (const auto* key = botan()) m_algo = key->algo_name();
    }
}

VerifyKey::~VerifyKey() = default;

const Botan::Public_Key* VerifyKey::botan() {
    if (!m_botan_tried) {
        m_botan_tried = true;
        try {
            m_botan = m_cert.load_subject_public_key();
        } catch (const std::exception&) {
            m_botan.reset();
        }
    }
    return m_botan.get();
}

bool VerifyKey::valid() const { return m_fast != nullptr || m_botan != nullptr; }

std::size_t VerifyKey::estimated_strength() const {
    if (m_fast) return Botan::ecp_work_factor(256);
    return m_botan ? m_botan->estimated_strength() : 0;
}

bool VerifyKey::verify(const std::string& hash, std::span<const Span> message, Span signature) {
    try {
        if (m_fast && hash_supported(hash)) {
            const auto h = digest(hash, message);
            if (!h) return false;
            return m_fast->ecdsa(*h, signature);
        }
        const Botan::Public_Key* key = botan();
        if (!key || (m_algo != "RSA" && m_algo != "ECDSA")) return false;
        const bool ec = m_algo == "ECDSA";
        Botan::PK_Verifier v(*key, (ec ? "EMSA1(" : "EMSA3(") + hash + ")", ec ? Botan::DER_SEQUENCE : Botan::IEEE_1363);
        for (auto p : message) v.update(p.data(), p.size());
        return v.check_signature(signature.data(), signature.size());
    } catch (const std::exception&) {
        return false;
    }
}

Botan::Certificate_Status_Code VerifyKey::verify_x509(const Botan::X509_Object& object) {
    using Code = Botan::Certificate_Status_Code;
    struct Known {
        const char* oid;
        const char* algo;
        const char* hash;
    };
    static constexpr Known kKnown[] = {
        {"1.2.840.113549.1.1.11", "RSA", "SHA-256"},  {"1.2.840.113549.1.1.12", "RSA", "SHA-384"},
        {"1.2.840.113549.1.1.13", "RSA", "SHA-512"},  {"1.2.840.10045.4.3.2", "ECDSA", "SHA-256"},
        {"1.2.840.10045.4.3.3", "ECDSA", "SHA-384"}, {"1.2.840.10045.4.3.4", "ECDSA", "SHA-512"},
    };
    try {
        if (m_fast) {
            const std::string oid = object.signature_algorithm().get_oid().to_string();
            for (const auto& k : kKnown) {
                if (oid != k.oid) continue;
                if (m_algo != k.algo) return Code::SIGNATURE_ALGO_BAD_PARAMS;  // Botan: key type differs
                const auto tbs = object.tbs_data();
                const Span parts[1] = {Span(tbs.data(), tbs.size())};
                return verify(k.hash, parts, object.signature()) ? Code::VERIFIED : Code::SIGNATURE_ERROR;
            }
        }
        const Botan::Public_Key* key = botan();
        if (!key) return Code::CERT_PUBKEY_INVALID;
        return object.verify_signature(*key);
    } catch (const std::exception&) {
        return Code::SIGNATURE_ERROR;
    }
}

struct KeyCache::Entry {
    explicit Entry(const Botan::X509_Certificate& c) : cert(c), key(cert) {}
    Botan::X509_Certificate cert;
    VerifyKey key;
};

KeyCache::KeyCache() = default;
KeyCache::~KeyCache() = default;

VerifyKey& KeyCache::key_of(const Botan::X509_Certificate& cert) {
    const auto& bits = cert.subject_public_key_bits();
    std::string spki(bits.begin(), bits.end());
    auto it = m_keys.find(spki);
    if (it == m_keys.end()) it = m_keys.emplace(std::move(spki), std::make_unique<Entry>(cert)).first;
    return it->second->key;
}

}  // namespace kansli::cms
