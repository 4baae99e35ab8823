// A signing identity: a private key (PKCS#8 PEM) with its certificate chain, as a cms::Signer.
#pragma once

#include "cms/encode.hpp"
#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "core/time.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kansli::sign {

/// True when the PEM text holds an "ENCRYPTED PRIVATE KEY" (PKCS#8 PBES2), i.e. needs a passphrase.
[[nodiscard]] bool is_encrypted_key_pem(const core::Bytes& key_pem);

/// A loaded private key and its certificates. Move-only; the key stays in memory until destroyed.
class Identity final : public cms::Signer {
public:
    /// Loads a PKCS#8 PEM key (encrypted PBES2, or unencrypted: then a warning goes to `diags`) and
    /// a PEM certificate file (signer first, then intermediates; a self-signed root is dropped).
    /// key_path/cert_path only name the files in diagnostics.
    /// Throws core::Error (exit 1): wrong passphrase, unreadable key or certificate, key type other
    /// than RSA or ECDSA P-256, key not matching the certificate.
    static Identity load(const core::Bytes& key_pem, const core::Bytes& cert_pem,
                         const std::optional<std::string>& passphrase, core::DiagSink& diags,
                         const std::string& key_path = "key", const std::string& cert_path = "certificate");

    /// The certificate without its private key (kansli sign --prepare/--complete: the key is on a
    /// card or in an HSM): algorithm() and max_signature_size() from its public key, with the same
    /// key-type refusals as load(); sign_digest() throws core::Error (exit 1).
    static Identity certificate_only(const core::Bytes& cert_pem, const std::string& cert_path = "certificate");

    Identity(Identity&&) noexcept;
    Identity& operator=(Identity&&) noexcept;
    ~Identity() override;

    [[nodiscard]] cms::SignatureAlgorithm algorithm() const override;
    [[nodiscard]] std::size_t max_signature_size() const override;
    [[nodiscard]] core::Bytes sign_digest(const core::Bytes& digest) override;

    [[nodiscard]] const core::Bytes& certificate() const;         ///< DER of the signer certificate
    [[nodiscard]] const std::vector<core::Bytes>& chain() const;  ///< DER intermediates, no root
    [[nodiscard]] const std::string& common_name() const;         ///< subject CN (UTF-8)
    [[nodiscard]] const std::string& organization() const;        ///< subject O (UTF-8), may be empty
    [[nodiscard]] core::Instant not_before() const;
    [[nodiscard]] core::Instant not_after() const;

    /// Throws core::Error (exit 1) when `t` is outside the certificate's validity period.
    void check_valid_at(core::Instant t) const;

private:
    struct Impl;
    explicit Identity(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

}  // namespace kansli::sign
