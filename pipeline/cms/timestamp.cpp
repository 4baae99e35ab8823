// RFC 3161 structures with Botan's DER_Encoder / BER_Decoder. Requests are decoded, re-encoded
// and compared with the input, so a request that is BER but not DER is refused (badDataFormat).
#include "cms/timestamp.hpp"

#include "cms/oids.hpp"
#include "core/diagnostic.hpp"

#include <botan/asn1_obj.h>
#include <botan/asn1_oid.h>
#include <botan/ber_dec.h>
#include <botan/der_enc.h>
#include <botan/hash.h>
#include <botan/x509_ext.h>

#include <array>
#include <cstdio>

namespace kansli::cms::tsp {
namespace {

constexpr std::size_t kMaxRequest = 16 * 1024;

[[noreturn]] void bad_token(const std::string& what) {
    throw core::Error(core::ExitCode::Invalid, "timestamp", {}, what);
}

// Hash OID → (Botan name, length). Only these are accepted in requests and tokens.
struct HashAlg {
    const char* oid;
    const char* name;
    std::size_t length;
};
constexpr std::array<HashAlg, 3> kHashes = {{{"2.16.840.1.101.3.4.2.1", "SHA-256", 32},
                                             {"2.16.840.1.101.3.4.2.2", "SHA-384", 48},
                                             {"2.16.840.1.101.3.4.2.3", "SHA-512", 64}}};
const HashAlg* hash_alg(const std::string& oid) {
    for (const auto& h : kHashes) {
        if (oid == h.oid) return &h;
    }
    return nullptr;
}

// INTEGER content octets, minimal two's complement (DER).
bool minimal_integer(const std::vector<std::uint8_t>& v) {
    if (v.empty()) return false;
    if (v.size() == 1) return true;
    return !((v[0] == 0x00 && !(v[1] & 0x80)) || (v[0] == 0xFF && (v[1] & 0x80)));
}

core::Bytes take_integer(Botan::BER_Decoder& d) {
    Botan::BER_Object o = d.get_next_object();
    o.assert_is_a(Botan::INTEGER, Botan::UNIVERSAL, "INTEGER");
    core::Bytes v(o.bits(), o.bits() + o.length());
    if (!minimal_integer(v)) throw Botan::Decoding_Error("INTEGER not minimally encoded");
    return v;
}

void put_integer(Botan::DER_Encoder& e, const core::Bytes& v) { e.add_object(Botan::INTEGER, Botan::UNIVERSAL, v); }

// MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }
void put_imprint(Botan::DER_Encoder& e, const Imprint& m) {
    e.start_cons(Botan::SEQUENCE)
        .start_cons(Botan::SEQUENCE)
        .encode(Botan::OID(m.hash_oid))
        .end_cons()  // parameters absent (RFC 5754)
        .encode(m.hashed, Botan::OCTET_STRING)
        .end_cons();
}

Imprint take_imprint(Botan::BER_Decoder& d, bool& null_params) {
    Imprint m;
    Botan::BER_Decoder seq = d.start_cons(Botan::SEQUENCE);
    Botan::BER_Decoder alg = seq.start_cons(Botan::SEQUENCE);
    Botan::OID oid;
    alg.decode(oid);
    null_params = false;
    if (alg.more_items()) {
        Botan::BER_Object p = alg.get_next_object();
        if (!p.is_a(Botan::NULL_TAG, Botan::UNIVERSAL) || p.length() != 0)
            throw Botan::Decoding_Error("hash parameters");
        null_params = true;
    }
    alg.verify_end();
    seq.decode(m.hashed, Botan::OCTET_STRING).verify_end();
    m.hash_oid = oid.to_string();
    return m;
}

std::string generalized_time(core::Instant t) {
    const std::string iso = core::format_iso(t);  // 2023-02-24T13:00:00Z
    std::string out;
    for (char c : iso) {
        if (c >= '0' && c <= '9') out += c;
    }
    return out + "Z";  // YYYYMMDDHHMMSSZ
}

core::Instant parse_generalized_time(const std::string& s) {
    // DER GeneralizedTime: YYYYMMDDHHMMSS[.fff]Z; fractions are dropped (the time rounds down).
    if (s.size() < 15 || s.back() != 'Z') bad_token("genTime is not a UTC GeneralizedTime");
    const std::string iso = s.substr(0, 4) + "-" + s.substr(4, 2) + "-" + s.substr(6, 2) + "T" + s.substr(8, 2) + ":" +
                            s.substr(10, 2) + ":" + s.substr(12, 2) + "Z";
    const auto t = core::parse_instant(iso);
    if (!t) bad_token("genTime '" + s + "' is not a valid time");
    return *t;
}

}  // namespace

core::Bytes encode_request(const Request& r) {
    std::vector<std::uint8_t> out;
    Botan::DER_Encoder e(out);
    e.start_cons(Botan::SEQUENCE).encode(static_cast<std::size_t>(1));
    put_imprint(e, r.imprint);
    if (r.policy) e.encode(Botan::OID(*r.policy));
    if (!r.nonce.empty()) put_integer(e, r.nonce);
    if (r.cert_req) e.encode(true);
    e.end_cons();
    return core::Bytes(out.begin(), out.end());
}

// TimeStampReq ::= SEQUENCE { version INTEGER { v1(1) }, messageImprint MessageImprint,
//     reqPolicy TSAPolicyId OPTIONAL, nonce INTEGER OPTIONAL, certReq BOOLEAN DEFAULT FALSE,
//     extensions [0] IMPLICIT Extensions OPTIONAL }
Request decode_request(const core::Bytes& der) {
    if (der.size() > kMaxRequest) throw Rejection{Failure::BadDataFormat, "request larger than 16 KiB"};
    Request r;
    std::size_t version = 0;
    bool null_params = false;
    try {
        Botan::BER_Decoder top(der);
        Botan::BER_Decoder seq = top.start_cons(Botan::SEQUENCE);
        top.verify_end();
        seq.decode(version);
        r.imprint = take_imprint(seq, null_params);
        while (seq.more_items()) {
            Botan::BER_Object o = seq.get_next_object();
            if (o.is_a(Botan::OBJECT_ID, Botan::UNIVERSAL) && !r.policy && r.nonce.empty() && !r.cert_req) {
                Botan::OID oid;
                seq.push_back(std::move(o));
                seq.decode(oid);
                r.policy = oid.to_string();
            } else if (o.is_a(Botan::INTEGER, Botan::UNIVERSAL) && r.nonce.empty() && !r.cert_req) {
                r.nonce.assign(o.bits(), o.bits() + o.length());
                if (!minimal_integer(r.nonce)) throw Botan::Decoding_Error("nonce not minimally encoded");
            } else if (o.is_a(Botan::BOOLEAN, Botan::UNIVERSAL) && !r.cert_req) {
                seq.push_back(std::move(o));
                seq.decode(r.cert_req);
                if (!r.cert_req) throw Botan::Decoding_Error("certReq FALSE encoded (DER omits defaults)");
            } else if (o.is_a(0, Botan::ASN1_Tag(Botan::CONTEXT_SPECIFIC | Botan::CONSTRUCTED))) {
                if (seq.more_items()) throw Botan::Decoding_Error("data after extensions");
                throw Rejection{Failure::UnacceptedExtension, "request extensions are not supported"};
            } else {
                throw Botan::Decoding_Error("unexpected field in TimeStampReq");
            }
        }
    } catch (const Rejection&) {
        throw;
    } catch (const std::exception& e) {
        throw Rejection{Failure::BadDataFormat, std::string("the request is not a DER TimeStampReq: ") + e.what()};
    }
    if (version != 1) throw Rejection{Failure::BadRequest, "unsupported request version " + std::to_string(version)};
    const HashAlg* h = hash_alg(r.imprint.hash_oid);
    if (!h)
        throw Rejection{Failure::BadAlg, "unsupported hash algorithm " + r.imprint.hash_oid + " (use SHA-256/384/512)"};
    if (r.imprint.hashed.size() != h->length) {
        throw Rejection{Failure::BadDataFormat, std::string("the message imprint is not a ") + h->name + " value"};
    }
    if (!null_params && encode_request(r) != der) {
        throw Rejection{Failure::BadDataFormat, "the request is BER but not DER"};
    }
    return r;
}

// TSTInfo ::= SEQUENCE { version INTEGER { v1(1) }, policy TSAPolicyId, messageImprint MessageImprint,
//     serialNumber INTEGER, genTime GeneralizedTime, accuracy Accuracy OPTIONAL,
//     ordering BOOLEAN DEFAULT FALSE, nonce INTEGER OPTIONAL, tsa [0] GeneralName OPTIONAL,
//     extensions [1] IMPLICIT Extensions OPTIONAL }
// Accuracy ::= SEQUENCE { seconds INTEGER OPTIONAL, millis [0] INTEGER (1..999) OPTIONAL,
//     micros [1] INTEGER (1..999) OPTIONAL }
core::Bytes encode_tst_info(const TstInfo& t) {
    std::vector<std::uint8_t> out;
    Botan::DER_Encoder e(out);
    e.start_cons(Botan::SEQUENCE).encode(static_cast<std::size_t>(1)).encode(Botan::OID(t.policy));
    put_imprint(e, t.imprint);
    put_integer(e, t.serial);
    const std::string gt = generalized_time(t.gen_time);
    e.add_object(Botan::GENERALIZED_TIME, Botan::UNIVERSAL, gt);
    if (t.accuracy_seconds > 0) {
        e.start_cons(Botan::SEQUENCE).encode(static_cast<std::size_t>(t.accuracy_seconds)).end_cons();
    }
    if (!t.nonce.empty()) put_integer(e, t.nonce);
    e.end_cons();
    return core::Bytes(out.begin(), out.end());
}

TstInfo decode_tst_info(const core::Bytes& der) {
    TstInfo t;
    try {
        Botan::BER_Decoder top(der);
        Botan::BER_Decoder seq = top.start_cons(Botan::SEQUENCE);
        top.verify_end();
        std::size_t version = 0;
        seq.decode(version);
        if (version != 1) bad_token("TSTInfo version " + std::to_string(version) + " is not 1");
        Botan::OID policy;
        seq.decode(policy);
        t.policy = policy.to_string();
        bool null_params = false;
        t.imprint = take_imprint(seq, null_params);
        t.serial = take_integer(seq);
        Botan::BER_Object gt = seq.get_next_object();
        gt.assert_is_a(Botan::GENERALIZED_TIME, Botan::UNIVERSAL, "genTime");
        t.gen_time = parse_generalized_time(std::string(gt.bits(), gt.bits() + gt.length()));
        while (seq.more_items()) {
            Botan::BER_Object o = seq.get_next_object();
            if (o.is_a(Botan::SEQUENCE, Botan::CONSTRUCTED)) {
                Botan::BER_Decoder acc(o);
                if (acc.more_items()) {
                    Botan::BER_Object s = acc.get_next_object();
                    if (s.is_a(Botan::INTEGER, Botan::UNIVERSAL)) {
                        std::size_t secs = 0;
                        acc.push_back(std::move(s));
                        acc.decode(secs);
                        t.accuracy_seconds = static_cast<std::uint32_t>(std::min<std::size_t>(secs, UINT32_MAX));
                    }
                }
            } else if (o.is_a(Botan::INTEGER, Botan::UNIVERSAL)) {
                t.nonce.assign(o.bits(), o.bits() + o.length());
            }  // ordering, tsa and extensions are not used
        }
    } catch (const core::Error&) {
        throw;
    } catch (const std::exception& e) {
        bad_token(std::string("the token's TSTInfo does not decode: ") + e.what());
    }
    return t;
}

core::Bytes make_token(const TstInfo& t, Signer& signer, const core::Bytes& cert, const std::vector<core::Bytes>& chain,
                       bool include_certificates) {
    SignedDataInput in;
    in.econtent = encode_tst_info(t);
    in.content_type = kTstInfo;
    in.content_digest = sha256_imprint(in.econtent).hashed;
    in.signer_certificate = cert;
    in.chain = chain;
    in.include_certificates = include_certificates;
    return encode_signed_data(in, signer);
}

// TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken TimeStampToken OPTIONAL }
// PKIStatusInfo ::= SEQUENCE { status PKIStatus, statusString PKIFreeText OPTIONAL, failInfo PKIFailureInfo OPTIONAL }
// PKIFreeText ::= SEQUENCE SIZE (1..MAX) OF UTF8String
core::Bytes encode_granted(const core::Bytes& token) {
    std::vector<std::uint8_t> out;
    Botan::DER_Encoder(out)
        .start_cons(Botan::SEQUENCE)
        .start_cons(Botan::SEQUENCE)
        .encode(static_cast<std::size_t>(0))
        .end_cons()
        .raw_bytes(token)
        .end_cons();
    return core::Bytes(out.begin(), out.end());
}

core::Bytes encode_rejection(Failure failure, const std::string& text) {
    // A named BIT STRING in DER: trailing zero bits dropped, the first octet counts unused bits.
    const unsigned bit = static_cast<unsigned>(failure);
    core::Bytes bits(bit / 8 + 2, 0);
    bits[0] = static_cast<std::uint8_t>(7 - bit % 8);
    bits[1 + bit / 8] = static_cast<std::uint8_t>(0x80 >> (bit % 8));
    std::vector<std::uint8_t> out;
    Botan::DER_Encoder(out)
        .start_cons(Botan::SEQUENCE)
        .start_cons(Botan::SEQUENCE)
        .encode(static_cast<std::size_t>(2))
        .start_cons(Botan::SEQUENCE)
        .encode(Botan::ASN1_String(text, Botan::UTF8_STRING))
        .end_cons()
        .add_object(Botan::BIT_STRING, Botan::UNIVERSAL, bits)
        .end_cons()
        .end_cons();
    return core::Bytes(out.begin(), out.end());
}

Response decode_response(const core::Bytes& der) {
    Response r;
    try {
        Botan::BER_Decoder top(der);
        Botan::BER_Decoder seq = top.start_cons(Botan::SEQUENCE);
        top.verify_end();
        Botan::BER_Decoder si = seq.start_cons(Botan::SEQUENCE);
        std::size_t status = 0;
        si.decode(status);
        r.status = static_cast<int>(std::min<std::size_t>(status, 99));
        while (si.more_items()) {
            Botan::BER_Object o = si.get_next_object();
            if (o.is_a(Botan::SEQUENCE, Botan::CONSTRUCTED)) {
                Botan::BER_Decoder texts(o);
                Botan::ASN1_String s;
                if (texts.more_items()) texts.decode(s);
                r.text = s.value();
            } else if (o.is_a(Botan::BIT_STRING, Botan::UNIVERSAL) && o.length() >= 1) {
                for (std::size_t i = 1; i < o.length() && i <= 4; ++i) {
                    for (unsigned b = 0; b < 8; ++b) {
                        if (o.bits()[i] & (0x80 >> b)) r.fail_bits |= std::uint32_t{1} << ((i - 1) * 8 + b);
                    }
                }
            }
        }
        si.end_cons();
        if (seq.more_items()) {
            Botan::BER_Object tok = seq.get_next_object();
            tok.assert_is_a(Botan::SEQUENCE, Botan::CONSTRUCTED, "TimeStampToken");
            std::vector<std::uint8_t> whole;
            Botan::DER_Encoder(whole).add_object(Botan::SEQUENCE, Botan::CONSTRUCTED, tok.bits(), tok.length());
            r.token.assign(whole.begin(), whole.end());
        }
        seq.verify_end();
    } catch (const std::exception& e) {
        bad_token(std::string("the reply is not a TimeStampResp: ") + e.what());
    }
    return r;
}

Imprint sha256_imprint(const core::Bytes& data) {
    auto h = Botan::HashFunction::create_or_throw("SHA-256");
    h->update(data.data(), data.size());
    const auto d = h->final();
    return Imprint{oid::kSha256, core::Bytes(d.begin(), d.end())};
}

core::Bytes signature_timestamp_attribute(const core::Bytes& token) {
    std::vector<std::uint8_t> out;
    Botan::DER_Encoder(out)
        .start_cons(Botan::SEQUENCE)
        .encode(Botan::OID(kSignatureTimeStamp))
        .start_cons(Botan::SET)
        .raw_bytes(token)
        .end_cons()
        .end_cons();
    return core::Bytes(out.begin(), out.end());
}

}  // namespace kansli::cms::tsp
