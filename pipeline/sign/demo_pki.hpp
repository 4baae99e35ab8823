// The demo PKI: a root CA, an issuing CA, signer certificates for the example documents (the three
// protokoll signers and one fictional representative per party of the avtal), a revoked
// and an expired signer, and a CRL. DEMO ONLY: never for real documents.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace kansli::sign {

/// One file of the demo PKI: a bare file name ("bjorn-sandal.cert.pem") and its PEM text.
struct PemFile {
    std::string name;
    std::string text;
};

/// Who gets a certificate; the CN is a Swedish personal name (UTF-8).
struct DemoSigner {
    std::string slug;          ///< file name stem, ASCII
    std::string common_name;   ///< subject CN: real for the protokoll signers, fictional for the parties
    std::string organization;  ///< subject O
    std::string role;          ///< intended role, only for the README table
    bool ecdsa = false;        ///< ECDSA P-256 instead of RSA-2048
    bool expired = false;      ///< valid 2020-01-01..2021-12-31 instead of 2020..2035
    bool revoked = false;      ///< listed on issuing.crl.pem
};

/// The signers of the demo PKI, in file order.
[[nodiscard]] std::vector<DemoSigner> demo_signers();

/// Generates fresh keys and certificates (random keys and serials; fixed validity times, so only
/// key material differs between runs). Private keys are PKCS#8 PEM encrypted with PBES2
/// (PBKDF2-HMAC-SHA-256 with `pbkdf_iterations`, AES-256-CBC) under `passphrase`.
/// Files: root.cert.pem, root.key.pem, issuing.cert.pem, issuing.key.pem, issuing.crl.pem, and per
/// signer <slug>.key.pem and <slug>.cert.pem (signer, then issuing CA; no root), and the demo
/// time-stamping authority tsa.key.pem and tsa.cert.pem (ECDSA P-256, issued by the root,
/// extKeyUsage id-kp-timeStamping critical) with the root's empty CRL root.crl.pem.
/// Throws core::Error (exit 2) if Botan fails.
[[nodiscard]] std::vector<PemFile> make_demo_pki(const std::string& passphrase, std::size_t pbkdf_iterations);

/// Only the demo TSA (tsa.key.pem, tsa.cert.pem, and the root's empty CRL root.crl.pem), issued by an existing demo root (its PEM
/// certificate and PKCS#8 key, encrypted under `passphrase`). Throws core::Error (exit 2).
[[nodiscard]] std::vector<PemFile> make_demo_tsa(const std::string& root_cert_pem, const std::string& root_key_pem,
                                                 const std::string& passphrase, std::size_t pbkdf_iterations);

/// Re-issues the signer certificates of an existing demo PKI for the same keys and names (valid
/// 2020..2035; the expired one 2020..2021), the issuing CA's CRL and the root's CRL (nextUpdate
/// 2035-12-31), leaving the root, issuing CA and TSA as they are. `read(name)` returns the PEM
/// text of an existing file ("issuing.key.pem", "<slug>.key.pem", ...). Throws core::Error (exit 2).
[[nodiscard]] std::vector<PemFile> reissue_demo_signers(const std::function<std::string(const std::string&)>& read,
                                                        const std::string& passphrase);

}  // namespace kansli::sign
