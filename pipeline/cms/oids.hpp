// Object identifiers used by CMS SignedData for PAdES (dotted strings; no Botan here, so that
// callers need not include crypto headers). Shared by cms/encode and cms/decode.
#pragma once

namespace kansli::cms::oid {

inline constexpr const char* kData = "1.2.840.113549.1.7.1";           // id-data (RFC 5652)
inline constexpr const char* kSignedData = "1.2.840.113549.1.7.2";     // id-signedData
inline constexpr const char* kContentType = "1.2.840.113549.1.9.3";    // id-contentType
inline constexpr const char* kMessageDigest = "1.2.840.113549.1.9.4";  // id-messageDigest
inline constexpr const char* kSigningTime = "1.2.840.113549.1.9.5";    // id-signingTime (never written)
inline constexpr const char* kSigningCertificateV2 =
    "1.2.840.113549.1.9.16.2.47";  // id-aa-signingCertificateV2 (RFC 5035)
inline constexpr const char* kSigningCertificate = "1.2.840.113549.1.9.16.2.12";  // id-aa-signingCertificate (RFC 2634)
inline constexpr const char* kAdbeRevocationInfoArchival =
    "1.2.840.113583.1.1.8";                                       // adbe-revocationInfoArchival (PDF 2.0 §12.8.3.3.2)
inline constexpr const char* kSha256 = "2.16.840.1.101.3.4.2.1";  // id-sha256 (RFC 5754)
inline constexpr const char* kSha384 = "2.16.840.1.101.3.4.2.2";  // id-sha384
inline constexpr const char* kSha512 = "2.16.840.1.101.3.4.2.3";  // id-sha512
inline constexpr const char* kRsaEncryption = "1.2.840.113549.1.1.1";   // rsaEncryption (RFC 8017)
inline constexpr const char* kSha256WithRsa = "1.2.840.113549.1.1.11";  // sha256WithRSAEncryption
inline constexpr const char* kSha384WithRsa = "1.2.840.113549.1.1.12";  // sha384WithRSAEncryption
inline constexpr const char* kSha512WithRsa = "1.2.840.113549.1.1.13";  // sha512WithRSAEncryption
inline constexpr const char* kEcPublicKey = "1.2.840.10045.2.1";        // id-ecPublicKey (RFC 5480)
inline constexpr const char* kEcdsaWithSha256 = "1.2.840.10045.4.3.2";  // ecdsa-with-SHA256 (RFC 5758)
inline constexpr const char* kEcdsaWithSha384 = "1.2.840.10045.4.3.3";  // ecdsa-with-SHA384
inline constexpr const char* kEcdsaWithSha512 = "1.2.840.10045.4.3.4";  // ecdsa-with-SHA512

}  // namespace kansli::cms::oid
