#include "cms/decode.hpp"

#include "cms/der_reader.hpp"
#include "cms/oids.hpp"

#include <botan/ber_dec.h>
#include <botan/bigint.h>
#include <botan/hash.h>

#include <algorithm>
#include <exception>
#include <map>
#include <memory>
#include <set>

namespace kansli::cms {
namespace {

using namespace der;  // the DER reader (cms/der_reader.hpp)

struct AlgId {
    std::string oid;
    bool has_params = false;
    bool null_params = false;
};
AlgId alg_id(const Tlv& t) {
    if (t.tag != kSequence) malformed("AlgorithmIdentifier expected");
    Reader r(t.content);
    AlgId a;
    a.oid = oid_of(r.next("algorithm"));
    if (r.more()) {
        Tlv p = r.next("parameters");
        a.has_params = true;
        a.null_params = p.tag == kNull && p.content.empty();
    }
    if (r.more()) malformed("extra data in AlgorithmIdentifier");
    return a;
}

std::optional<std::string> hash_name(const std::string& oid) {
    static const std::map<std::string, std::string> k = {
        {oid::kSha256, "SHA-256"}, {oid::kSha384, "SHA-384"}, {oid::kSha512, "SHA-512"}};
    auto it = k.find(oid);
    return it == k.end() ? std::nullopt : std::optional<std::string>(it->second);
}

Bytes hash_of(const std::string& name, std::span<const Span> parts) {
    auto h = Botan::HashFunction::create_or_throw(name);
    for (auto p : parts) h->update(p.data(), p.size());
    auto out = h->final();
    return Bytes(out.begin(), out.end());
}
Bytes hash_of(const std::string& name, Span one) { return hash_of(name, std::span<const Span>(&one, 1)); }

// ---- one SignerInfo ---------------------------------------------------------------------------
struct SignerInfoCheck {
    const Botan::X509_Certificate* cert = nullptr;
    std::string digest;
    std::string sigalg;
    bool has_ess = false;
};

const Botan::X509_Certificate* find_signer(const Tlv& sid, const std::vector<Botan::X509_Certificate>& certs) {
    if (sid.tag == kSequence) {  // IssuerAndSerialNumber
        Reader r(sid.content);
        Tlv issuer = r.expect(kSequence, "sid issuer");
        Botan::BigInt serial = integer_of(r.next("sid serial"));
        if (r.more()) malformed("extra data in IssuerAndSerialNumber");
        for (const auto& c : certs) {
            const auto& raw = c.raw_issuer_dn();
            if (std::equal(raw.begin(), raw.end(), issuer.whole.begin(), issuer.whole.end()) &&
                Botan::BigInt(c.serial_number()) == serial) {
                return &c;
            }
        }
        return nullptr;
    }
    if (sid.tag == kCtx0Prim) {  // [0] SubjectKeyIdentifier
        for (const auto& c : certs) {
            const auto& ski = c.subject_key_id();
            if (!ski.empty() && std::equal(ski.begin(), ski.end(), sid.content.begin(), sid.content.end())) return &c;
        }
        return nullptr;
    }
    malformed("unknown SignerIdentifier");
}

// ESSCertIDv2 ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier DEFAULT sha256, certHash OCTET STRING,
//                            issuerSerial IssuerSerial OPTIONAL }
// ESSCertID   ::= SEQUENCE { certHash OCTET STRING (SHA-1), issuerSerial IssuerSerial OPTIONAL }
// SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies ... OPTIONAL }
void check_ess(const Tlv& value, bool v2, const Botan::X509_Certificate& cert) {
    Reader outer(value.content);
    Tlv certs = outer.expect(kSequence, "ESS certs");
    Reader list(certs.content);
    Tlv first = list.expect(kSequence, "ESSCertID");
    Reader id(first.content);
    std::string hname = v2 ? "SHA-256" : "SHA-1";
    if (v2 && id.peek_tag() == kSequence) {
        auto h = hash_name(alg_id(id.next("ESS hashAlgorithm")).oid);
        if (!h) fail(CmsStatus::Unsupported, "unsupported hash algorithm in signing-certificate-v2");
        hname = *h;
    }
    Tlv hash = id.expect(kOctetString, "ESS certHash");
    const auto der = cert.BER_encode();
    const Bytes want = hash_of(hname, Span(der.data(), der.size()));
    if (!std::equal(want.begin(), want.end(), hash.content.begin(), hash.content.end())) {
        fail(CmsStatus::EssMismatch, std::string("the ") + (v2 ? "signing-certificate-v2" : "signing-certificate") +
                                         " attribute names another certificate than the signer's");
    }
    if (id.more()) {  // IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber INTEGER }
        Reader is(id.expect(kSequence, "IssuerSerial").content);
        is.expect(kSequence, "IssuerSerial issuer");
        if (Botan::BigInt(cert.serial_number()) != integer_of(is.next("IssuerSerial serial"))) {
            fail(CmsStatus::EssMismatch, "the signing-certificate attribute names another serial number");
        }
    }
}

// adbe-revocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CRLs OPTIONAL, ... }
void collect_adbe_crls(const Tlv& value, CmsResult& out) {
    Reader r(value.content);
    while (r.more()) {
        Tlv t = r.next("revocationInfoArchival");
        if (t.tag != kCtx0) continue;
        Reader seq(Reader(t.content).expect(kSequence, "CRL list").content);
        while (seq.more()) {
            Tlv c = seq.expect(kSequence, "CRL");
            out.crls.emplace_back(Bytes(c.whole.begin(), c.whole.end()));
        }
    }
}

// UnsignedAttributes ::= [1] IMPLICIT SET OF Attribute (bounded: at most 16 attributes of 16 values)
void collect_unsigned(const Tlv& attrs, CmsResult& out) {
    Reader ar(attrs.content);
    while (ar.more()) {
        if (out.unsigned_attributes.size() >= 16) malformed("too many unsigned attributes");
        Reader a(ar.expect(kSequence, "unsigned Attribute").content);
        UnsignedAttribute u;
        u.oid = oid_of(a.next("attrType"));
        Reader vr(a.expect(kSet, "attrValues").content);
        if (a.more()) malformed("extra data in unsigned Attribute");
        while (vr.more() && u.values.size() < 16) {
            const Tlv v = vr.next("unsigned attribute value");
            u.values.emplace_back(v.whole.begin(), v.whole.end());
        }
        if (vr.more()) malformed("too many values in unsigned attribute " + u.oid);
        out.unsigned_attributes.push_back(std::move(u));
    }
}

// The signed attributes: content-type, message-digest (over `content`), ESS, nothing duplicated.
// Returns the bytes the signature covers (the EXPLICIT SET OF encoding, RFC 5652 §5.4).
Bytes check_signed_attributes(const Tlv& attrs, std::span<const Span> content, const DecodeOptions& opt,
                              SignerInfoCheck& res, CmsResult& out) {
    std::map<std::string, Tlv> seen;
    Reader ar(attrs.content);
    while (ar.more()) {
        Reader a(ar.expect(kSequence, "Attribute").content);
        const std::string type = oid_of(a.next("attrType"));
        const Tlv values = a.expect(kSet, "attrValues");
        if (a.more()) malformed("extra data in Attribute");
        if (!seen.emplace(type, values).second) malformed("duplicate signed attribute " + type);
        Reader vr(values.content);
        Tlv v = vr.next("attribute value");
        if (vr.more()) malformed("signed attribute " + type + " has several values");
        if (type == oid::kContentType && oid_of(v) != (opt.encapsulated_type ? opt.encapsulated_type : oid::kData)) {
            malformed("content-type is not the eContentType");
        } else if (type == oid::kMessageDigest) {
            if (v.tag != kOctetString) malformed("message-digest is not an OCTET STRING");
            if (opt.content_absent) continue;
            std::optional<Bytes> given;
            if (opt.content_digest && !opt.encapsulated_type) given = opt.content_digest(res.digest);
            const Bytes h = given ? std::move(*given) : hash_of(res.digest, content);
            const bool match = std::equal(h.begin(), h.end(), v.content.begin(), v.content.end());
            out.digest_matches = out.digest_matches.value_or(true) && match;
            if (!match) fail(CmsStatus::DigestMismatch, "the message digest does not match the signed bytes");
        } else if (type == oid::kSigningCertificateV2 || type == oid::kSigningCertificate) {
            check_ess(v, type == oid::kSigningCertificateV2, *res.cert);
            res.has_ess = true;
        } else if (type == oid::kAdbeRevocationInfoArchival) {
            collect_adbe_crls(v, out);
        } else if (type == oid::kSigningTime) {
            out.warnings.push_back("signing-time attribute present (PAdES puts the claimed time in /M)");
        } else if (type != oid::kContentType) {
            out.other_signed_attributes.push_back({type, {std::vector<std::uint8_t>(v.whole.begin(), v.whole.end())}});
        }
    }
    if (!seen.contains(oid::kContentType)) malformed("content-type attribute missing");
    if (!seen.contains(oid::kMessageDigest)) malformed("message-digest attribute missing");
    Bytes signed_bytes(attrs.whole.begin(), attrs.whole.end());
    signed_bytes[0] = kSet;
    return signed_bytes;
}

// The signature algorithm and the signer's key: a known algorithm whose hash is the digest
// algorithm, a key of that type and of at least kMinKeyStrength. Returns the key and sets
// res.sigalg; `sig_hash` receives the hash the signature uses.
std::shared_ptr<const VerifyKey> signer_key(const AlgId& sigalg, KeyCache& keys, SignerInfoCheck& res,
                                            std::string& sig_hash) {
    static const std::map<std::string, std::pair<std::string, std::string>> kSig = {
        {oid::kRsaEncryption, {"RSA", ""}},
        {oid::kSha256WithRsa, {"RSA", "SHA-256"}},
        {oid::kSha384WithRsa, {"RSA", "SHA-384"}},
        {oid::kSha512WithRsa, {"RSA", "SHA-512"}},
        {oid::kEcPublicKey, {"ECDSA", ""}},
        {oid::kEcdsaWithSha256, {"ECDSA", "SHA-256"}},
        {oid::kEcdsaWithSha384, {"ECDSA", "SHA-384"}},
        {oid::kEcdsaWithSha512, {"ECDSA", "SHA-512"}},
    };
    auto it = kSig.find(sigalg.oid);
    if (it == kSig.end()) fail(CmsStatus::Unsupported, "unsupported signature algorithm " + sigalg.oid);
    const std::string& key_alg = it->second.first;
    sig_hash = it->second.second.empty() ? res.digest : it->second.second;
    if (sig_hash != res.digest) malformed("signature algorithm hash differs from the digest algorithm");
    if (sigalg.has_params && !sigalg.null_params) malformed("unexpected signature algorithm parameters");

    std::shared_ptr<const VerifyKey> held = keys.key_of(*res.cert);
    const VerifyKey& key = *held;
    if (!key.valid() || key.algo_name() != key_alg) {
        fail(CmsStatus::BadSignature, "the signer certificate's key is not " + key_alg);
    }
    // Botan's path validation weighs only the keys that sign certificates and CRLs; the key that
    // made this signature must be as strong (a 1024-bit RSA signer passed before).
    if (key.estimated_strength() < kMinKeyStrength) {
        fail(CmsStatus::Unsupported, "the signer's " + key_alg + " key is too weak (" +
                                         std::to_string(key.estimated_strength()) + " bits of security; at least " +
                                         std::to_string(kMinKeyStrength) + " are required, e.g. RSA 2048 or P-256)");
    }
    res.sigalg = key_alg + "/" + (key_alg == "ECDSA" ? "EMSA1(" : "EMSA3(") + sig_hash + ")";
    return held;
}

SignerInfoCheck check_signer_info(const Tlv& si, std::span<const Span> content,
                                  const std::vector<Botan::X509_Certificate>& certs, const DecodeOptions& opt,
                                  KeyCache& keys, CmsResult& out) {
    SignerInfoCheck res;
    Reader r(si.content);
    r.expect(kInteger, "SignerInfo version");
    const Tlv sid = r.next("sid");
    const auto digest = hash_name(alg_id(r.next("digestAlgorithm")).oid);
    if (!digest) fail(CmsStatus::Unsupported, "unsupported digest algorithm (only SHA-256/384/512 are accepted)");
    res.digest = *digest;
    std::optional<Tlv> attrs;
    if (r.peek_tag() == kCtx0) attrs = r.next("signedAttrs");
    const AlgId sigalg = alg_id(r.next("signatureAlgorithm"));
    const Tlv signature = r.expect(kOctetString, "signature");
    if (r.more() && r.peek_tag() != kCtx1) malformed("unexpected data after the signature");
    if (out.signature_value.empty()) {  // the first SignerInfo: its signature value and unsigned attributes
        out.signature_value.assign(signature.content.begin(), signature.content.end());
        if (r.more()) collect_unsigned(r.next("unsignedAttrs"), out);
    }

    res.cert = find_signer(sid, certs);
    if (!res.cert)
        fail(CmsStatus::SignerNotFound, "no embedded certificate matches the SignerInfo's signer identifier");

    Bytes signed_bytes;
    if (attrs) {
        signed_bytes = check_signed_attributes(*attrs, content, opt, res, out);
    } else {
        out.warnings.push_back("no signed attributes: the signature covers the content directly");
    }
    if (!res.has_ess && opt.require_ess) {
        fail(CmsStatus::EssMissing, "signing-certificate-v2 attribute missing (required by PAdES / CAdES)");
    }
    if (!res.has_ess && attrs) out.warnings.push_back("no signing-certificate(-v2) attribute");

    std::string sig_hash;
    const std::shared_ptr<const VerifyKey> held = signer_key(sigalg, keys, res, sig_hash);
    const VerifyKey& key = *held;
    const Span signed_attrs(signed_bytes.data(), signed_bytes.size());
    const bool sig_ok = attrs ? key.verify(sig_hash, std::span<const Span>(&signed_attrs, 1), signature.content)
                              : key.verify(sig_hash, content, signature.content);
    if (!attrs) out.digest_matches = sig_ok;  // without attributes the signature is the only digest check
    if (!sig_ok) fail(CmsStatus::BadSignature, "the signature does not verify with the signer certificate's key");
    return res;
}

// ---- the fields the signature does not cover: versions and digestAlgorithms (RFC 5652 §5) ------
// A flipped byte there changes no signed byte, so each is checked against what it describes.
struct VersionFacts {
    bool other_format = false;  ///< an `other` CertificateChoice or RevocationInfoChoice: version 5
    bool attr_cert_v2 = false;  ///< a v2AttrCert: version 4
    bool v3 = false;            ///< a v1AttrCert, a SignerInfo v3 or an eContentType other than id-data: 3
};

int small_integer(const Tlv& t, const std::string& what) {
    if (t.tag != kInteger || t.content.size() != 1 || (t.content[0] & 0x80))
        malformed(what + " is not a small INTEGER");
    return t.content[0];
}

// SignerInfo version: 1 with issuerAndSerialNumber, 3 with subjectKeyIdentifier (RFC 5652 §5.3).
bool signer_info_is_v3(const Tlv& si) {
    Reader r(si.content);
    const int v = small_integer(r.next("SignerInfo version"), "the SignerInfo version");
    const std::uint8_t sid = r.next("sid").tag;
    const int want = sid == kSequence ? 1 : sid == kCtx0Prim ? 3 : 0;
    if (want == 0) malformed("unknown SignerIdentifier");
    if (v != want) {
        malformed("SignerInfo version " + std::to_string(v) + " where its signer identifier requires " +
                  std::to_string(want) + " (RFC 5652 §5.3)");
    }
    return v == 3;
}

// SignedData version as RFC 5652 §5.1 derives it from the content of the SignedData.
void check_version(const Tlv& version, const VersionFacts& f) {
    const int want = f.other_format ? 5 : f.attr_cert_v2 ? 4 : f.v3 ? 3 : 1;
    const int v = small_integer(version, "the SignedData version");
    if (v != want) {
        malformed("SignedData version " + std::to_string(v) + " where RFC 5652 §5.1 requires " + std::to_string(want));
    }
}

// digestAlgorithms: the Botan names of the listed hashes we know (each SignerInfo's must be here).
std::set<std::string> listed_digests(const Tlv& set) {
    std::set<std::string> names;
    Reader r(set.content);
    for (std::size_t n = 0; r.more(); ++n) {
        if (n >= 16) malformed("too many digestAlgorithms");
        const AlgId a = alg_id(r.next("digestAlgorithms"));
        if (a.has_params && !a.null_params) malformed("unexpected digest algorithm parameters");
        if (auto name = hash_name(a.oid)) names.insert(*name);
    }
    return names;
}

// certificates [0] IMPLICIT CertificateSet, crls [1] IMPLICIT RevocationInfoChoices: X.509 ones are
// kept; the other choices only count for the version.
void read_certificates_and_crls(Reader& sd, CmsResult& out, VersionFacts& facts, KeyCache& keys) {
    if (sd.peek_tag() == kCtx0) {
        Reader cr(sd.next("certificates").content);
        while (cr.more()) {
            Tlv c = cr.next("certificate");
            facts.other_format |= c.tag == 0xA3;                    // other [3] IMPLICIT OtherCertificateFormat
            facts.attr_cert_v2 |= c.tag == 0xA2;                    // v2AttrCert [2] IMPLICIT AttributeCertificateV2
            facts.v3 |= c.tag == 0xA1;                              // v1AttrCert [1] IMPLICIT (obsolete)
            if (c.tag != kSequence) continue;                       // other CertificateChoices are not used
            out.certificates.push_back(keys.certificate(c.whole));  // parsed once per cache
        }
    }
    if (sd.peek_tag() == kCtx1) {
        Reader rr(sd.next("crls").content);
        while (rr.more()) {
            Tlv c = rr.next("crl");
            facts.other_format |= c.tag == 0xA1;  // other [1] IMPLICIT OtherRevocationInfoFormat
            if (c.tag == kSequence) out.crls.emplace_back(Bytes(c.whole.begin(), c.whole.end()));
        }
    }
}

}  // namespace

const char* to_string(CmsStatus s) {
    switch (s) {
        case CmsStatus::Ok: return "ok";
        case CmsStatus::Malformed: return "malformed";
        case CmsStatus::Unsupported: return "unsupported";
        case CmsStatus::NoCertificates: return "no certificates";
        case CmsStatus::SignerNotFound: return "signer not found";
        case CmsStatus::DigestMismatch: return "digest mismatch";
        case CmsStatus::EssMismatch: return "signing-certificate mismatch";
        case CmsStatus::EssMissing: return "signing-certificate missing";
        case CmsStatus::BadSignature: return "bad signature";
        case CmsStatus::Unknown: break;
    }
    return "unknown";
}

// ContentInfo ::= SEQUENCE { contentType OID (signedData), content [0] EXPLICIT SignedData }
// SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo SEQUENCE { eContentType,
//   eContent [0] EXPLICIT OPTIONAL }, certificates [0] IMPLICIT OPTIONAL, crls [1] IMPLICIT OPTIONAL,
//   signerInfos SET OF SignerInfo }
CmsResult verify_detached(std::span<const std::uint8_t> der, std::span<const std::span<const std::uint8_t>> content,
                          const DecodeOptions& options) {
    CmsResult out;
    KeyCache own_keys;
    KeyCache& keys = options.keys ? *options.keys : own_keys;
    try {
        Reader top(der);
        const Tlv ci = top.expect(kSequence, "ContentInfo");
        // /Contents holes are zero-padded after the DER.
        for (std::size_t i = ci.whole.size(); i < der.size(); ++i) {
            if (der[i] != 0) malformed("non-zero bytes after the ContentInfo");
        }
        Reader cir(ci.content);
        if (oid_of(cir.next("contentType")) != oid::kSignedData) malformed("not SignedData");
        Reader wrap(cir.expect(kCtx0, "content").content);
        Reader sd(wrap.expect(kSequence, "SignedData").content);
        const Tlv version = sd.expect(kInteger, "version");
        const std::set<std::string> digests = listed_digests(sd.expect(kSet, "digestAlgorithms"));
        VersionFacts facts;
        facts.v3 = options.encapsulated_type != nullptr && std::string(options.encapsulated_type) != oid::kData;
        Reader eci(sd.expect(kSequence, "encapContentInfo").content);
        Span econtent;
        if (options.encapsulated_type) {  // eContent [0] EXPLICIT OCTET STRING, required
            if (oid_of(eci.next("eContentType")) != options.encapsulated_type) malformed("unexpected eContentType");
            Reader ec(eci.expect(kCtx0, "eContent").content);
            econtent = ec.expect(kOctetString, "eContent").content;
            if (ec.more() || eci.more()) malformed("extra data in encapContentInfo");
            out.econtent.assign(econtent.begin(), econtent.end());
            content = std::span<const Span>(&econtent, 1);
        } else {
            if (oid_of(eci.next("eContentType")) != oid::kData) malformed("eContentType is not id-data");
            if (eci.more()) malformed("eContent present: a detached signature was expected");
        }
        read_certificates_and_crls(sd, out, facts, keys);
        Reader sis(sd.expect(kSet, "signerInfos").content);
        if (sd.more()) malformed("extra data in SignedData");
        std::vector<Tlv> infos;
        while (sis.more() && infos.size() < 16) infos.push_back(sis.expect(kSequence, "SignerInfo"));
        if (sis.more()) malformed("too many SignerInfos");
        out.signer_infos = infos.size();
        if (infos.empty()) malformed("no SignerInfo");
        if (out.certificates.empty()) {
            fail(CmsStatus::NoCertificates, "the CMS carries no certificates, so the signer cannot be identified");
        }
        if (infos.size() > 1 && !options.allow_same_signer_repeats) {
            malformed(std::to_string(infos.size()) + " SignerInfos where exactly one is allowed");
        }
        for (const auto& si : infos) facts.v3 |= signer_info_is_v3(si);
        check_version(version, facts);
        std::optional<SignerInfoCheck> first;
        for (const auto& si : infos) {
            SignerInfoCheck c = check_signer_info(si, content, out.certificates, options, keys, out);
            if (!digests.contains(c.digest)) malformed("digestAlgorithms does not list the SignerInfo's " + c.digest);
            if (first && c.cert->BER_encode() != first->cert->BER_encode()) {
                malformed("SignerInfos by different signers in one signature");
            }
            if (!first) first = c;
        }
        if (infos.size() > 1) {
            out.warnings.push_back(std::to_string(infos.size()) +
                                   " SignerInfos, all by the same signer and all verified");
        }
        std::sort(out.warnings.begin(), out.warnings.end());
        out.warnings.erase(std::unique(out.warnings.begin(), out.warnings.end()), out.warnings.end());
        out.signer = *first->cert;
        out.digest_algorithm = first->digest;
        out.signature_algorithm = first->sigalg;
        out.has_ess = first->has_ess;
        out.status = CmsStatus::Ok;
    } catch (const Bad& b) {
        out.status = b.status;
        out.reason = b.reason;
    } catch (const std::exception& e) {  // Botan decoding errors in certificates, CRLs, keys
        out.status = CmsStatus::Malformed;
        out.reason = std::string("malformed CMS: ") + e.what();
    }
    return out;
}

}  // namespace kansli::cms
