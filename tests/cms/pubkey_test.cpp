// cms/pubkey: the variable-time RSA and P-256 paths must say exactly what Botan says, on every
// fixture certificate and CRL signature, and on genuine, mutated and malformed signatures made
// with fresh keys (differential test against Botan::PK_Verifier and X509_Object::verify_signature).
#include "cms/pubkey.hpp"
#include "support/tools.hpp"

#include <botan/auto_rng.h>
#include <botan/ber_dec.h>
#include <botan/ec_group.h>
#include <botan/ecdsa.h>
#include <botan/pubkey.h>
#include <botan/rsa.h>
#include <botan/x509_crl.h>
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
    for (const char* f : {"root.pem", "issuing.pem", "sekreterare.pem", "justerare.pem", "ordforande.pem", "expired.pem", "revoked.pem",
                          "stranger.pem", "impostor.pem", "fakeroot.pem", "other-root.pem"}) {
        out.emplace_back(kansli::test::data(std::string("verify/pki/") + f));
    }
    for (const char* f : {"root", "issuing", "bjorn-sandal", "christian-ahren", "katarina-nyberg-finn", "kommun-berg"}) {
        out.emplace_back(kansli::test::source(std::string("keys/demo/") + f + ".cert.pem"));
    }
    return out;
}

Botan::Certificate_Status_Code botan_x509(const Botan::X509_Object& o, const Botan::X509_Certificate& issuer) {
    try {
        auto key = issuer.load_subject_public_key();
        return o.verify_signature(*key);
    } catch (const std::exception&) {
        return Botan::Certificate_Status_Code::CERT_PUBKEY_INVALID;
    }
}

bool botan_verify(const Botan::Public_Key& key, const std::string& hash, Span msg, Span sig) {
    const bool ec = key.algo_name() == "ECDSA";
    try {
        Botan::PK_Verifier v(key, (ec ? "EMSA1(" : "EMSA3(") + hash + ")", ec ? Botan::DER_SEQUENCE : Botan::IEEE_1363);
        return v.verify_message(msg.data(), msg.size(), sig.data(), sig.size());
    } catch (const std::exception&) {
        return false;
    }
}

// Variants of a signature: each byte flipped in turn (bounded), truncated, extended, with a
// leading zero, all zero, all 0xFF; for DER (r, s) also r or s set to 0, to the order, shifted
// by the order, and a non-minimal INTEGER.
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
    Bytes lead = sig;
    lead.insert(lead.begin(), 0);
    out.push_back(lead);
    out.emplace_back(sig.size(), 0);
    out.emplace_back(sig.size(), 0xFF);
    out.emplace_back();
    if (der) {
        const Botan::BigInt n("0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
        // DER SEQUENCE { INTEGER r, INTEGER s } (short lengths), `pad`: a needless leading zero.
        auto seq = [](const Botan::BigInt& r, const Botan::BigInt& s, bool pad) {
            Bytes body;
            for (const Botan::BigInt* v : {&r, &s}) {
                const auto b = Botan::BigInt::encode(*v);
                const bool zero = b.empty() || (b[0] & 0x80) || pad;
                body.push_back(0x02);
                body.push_back(static_cast<std::uint8_t>(b.size() + (zero ? 1 : 0)));
                if (zero) body.push_back(0);
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
        out.push_back(seq(r, n - s, false));
        out.push_back(seq(s, r, false));
    }
    return out;
}

}  // namespace

TEST_CASE("pubkey: certificate and CRL signatures agree with Botan on every fixture pair", "[cms][pubkey]") {
    const auto certs = fixture_certs();
    std::vector<Botan::X509_CRL> crls = {Botan::X509_CRL(kansli::test::data("verify/pki/issuing.crl")),
                                         Botan::X509_CRL(kansli::test::data("verify/pki/root.crl")),
                                         Botan::X509_CRL(kansli::test::source("keys/demo/issuing.crl.pem"))};
    KeyCache cache;
    std::size_t verified = 0;
    for (const auto& issuer : certs) {
        VerifyKey& key = cache.key_of(issuer);
        REQUIRE(key.valid());
        CHECK(key.estimated_strength() == issuer.load_subject_public_key()->estimated_strength());
        CHECK(key.algo_name() == issuer.load_subject_public_key()->algo_name());
        CHECK(&cache.key_of(Botan::X509_Certificate(issuer.BER_encode())) == &key);  // parsed once
        for (const auto& subject : certs) {
            INFO(issuer.subject_dn().to_string() << " signs " << subject.subject_dn().to_string());
            const auto code = key.verify_x509(subject);
            CHECK(code == botan_x509(subject, issuer));
            if (code == Botan::Certificate_Status_Code::VERIFIED) ++verified;
        }
        for (const auto& crl : crls) CHECK(key.verify_x509(crl) == botan_x509(crl, issuer));
    }
    CHECK(verified >= 10);  // the real issuer/subject pairs are among them
}

TEST_CASE("pubkey: RSA and P-256 signatures agree with Botan, genuine and mutated", "[cms][pubkey]") {
    Botan::AutoSeeded_RNG rng;
    std::vector<std::unique_ptr<Botan::Private_Key>> keys;
    keys.push_back(std::make_unique<Botan::RSA_PrivateKey>(rng, 1024));
    keys.push_back(std::make_unique<Botan::ECDSA_PrivateKey>(rng, Botan::EC_Group("secp256r1")));
    keys.push_back(std::make_unique<Botan::ECDSA_PrivateKey>(rng, Botan::EC_Group("secp384r1")));  // Botan path
    std::size_t checked = 0;
    for (const auto& priv : keys) {
        Botan::X509_Cert_Options opts("Test key/SE/Kansli/Test");
        const auto cert = Botan::X509::create_self_signed_cert(opts, *priv, "SHA-256", rng);
        VerifyKey key(cert);
        REQUIRE(key.valid());
        const auto pub = cert.load_subject_public_key();
        CHECK(key.algo_name() == pub->algo_name());
        CHECK(key.verify_x509(cert) == Botan::Certificate_Status_Code::VERIFIED);
        const bool ec = priv->algo_name() == "ECDSA";
        for (const std::string hash : {"SHA-256", "SHA-384", "SHA-512"}) {
            for (int round = 0; round < 3; ++round) {
                const auto rnd = rng.random_vec(static_cast<std::size_t>(round * 37));
                const Bytes msg(rnd.begin(), rnd.end());
                Botan::PK_Signer signer(*priv, rng, (ec ? "EMSA1(" : "EMSA3(") + hash + ")", ec ? Botan::DER_SEQUENCE : Botan::IEEE_1363);
                const Bytes sig = signer.sign_message(msg, rng);
                const Span parts[1] = {Span(msg)};
                INFO(priv->algo_name() << " " << pub->key_length() << " " << hash);
                CHECK(key.verify(hash, parts, sig));
                CHECK(botan_verify(*pub, hash, msg, sig));
                Bytes other = msg;
                other.push_back(1);
                const Span other_parts[1] = {Span(other)};
                CHECK_FALSE(key.verify(hash, other_parts, sig));
                for (const auto& m : mutations(sig, ec)) {
                    CHECK(key.verify(hash, parts, m) == botan_verify(*pub, hash, msg, m));
                    ++checked;
                }
            }
        }
    }
    CHECK(checked > 300);
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
    // A certificate signed by an RSA key checked with an ECDSA key: Botan's "bad params".
    CHECK(ec_key.verify_x509(rsa) == botan_x509(rsa, ec));
    CHECK(rsa_key.verify_x509(issuing) == Botan::Certificate_Status_Code::SIGNATURE_ERROR);
}
