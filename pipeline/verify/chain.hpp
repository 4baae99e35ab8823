// Certificate path validation, offline, at an explicit time: Botan's own x509_path_validate
// (path building over the trust anchors and the untrusted certificates, PKIX::check_chain,
// PKIX::check_crl, PKIX::merge_revocation_status), called, never copied, so that a Botan fix
// reaches us with the next Debian update. What is ours: the restrictions (minimum strength 110:
// RSA >= 2048 bits, SHA-2; revocation data required for the signer's certificate once any CRL is
// known), the mapping of Botan's status to a facet, and a cache of results per (signer, extra
// certificates, CRLs) for the validator's lifetime (the validation time is fixed per validator).
// tests/verify/chain_diff_test.cpp compares the verdicts with `openssl verify` on a generated corpus.
#pragma once

#include "cms/pubkey.hpp"
#include "verify/verify.hpp"

#include <botan/pkix_enums.h>
#include <botan/x509_crl.h>
#include <botan/x509cert.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace kansli::verify {

/// Outcome of one validation: Botan's status code and string, and the facet we report.
struct ChainResult {
    Botan::Certificate_Status_Code code = Botan::Certificate_Status_Code::OK;
    std::string text;  ///< Botan's result_string()
    Facet facet;
};

/// Chain results and keys shared by the ChainValidators of one run across documents and threads
/// (kansli archive ingest and check): Botan's x509_path_validate of the same certificates against
/// the same trust anchors and CRLs at the same time gives the same result, so each distinct
/// (chain, anchors, CRLs, time) is validated once per run. The key holds all of them (DER).
class SharedChainCache {
public:
    std::optional<ChainResult> find(const std::string& key);
    void put(const std::string& key, const ChainResult& result);
    cms::KeyCache& keys() { return m_keys; }

private:
    std::mutex m_mu;
    std::map<std::string, ChainResult> m_results;
    cms::KeyCache m_keys;
};

class ChainValidator {
public:
    /// Takes the trust anchors, validation time and base CRLs (--crl) from `options`; the
    /// reference must outlive the validator. Keys come from `keys` when given (shared with the
    /// CMS signer check of the same run; it must outlive the validator), else from its own cache.
    explicit ChainValidator(const VerifyOptions& options, cms::KeyCache* keys = nullptr);

    /// The key cache in use for the CMS signer check of the same document (each distinct public
    /// key is parsed once per cache). Path validation loads its keys inside Botan.
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
    const VerifyOptions& m_opt;
    cms::KeyCache m_own_keys;
    cms::KeyCache* m_keys;                         ///< m_own_keys or the caller's (for the CMS signer check)
    std::map<std::string, ChainResult> m_results;  ///< by (signer, extra, CRLs) DER
    std::string m_context;                         ///< time, anchors and base CRLs (DER): the shared cache's key prefix
};

/// Validates one chain with a fresh ChainValidator (see there).
Facet validate_chain(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& extra,
                     const std::vector<Botan::X509_CRL>& crls, const VerifyOptions& options);

}  // namespace kansli::verify
