// cms/pubkey: keys parsed once per KeyCache; genuine signatures (fresh RSA, P-256 and P-384 keys,
// a demo certificate's own signature) verify with Botan::PK_Verifier, and mutated, malformed,
// wrong-key and wrong-message ones are refused.
#include "cms/pubkey.hpp"
#include "support/tools.hpp"

#include <botan/auto_rng.h>
#include <botan/ber_dec.h>
#include <botan/der_enc.h>
#include <botan/ec_group.h>
#include <botan/ecdsa.h>
#include <botan/pubkey.h>
#include <botan/rsa.h>
#include <botan/x509self.h>

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

using kansli::cms::KeyCache;
using kansli::cms::VerifyKey;
using Bytes = std::vector<std::uint8_t>;
using Span = std::span<const std::uint8_t>;

namespace {

std::vector<Botan::X509_Certificate> fixture_certs() {
    std::vector<Botan::X509_Certificate> out;
    for (const char* f :
         {"root.pem", "issuing.pem", "sekreterare.pem", "justerare.pem", "ordforande.pem", "expired.pem", "revoked.pem",
          "stranger.pem", "impostor.pem", "fakeroot.pem", "other-root.pem"}) {
        out.emplace_back(kansli::test::data(std::string("verify/pki/") + f));
    }
    for (const char* f :
         {"root", "issuing", "bjorn-sandal", "christian-ahren", "katarina-nyberg-finn", "kommun-berg"}) {
        out.emplace_back(kansli::test::source(std::string("keys/demo/") + f + ".cert.pem"));
    }
    return out;
}

// Variants of a signature that must all be refused: each byte flipped in turn (bounded),
// truncated, extended, all zero, all 0xFF, empty; for DER (r, s) also a leading zero, r or s
// set to 0, to the order, shifted by the order, swapped, and a non-minimal INTEGER. (Not (r, n - s):
// ECDSA accepts it by design, it is checked as genuine below.)
std::vector<Bytes> mutations(const Bytes& sig, bool der) {
    std::vector<Bytes> out;
    for (std::size_t i = 0; i < sig.size(); i += std::max<std::size_t>(1, sig.size() / 24)) {
        Bytes m = sig;
        m[i] ^= 0x01;
        out.push_back(m);
    }
    out.emplace_back(sig.begin(), sig.end() - 1);
    Bytes longer = sig;
    longer.push_back(0);
    out.push_back(longer);
    out.emplace_back(sig.size(), 0);
    out.emplace_back(sig.size(), 0xFF);
    out.emplace_back();
    if (der) {
        // (An RSA signature with a leading zero byte is the same integer: Botan accepts it.)
        Bytes lead = sig;
        lead.insert(lead.begin(), 0);
        out.push_back(lead);
        const Botan::BigInt n("0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
        // DER SEQUENCE { INTEGER r, INTEGER s } (short lengths), `pad`: a needless leading zero.
        auto seq = [](const Botan::BigInt& r, const Botan::BigInt& s, bool pad) {
            Bytes body;
            for (const Botan::BigInt* v : {&r, &s}) {
                const auto b = Botan::BigInt::encode(*v);
                const std::size_t zeros = (b.empty() || (b[0] & 0x80) ? 1 : 0) + (pad ? 1 : 0);
                body.push_back(0x02);
                body.push_back(static_cast<std::uint8_t>(b.size() + zeros));
                body.insert(body.end(), zeros, 0);
                for (auto c : b) body.push_back(c);
            }
            Bytes t;
            t.push_back(0x30);
            t.push_back(static_cast<std::uint8_t>(body.size()));
            for (auto c : body) t.push_back(c);
            return t;
        };
        // Decode the genuine (r, s) with Botan to build the shifted variants.
        Botan::BigInt r, s;
        Botan::BER_Decoder(sig).start_cons(Botan::SEQUENCE).decode(r).decode(s).end_cons();
        out.push_back(seq(r, s, true));
        out.push_back(seq(0, s, false));
        out.push_back(seq(r, 0, false));
        out.push_back(seq(n, s, false));
        out.push_back(seq(r, n, false));
        out.push_back(seq(r + n, s, false));
        out.push_back(seq(r, s + n, false));
        out.push_back(seq(s, r, false));
    }
    return out;
}

}  // namespace

TEST_CASE("pubkey: each distinct key is parsed once per cache", "[cms][pubkey]") {
    const auto certs = fixture_certs();
    KeyCache cache;
    for (const auto& c : certs) {
        const auto held = cache.key_of(c);
        const VerifyKey& key = *held;
        REQUIRE(key.valid());
        CHECK(key.estimated_strength() >= 110);
        CHECK((key.algo_name() == "RSA" || key.algo_name() == "ECDSA"));
        CHECK(cache.key_of(Botan::X509_Certificate(c.BER_encode())).get() == &key);  // same SPKI, same key
    }
    // impostor.pem and sekreterare.pem share a name, not a key.
    CHECK(cache.key_of(certs[8]) != cache.key_of(certs[2]));
}

TEST_CASE("pubkey: RSA, P-256 and P-384 signatures verify, mutated ones are refused", "[cms][pubkey]") {
    Botan::AutoSeeded_RNG rng;
    std::vector<std::unique_ptr<Botan::Private_Key>> keys;
    keys.push_back(std::make_unique<Botan::RSA_PrivateKey>(rng, 2048));
    keys.push_back(std::make_unique<Botan::ECDSA_PrivateKey>(rng, Botan::EC_Group("secp256r1")));
    keys.push_back(std::make_unique<Botan::ECDSA_PrivateKey>(rng, Botan::EC_Group("secp384r1")));
    std::size_t refused = 0;
    for (const auto& priv : keys) {
        Botan::X509_Cert_Options opts("Test key/SE/Kansli/Test");
        const auto cert = Botan::X509::create_self_signed_cert(opts, *priv, "SHA-256", rng);
        VerifyKey key(cert);
        REQUIRE(key.valid());
        CHECK(key.algo_name() == priv->algo_name());
        const bool ec = priv->algo_name() == "ECDSA";
        const bool p256 = ec && priv->key_length() == 256;
        for (const std::string hash : {"SHA-256", "SHA-384", "SHA-512"}) {
            for (int round = 0; round < 3; ++round) {
                const auto rnd = rng.random_vec(static_cast<std::size_t>(round * 37));
                const Bytes msg(rnd.begin(), rnd.end());
                Botan::PK_Signer signer(*priv, rng, (ec ? "EMSA1(" : "EMSA3(") + hash + ")",
                                        ec ? Botan::DER_SEQUENCE : Botan::IEEE_1363);
                const Bytes sig = signer.sign_message(msg, rng);
                const Span parts[1] = {Span(msg)};
                INFO(priv->algo_name() << " " << priv->key_length() << " " << hash);
                CHECK(key.verify(hash, parts, sig));
                // The message in two pieces is the same message.
                if (msg.size() > 1) {
                    const Span halves[2] = {Span(msg).first(msg.size() / 2), Span(msg).subspan(msg.size() / 2)};
                    CHECK(key.verify(hash, halves, sig));
                }
                Bytes other = msg;
                other.push_back(1);
                const Span other_parts[1] = {Span(other)};
                CHECK_FALSE(key.verify(hash, other_parts, sig));
                CHECK_FALSE(key.verify(hash == "SHA-256" ? "SHA-384" : "SHA-256", parts, sig));
                for (const auto& m : mutations(sig, ec)) {
                    CHECK_FALSE(key.verify(hash, parts, m));
                    ++refused;
                }
                if (p256) {  // (r, n - s) is the other valid ECDSA signature of the same message
                    Botan::BigInt r, s;
                    Botan::BER_Decoder(sig).start_cons(Botan::SEQUENCE).decode(r).decode(s).end_cons();
                    const Botan::BigInt n("0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
                    Bytes twin;
                    Botan::DER_Encoder(twin).start_cons(Botan::SEQUENCE).encode(r).encode(n - s).end_cons();
                    CHECK(key.verify(hash, parts, twin));
                }
            }
        }
    }
    CHECK(refused > 300);
}

TEST_CASE("pubkey: a key of another type or an unknown hash fails closed", "[cms][pubkey]") {
    const Botan::X509_Certificate rsa(kansli::test::source("keys/demo/christian-ahren.cert.pem"));
    const Botan::X509_Certificate ec(kansli::test::source("keys/demo/bjorn-sandal.cert.pem"));
    const Botan::X509_Certificate issuing(kansli::test::source("keys/demo/issuing.cert.pem"));
    VerifyKey rsa_key(rsa), ec_key(ec);
    CHECK(rsa_key.algo_name() == "RSA");
    CHECK(ec_key.algo_name() == "ECDSA");
    const Bytes msg = {1, 2, 3};
    const Span parts[1] = {Span(msg)};
    CHECK_FALSE(rsa_key.verify("SHA-256", parts, Bytes(256, 1)));
    CHECK_FALSE(ec_key.verify("SHA-256", parts, Bytes(70, 0x30)));
    CHECK_FALSE(rsa_key.verify("No-Such-Hash", parts, Bytes(256, 1)));
    // A genuine RSA signature checked with an ECDSA key: refused.
    const auto tbs = issuing.tbs_data();
    const Span tbs_parts[1] = {Span(tbs)};
    const Botan::X509_Certificate root(kansli::test::source("keys/demo/root.cert.pem"));
    CHECK(VerifyKey(root).verify("SHA-256", tbs_parts, issuing.signature()));
    CHECK_FALSE(ec_key.verify("SHA-256", tbs_parts, issuing.signature()));
    CHECK_FALSE(rsa_key.verify("SHA-256", tbs_parts, issuing.signature()));
}
