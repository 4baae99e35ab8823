// Certificate path validation, offline, at an explicit time: Botan's own x509_path_validate
// (path building over the trust anchors and the untrusted certificates, PKIX::check_chain,
// PKIX::check_crl, PKIX::merge_revocation_status), called, never copied, so that a Botan fix
// reaches us with the next Debian update. What is ours: the restrictions (minimum strength 110:
// RSA >= 2048 bits, SHA-2; revocation data required for the signer's certificate once any CRL is
// known), the mapping of Botan's status to a facet, and a process-wide cache of results keyed by
// a SHA-256 over every input of the validation (trust anchors, certificates, CRLs, time,
// restrictions), so that no path is validated twice in a process (the same TSA chain for every
// signature time-stamp, the same signer in many documents); concurrent requests for the same
// validation wait for the one that runs it. Thread-safe: the signatures of a document are checked
// concurrently (verify/parallel.hpp).
// tests/verify/chain_diff_test.cpp compares the verdicts with `openssl verify` on a generated corpus.
#pragma once

#include "cms/pubkey.hpp"
#include "verify/verify.hpp"

#include <botan/pkix_enums.h>
#include <botan/x509_crl.h>
#include <botan/x509cert.h>

#include <string>
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

    /// The key cache in use for the CMS signer checks (each distinct public key is parsed once per
    /// cache; without `keys`, the process's). Path validation loads its keys inside Botan.
    cms::KeyCache& keys() const { return *m_keys; }

    /// Validates `signer` up to one of the trust anchors, using `extra` (certificates from the CMS
    /// and --cert) as untrusted intermediates and `crls` (in addition to options.crls) for
    /// revocation; when any CRL is known, revocation data is required for the signer's certificate
    /// (intermediates are checked against the CRLs found for them, as Botan's defaults do).
    /// Facet: Ok, Failed (revoked, expired, bad signature, ...) or Indeterminate (no trust
    /// anchor, no path, no revocation data). Never throws; may be called from several threads.
    ChainResult validate(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& extra,
                         const std::vector<Botan::X509_CRL>& crls) const;

private:
    /// Botan's x509_path_validate of `end_certs` (the first one validated) with `crls`.
    ChainResult run(const std::vector<Botan::X509_Certificate>& end_certs, const std::vector<Botan::X509_CRL>& crls,
                    bool& cacheable) const;

    const VerifyOptions& m_opt;
    cms::KeyCache* m_keys;  ///< the caller's or the process's (for the CMS signer check)
    std::string m_inputs;   ///< what is fixed per validator (anchors, --crl, time), part of the cache key
};

/// Forgets the process's cached path validations and keys (tests and benchmarks: a cold start).
void clear_process_caches();

/// Validates one chain with a fresh ChainValidator (see there).
Facet validate_chain(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& extra,
                     const std::vector<Botan::X509_CRL>& crls, const VerifyOptions& options);

}  // namespace kansli::verify
