// Certificate path validation (Botan), offline, at an explicit time.
//
// ChainValidator follows Botan 2.19's x509_path_validate check for check (path building over the
// trust anchors and the untrusted certificates; per certificate: name chaining, validity, CA
// flag, signature, key strength, extensions, path length; CRL: issuer usage, validity window,
// signature, revocation, distribution point, unknown critical extensions; then Botan's own
// PKIX::merge_revocation_status and Path_Validation_Result) but loads each public key once and
// checks each (object, issuer) signature once per validator. Botan re-parses the issuer key for
// every certificate and CRL of every path, and an RSA key costs a Montgomery set-up (~0.3 ms):
// that was 2/3 of `kansli verify`'s time on a 3-signature document. The keys live in a
// cms::KeyCache (cms/pubkey.hpp) that verify_pdf shares with the CMS signer check, so a signer's
// key is parsed once for its CMS signature and its chain, and P-256 keys skip Botan's EC_Group.
// tests/verify/chain_test.cpp compares it with x509_path_validate on every fixture chain.
#pragma once

#include "cms/pubkey.hpp"
#include "verify/verify.hpp"

#include <botan/certstor.h>
#include <botan/pk_keys.h>
#include <botan/pkix_enums.h>

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace kansli::verify {

/// Outcome of one validation: Botan's status code and string, and the facet we report.
struct ChainResult {
    Botan::Certificate_Status_Code code = Botan::Certificate_Status_Code::OK;
    std::string text;  ///< Botan's result_string()
    Facet facet;
};

class ChainValidator {
public:
    /// Takes the trust anchors, validation time and base CRLs (--crl) from `options`; the
    /// reference must outlive the validator. Keys come from `keys` when given (shared with the
    /// CMS signer check of the same run; it must outlive the validator), else from its own cache.
    explicit ChainValidator(const VerifyOptions& options, cms::KeyCache* keys = nullptr);

    /// The key cache in use (each distinct public key is parsed once per cache).
    cms::KeyCache& keys() { return *m_keys; }

    /// Validates `signer` up to one of the trust anchors, using `extra` (certificates from the CMS
    /// and --cert) as untrusted intermediates and `crls` (in addition to options.crls) for
    /// revocation; when any CRL is known, revocation data is required for the signer's certificate
    /// (intermediates are checked against the CRLs found for them, as Botan's defaults do).
    /// Facet: Ok, Failed (revoked, expired, bad signature, ...) or Indeterminate (no trust
    /// anchor, no path, no revocation data). Never throws.
    ChainResult validate(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& extra,
                         const std::vector<Botan::X509_CRL>& crls);

private:
    using Path = std::vector<std::shared_ptr<const Botan::X509_Certificate>>;
    using Status = std::vector<std::set<Botan::Certificate_Status_Code>>;

    cms::VerifyKey* key_of(const Botan::X509_Certificate& cert);
    Botan::Certificate_Status_Code signature_of(const Botan::X509_Object& object, const std::vector<std::uint8_t>& der,
                                                const Botan::X509_Certificate& issuer);
    void build_paths(const Path& prefix, const std::vector<std::shared_ptr<const Botan::X509_Certificate>>& untrusted,
                     std::vector<Path>& out, std::optional<Botan::Certificate_Status_Code>& error);
    Status check_chain(const Path& path);
    Status check_crl(const Path& path, const Botan::Certificate_Store_In_Memory& crls);

    const VerifyOptions& m_opt;
    std::vector<std::shared_ptr<const Botan::X509_Certificate>> m_trust;
    cms::KeyCache m_own_keys;
    cms::KeyCache* m_keys;  ///< m_own_keys or the caller's
    std::map<std::pair<std::string, std::string>, Botan::Certificate_Status_Code> m_sigs;  ///< by (object, issuer) DER
};

/// Validates one chain with a fresh ChainValidator (see there).
Facet validate_chain(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& extra,
                     const std::vector<Botan::X509_CRL>& crls, const VerifyOptions& options);

}  // namespace kansli::verify
