// CMS SignedData encoder (RFC 5652, RFC 5035, ETSI EN 319 122-1 baseline B-B) built with Botan's
// DER_Encoder. Botan 2 has no CMS module; the structure is written out here.
#include "cms/encode.hpp"

#include "cms/oids.hpp"
#include "core/diagnostic.hpp"

#include <botan/asn1_oid.h>
#include <botan/bigint.h>
#include <botan/ber_dec.h>
#include <botan/der_enc.h>
#include <botan/hash.h>
#include <botan/x509cert.h>

#include <optional>
#include <string>

namespace kansli::cms {
namespace {

[[noreturn]] void fail(const std::string& message, std::string hint = {}) {
    throw core::Error(core::ExitCode::Invalid, "cms", {}, message, std::move(hint));
}

Botan::OID oid(const char* dotted) { return Botan::OID(dotted); }

core::Bytes sha256(const std::uint8_t* data, std::size_t n) {
    auto h = Botan::HashFunction::create_or_throw("SHA-256");
    h->update(data, n);
    auto out = h->final();
    return core::Bytes(out.begin(), out.end());
}

struct SignerId {
    std::vector<std::uint8_t> issuer;  ///< raw DER Name of the issuer (never re-encoded)
    Botan::BigInt serial;
    core::Bytes cert_hash;  ///< SHA-256 of the certificate DER
};

SignerId signer_id(const core::Bytes& cert_der) {
    try {
        Botan::X509_Certificate cert(cert_der);
        return SignerId{cert.raw_issuer_dn(), Botan::BigInt::decode(cert.serial_number()),
                        sha256(cert_der.data(), cert_der.size())};
    } catch (const std::exception& e) {
        fail(std::string("cannot parse the signer certificate: ") + e.what());
    }
}

// SignedAttributes as a universal SET, sorted by Botan's DER SET encoding (RFC 5652 §5.4 signs
// these bytes; they are re-tagged [0] IMPLICIT when embedded).
//
//   SignedAttributes ::= SET SIZE (1..MAX) OF Attribute
//   Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }
//   ContentType ::= OBJECT IDENTIFIER                                   -- id-data
//   MessageDigest ::= OCTET STRING
//   SigningCertificateV2 ::= SEQUENCE {                                 -- RFC 5035
//       certs    SEQUENCE OF ESSCertIDv2,
//       policies SEQUENCE OF PolicyInformation OPTIONAL }
//   ESSCertIDv2 ::= SEQUENCE {
//       hashAlgorithm AlgorithmIdentifier DEFAULT {algorithm id-sha256},  -- omitted: it is SHA-256
//       certHash      Hash,
//       issuerSerial  IssuerSerial OPTIONAL }
//   IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }
//   GeneralNames ::= SEQUENCE OF GeneralName;  GeneralName ::= CHOICE { ... directoryName [4] Name ... }
core::Bytes signed_attributes(const core::Bytes& content_digest, const SignerId& id, const char* content_type,
                              const std::vector<core::Bytes>& extra = {}) {
    if (content_digest.size() != 32) fail("the content digest must be 32 bytes (SHA-256)");
    std::vector<std::uint8_t> out;
    Botan::DER_Encoder der(out);
    der.start_cons(Botan::SET)
        .start_cons(Botan::SEQUENCE)
        .encode(oid(oid::kContentType))
        .start_cons(Botan::SET)
        .encode(oid(content_type ? content_type : oid::kData))
        .end_cons()
        .end_cons()
        .start_cons(Botan::SEQUENCE)
        .encode(oid(oid::kMessageDigest))
        .start_cons(Botan::SET)
        .encode(content_digest, Botan::OCTET_STRING)
        .end_cons()
        .end_cons()
        .start_cons(Botan::SEQUENCE)
        .encode(oid(oid::kSigningCertificateV2))
        .start_cons(Botan::SET)
        .start_cons(Botan::SEQUENCE)  // SigningCertificateV2
        .start_cons(Botan::SEQUENCE)  // certs
        .start_cons(Botan::SEQUENCE)  // ESSCertIDv2
        .encode(id.cert_hash, Botan::OCTET_STRING)
        .start_cons(Botan::SEQUENCE)  // IssuerSerial
        .start_cons(Botan::SEQUENCE)  // GeneralNames
        .start_explicit(4)            // directoryName [4] EXPLICIT Name
        .raw_bytes(id.issuer)
        .end_explicit()
        .end_cons()
        .encode(id.serial)
        .end_cons()
        .end_cons()
        .end_cons()
        .end_cons()
        .end_cons()
        .end_cons();
    for (const auto& a : extra) der.raw_bytes(a);  // each one element of the SET (sorted as DER)
    der.end_cons();
    return core::Bytes(out.begin(), out.end());
}

// ContentInfo ::= SEQUENCE { contentType ContentType, content [0] EXPLICIT ANY DEFINED BY contentType }
// SignedData ::= SEQUENCE {
//     version CMSVersion,                                  -- 1 (issuerAndSerialNumber, id-data)
//     digestAlgorithms DigestAlgorithmIdentifiers,         -- SET { sha256 }, parameters absent (RFC 5754)
//     encapContentInfo EncapsulatedContentInfo,            -- { id-data } with eContent absent (detached)
//     certificates [0] IMPLICIT CertificateSet OPTIONAL,   -- signer + intermediates, no root
//     crls [1] IMPLICIT RevocationInfoChoices OPTIONAL,    -- absent
//     signerInfos SignerInfos }                            -- exactly one
// SignerInfo ::= SEQUENCE {
//     version CMSVersion,                                  -- 1
//     sid SignerIdentifier,                                -- issuerAndSerialNumber
//     digestAlgorithm DigestAlgorithmIdentifier,           -- sha256
//     signedAttrs [0] IMPLICIT SignedAttributes OPTIONAL,
//     signatureAlgorithm SignatureAlgorithmIdentifier,     -- rsaEncryption + NULL | ecdsa-with-SHA256
//     signature SignatureValue,                            -- OCTET STRING
//     unsignedAttrs [1] IMPLICIT UnsignedAttributes OPTIONAL }  -- in.unsigned_attributes
// IssuerAndSerialNumber ::= SEQUENCE { issuer Name, serialNumber CertificateSerialNumber }
// EncapsulatedContentInfo ::= SEQUENCE { eContentType, eContent [0] EXPLICIT OCTET STRING OPTIONAL }
core::Bytes assemble(const SignedDataInput& in, const SignerId& id, core::Bytes attrs, SignatureAlgorithm alg,
                     const core::Bytes& signature, const std::vector<core::Bytes>& unsigned_attrs) {
    attrs.at(0) = 0xA0;  // [0] IMPLICIT SET

    std::vector<std::uint8_t> unsigned_set;
    if (!unsigned_attrs.empty()) {
        Botan::DER_Encoder der(unsigned_set);
        der.start_cons(Botan::SET);  // sorted as DER, then re-tagged [1] IMPLICIT
        for (const auto& a : unsigned_attrs) der.raw_bytes(a);
        der.end_cons();
        unsigned_set.at(0) = 0xA1;
    }
    std::vector<std::uint8_t> encap;
    {
        Botan::DER_Encoder der(encap);
        der.start_cons(Botan::SEQUENCE).encode(oid(in.content_type ? in.content_type : oid::kData));
        if (!in.econtent.empty()) der.start_explicit(0).encode(in.econtent, Botan::OCTET_STRING).end_explicit();
        der.end_cons();
    }

    std::vector<std::uint8_t> certs;
    {
        Botan::DER_Encoder der(certs);
        der.start_cons(Botan::SET);  // universal SET so that Botan sorts it (DER), then re-tagged
        der.raw_bytes(in.signer_certificate);
        for (const auto& c : in.chain) der.raw_bytes(c);
        der.end_cons();
    }
    certs.at(0) = 0xA0;
    if (!in.include_certificates) certs.clear();

    std::vector<std::uint8_t> out;
    Botan::DER_Encoder der(out);
    der.start_cons(Botan::SEQUENCE)
        .encode(oid(oid::kSignedData))
        .start_explicit(0)
        .start_cons(Botan::SEQUENCE)
        .encode(static_cast<std::size_t>(in.econtent.empty() && !in.content_type ? 1 : 3))  // RFC 5652 §5.1
        .start_cons(Botan::SET)
        .start_cons(Botan::SEQUENCE)
        .encode(oid(oid::kSha256))
        .end_cons()
        .end_cons()
        .raw_bytes(encap)
        .raw_bytes(certs)
        .start_cons(Botan::SET)
        .start_cons(Botan::SEQUENCE)
        .encode(static_cast<std::size_t>(1))
        .start_cons(Botan::SEQUENCE)
        .raw_bytes(id.issuer)
        .encode(id.serial)
        .end_cons()
        .start_cons(Botan::SEQUENCE)
        .encode(oid(oid::kSha256))
        .end_cons()
        .raw_bytes(attrs);
    if (alg == SignatureAlgorithm::RsaPkcs1Sha256) {
        der.start_cons(Botan::SEQUENCE).encode(oid(oid::kRsaEncryption)).encode_null().end_cons();
    } else {
        der.start_cons(Botan::SEQUENCE).encode(oid(oid::kEcdsaWithSha256)).end_cons();  // no parameters
    }
    der.encode(signature, Botan::OCTET_STRING)
        .raw_bytes(unsigned_set)
        .end_cons()
        .end_cons()
        .end_cons()
        .end_explicit()
        .end_cons();
    return core::Bytes(out.begin(), out.end());
}

void check_algorithm(SignatureAlgorithm alg) {
    if (alg != SignatureAlgorithm::RsaPkcs1Sha256 && alg != SignatureAlgorithm::EcdsaP256Sha256) {
        fail("unsupported signature algorithm", "use an RSA or an ECDSA P-256 key");
    }
}

}  // namespace

core::Bytes encode_signed_attributes(const core::Bytes& content_digest, const core::Bytes& signer_certificate) {
    return signed_attributes(content_digest, signer_id(signer_certificate), nullptr);
}

core::Bytes encode_signed_attributes(const SignedDataInput& in) {
    return signed_attributes(in.content_digest, signer_id(in.signer_certificate), in.content_type, in.extra_signed_attributes);
}

core::Bytes encode_signed_data(const SignedDataInput& in, Signer& signer) {
    check_algorithm(signer.algorithm());
    const SignerId id = signer_id(in.signer_certificate);
    core::Bytes attrs = signed_attributes(in.content_digest, id, in.content_type, in.extra_signed_attributes);
    const core::Bytes signature = signer.sign_digest(sha256(attrs.data(), attrs.size()));
    if (signature.empty() || signature.size() > signer.max_signature_size()) {
        fail("the signer returned a signature of unexpected size " + std::to_string(signature.size()));
    }
    std::vector<core::Bytes> unsigned_attrs;
    if (in.unsigned_attributes) {
        unsigned_attrs = in.unsigned_attributes(signature);
        std::size_t total = 0;
        for (const auto& a : unsigned_attrs) total += a.size();
        if (total > in.unsigned_attributes_reserve) {
            fail("the unsigned attributes (" + std::to_string(total) + " bytes) exceed the " +
                 std::to_string(in.unsigned_attributes_reserve) + " bytes reserved for them");
        }
    }
    return assemble(in, id, std::move(attrs), signer.algorithm(), signature, unsigned_attrs);
}

std::size_t max_signed_data_size(const SignedDataInput& in, const Signer& signer) {
    check_algorithm(signer.algorithm());
    const SignerId id = signer_id(in.signer_certificate);
    core::Bytes digest = in.content_digest;
    digest.resize(32);
    core::Bytes attrs = signed_attributes(digest, id, in.content_type, in.extra_signed_attributes);
    // 0xFF bytes keep the placeholder's length encoding as large as the real one can be.
    const core::Bytes placeholder(signer.max_signature_size(), 0xFF);
    // Unsigned attributes: one placeholder Attribute larger than the reserve (an OCTET STRING of
    // reserve bytes plus its headers), so any real set within the reserve encodes smaller.
    std::vector<core::Bytes> unsigned_placeholder;
    if (in.unsigned_attributes) {
        std::vector<std::uint8_t> a;
        Botan::DER_Encoder(a)
            .start_cons(Botan::SEQUENCE)
            .encode(Botan::OID(oid::kData))
            .start_cons(Botan::SET)
            .encode(core::Bytes(in.unsigned_attributes_reserve, 0xFF), Botan::OCTET_STRING)
            .end_cons()
            .end_cons();
        unsigned_placeholder.emplace_back(a.begin(), a.end());
    }
    return assemble(in, id, std::move(attrs), signer.algorithm(), placeholder, unsigned_placeholder).size();
}

}  // namespace kansli::cms
