#include "cms/external.hpp"

#include "cms/pubkey.hpp"
#include "core/diagnostic.hpp"

#include <botan/ber_dec.h>
#include <botan/bigint.h>
#include <botan/der_enc.h>
#include <botan/hash.h>
#include <botan/pkix_types.h>
#include <botan/x509cert.h>

#include <optional>
#include <span>
#include <string>

namespace kansli::cms {
namespace {

[[noreturn]] void refuse(const std::string& message, std::string hint = {}) {
    throw core::Error(core::ExitCode::Invalid, "signature", {}, message, std::move(hint));
}

constexpr const char* kHint =
    "sign exactly the digest that kansli sign --prepare wrote, with the key of this certificate, "
    "and do not change the prepared file in between";

// Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } in DER.
core::Bytes ecdsa_der(const Botan::BigInt& r, const Botan::BigInt& s) {
    std::vector<std::uint8_t> out;
    Botan::DER_Encoder(out).start_cons(Botan::SEQUENCE).encode(r).encode(s).end_cons();
    return core::Bytes(out.begin(), out.end());
}

// `sig` when it is a DER Ecdsa-Sig-Value (it re-encodes to the same bytes), else nullopt.
std::optional<core::Bytes> as_strict_der(const core::Bytes& sig) {
    try {
        Botan::BigInt r, s;
        Botan::BER_Decoder(sig.data(), sig.size())
            .start_cons(Botan::SEQUENCE)
            .decode(r)
            .decode(s)
            .end_cons()
            .verify_end();
        if (ecdsa_der(r, s) == sig) return sig;
    } catch (const std::exception&) {}
    return std::nullopt;
}

}  // namespace

core::Bytes signed_attributes_digest(const core::Bytes& signed_attributes) {
    auto h = Botan::HashFunction::create_or_throw("SHA-256");
    h->update(signed_attributes.data(), signed_attributes.size());
    const auto d = h->final();
    return core::Bytes(d.begin(), d.end());
}

core::Bytes check_external_signature(const core::Bytes& signed_attributes, const core::Bytes& signature,
                                     const core::Bytes& certificate_der) {
    std::optional<Botan::X509_Certificate> cert;
    try {
        cert.emplace(certificate_der);
    } catch (const std::exception& e) {
        refuse(std::string("cannot parse the signer certificate: ") + e.what());
    }
    const VerifyKey key(*cert);
    if (!key.valid() || (key.algo_name() != "RSA" && key.algo_name() != "ECDSA") ||
        key.estimated_strength() < kMinKeyStrength) {
        refuse("the certificate's key is not RSA (2048 bits or more) or ECDSA P-256");
    }
    core::Bytes der = signature;
    if (key.algo_name() == "RSA") {
        const std::size_t modulus = (cert->load_subject_public_key()->key_length() + 7) / 8;
        if (signature.size() != modulus) {
            refuse("the signature is " + std::to_string(signature.size()) +
                       " bytes, but an RSA PKCS#1 v1.5 signature by "
                       "this certificate's key is " +
                       std::to_string(modulus) + " (truncated or not RSA?)",
                   kHint);
        }
    } else if (auto strict = as_strict_der(signature)) {
        der = *strict;
    } else if (signature.size() == 64) {  // IEEE P1363 r || s, each 32 bytes big-endian (WebCrypto)
        der = ecdsa_der(Botan::BigInt(signature.data(), 32), Botan::BigInt(signature.data() + 32, 32));
    } else {
        refuse("the signature is " + std::to_string(signature.size()) +
                   " bytes and neither a DER ECDSA signature nor 64 bytes of r || s (truncated or garbage?)",
               kHint);
    }
    const std::span<const std::uint8_t> message(signed_attributes);
    if (!key.verify("SHA-256", std::span<const std::span<const std::uint8_t>>(&message, 1), der)) {
        refuse("the signature does not verify over the prepared signed attributes with the key of " +
                   cert->subject_dn().get_first_attribute("CN") +
                   ": it was made over other data or by another key, or the prepared file was changed",
               kHint);
    }
    return der;
}

core::Bytes PresetSigner::sign_digest(const core::Bytes& digest) {
    if (digest != m_digest) refuse("internal error: the signed attributes differ from the ones checked");
    return m_signature;
}

}  // namespace kansli::cms
