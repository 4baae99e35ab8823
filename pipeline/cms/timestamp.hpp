// The time-stamp protocol (RFC 3161, with RFC 5816's ESSCertIDv2): requests, responses, TSTInfo
// and tokens, encoded and decoded with Botan's DER_Encoder / BER_Decoder. Knows nothing of HTTP
// or PDF. A token is a CMS SignedData (cms/encode, eContentType id-ct-TSTInfo) and is checked with
// cms/decode (cms::verify_detached in encapsulated mode): one CMS implementation for both.
#pragma once

#include "cms/decode.hpp"
#include "cms/encode.hpp"
#include "core/files.hpp"
#include "core/time.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kansli::cms::tsp {

inline constexpr const char* kTstInfo = "1.2.840.113549.1.9.16.1.4";              // id-ct-TSTInfo
inline constexpr const char* kSignatureTimeStamp = "1.2.840.113549.1.9.16.2.14";  // id-aa-signatureTimeStampToken
inline constexpr const char* kTimeStamping = "1.3.6.1.5.5.7.3.8";                 // id-kp-timeStamping
/// The demo TSA's default policy: the example policy of OpenSSL's openssl.cnf (tsa_policy1), no
/// registered policy (Botan 2 cannot encode the 2.999 example arc). A real TSA is run with --policy.
inline constexpr const char* kDemoPolicy = "1.2.3.4.1";

/// PKIFailureInfo bits (RFC 3161 §2.4.2).
enum class Failure : std::uint8_t {
    BadAlg = 0,
    BadRequest = 2,
    BadDataFormat = 5,
    TimeNotAvailable = 14,
    UnacceptedPolicy = 15,
    UnacceptedExtension = 16,
    AddInfoNotAvailable = 17,
    SystemFailure = 25,
};

/// Thrown by decode_request() for a request the TSA must reject.
struct Rejection {
    Failure failure;
    std::string text;  ///< statusString
};

/// Byte lengths of the hashes a request may use; the OID → Botan name map is in timestamp.cpp.
struct Imprint {
    std::string hash_oid;  ///< id-sha256, id-sha384 or id-sha512
    core::Bytes hashed;    ///< the hash value
};

struct Request {
    Imprint imprint;
    std::optional<std::string> policy;  ///< reqPolicy
    core::Bytes nonce;                  ///< INTEGER content octets (two's complement); empty: none
    bool cert_req = false;
};

/// DER TimeStampReq (version 1).
[[nodiscard]] core::Bytes encode_request(const Request& r);
/// Parses a DER TimeStampReq at most 16 KiB. Throws Rejection: badDataFormat (not DER, trailing
/// data, too large), badRequest (version not 1), badAlg (hash not SHA-256/384/512, or an imprint of
/// the wrong length), unacceptedExtension (extensions present).
[[nodiscard]] Request decode_request(const core::Bytes& der);

struct TstInfo {
    std::string policy;
    Imprint imprint;
    core::Bytes serial;                  ///< INTEGER content octets (positive)
    core::Instant gen_time;              ///< whole seconds (GeneralizedTime "YYYYMMDDHHMMSSZ")
    std::uint32_t accuracy_seconds = 0;  ///< 0: accuracy absent
    core::Bytes nonce;                   ///< INTEGER content octets; empty: none
};

[[nodiscard]] core::Bytes encode_tst_info(const TstInfo& t);
/// Throws core::Error (exit 1) when `der` is not a TSTInfo v1.
[[nodiscard]] TstInfo decode_tst_info(const core::Bytes& der);

/// The token: a DER ContentInfo SignedData over `t`, signed by `signer` (TSA certificate `cert`,
/// intermediates `chain`), certificates included when `include_certificates` (certReq).
[[nodiscard]] core::Bytes make_token(const TstInfo& t, Signer& signer, const core::Bytes& cert,
                                     const std::vector<core::Bytes>& chain, bool include_certificates);

/// DER TimeStampResp: status granted (0) with the token.
[[nodiscard]] core::Bytes encode_granted(const core::Bytes& token);
/// DER TimeStampResp: status rejection (2), a statusString and failInfo.
[[nodiscard]] core::Bytes encode_rejection(Failure failure, const std::string& text);

struct Response {
    int status = -1;              ///< PKIStatus: 0 granted, 1 grantedWithMods, 2 rejection, ...
    std::string text;             ///< statusString (first UTF8String), may be empty
    std::uint32_t fail_bits = 0;  ///< bit i set = PKIFailureInfo bit i (i < 32)
    core::Bytes token;            ///< the ContentInfo DER, empty when absent
};
/// Throws core::Error (exit 1) when `der` is not a TimeStampResp.
[[nodiscard]] Response decode_response(const core::Bytes& der);

/// What check_token() found. `problem` is empty when every check passed.
struct TokenCheck {
    std::string problem;
    std::optional<TstInfo> info;
    CmsResult cms;  ///< the token's CMS check (signer = the TSA certificate when found)
};

/// Checks a token: CMS SignedData with eContentType id-ct-TSTInfo whose signature verifies with
/// the embedded TSA certificate (the token must carry it: certReq; ESS signing-certificate(-v2)
/// required), TSTInfo v1 parsed, its imprint equal to `expected`
/// (algorithm and value), the nonce equal to `nonce` when that is not empty, and the TSA
/// certificate's extKeyUsage id-kp-timeStamping alone and critical (RFC 3161 §2.3), genTime
/// within its validity. The certificate chain is not validated here (verify/ does that).
[[nodiscard]] TokenCheck check_token(const core::Bytes& token, const Imprint& expected, const core::Bytes& nonce,
                                     KeyCache* keys = nullptr);

/// The same checks for a token over `data` (e.g. a signature value) whose imprint may use any
/// accepted hash (SHA-256/384/512: the token's own algorithm is used); no nonce.
[[nodiscard]] TokenCheck check_token_over(const core::Bytes& token, const core::Bytes& data, KeyCache* keys = nullptr);

/// Why `tsa` cannot sign time-stamps under RFC 3161 §2.3 (extKeyUsage not id-kp-timeStamping
/// alone, or not critical); empty when it can.
[[nodiscard]] std::string tsa_certificate_problem(const Botan::X509_Certificate& tsa);

/// SHA-256 imprint of `data`.
[[nodiscard]] Imprint sha256_imprint(const core::Bytes& data);

/// The unsigned Attribute DER SEQUENCE { id-aa-signatureTimeStampToken, SET { token } }.
[[nodiscard]] core::Bytes signature_timestamp_attribute(const core::Bytes& token);

}  // namespace kansli::cms::tsp
