// Long-term validation (ETSI EN 319 102-1 §5.6.2, past signature validation): a chain validated
// at a proof-of-existence time (the genTime of a time-stamp that checked out), and whether the
// validation data of a chain is in the file (PAdES B-LT). Botan's public PKIX functions do the
// work (build_certificate_path, check_chain, check_crl, merge_revocation_status, overall_status);
// ours is which CRL goes with which certificate (the freshest of its issuer) and the one rule of
// proof of existence that Botan cannot know: a revocation dated after the POE does not count.
#pragma once

#include "core/time.hpp"
#include "verify/verify.hpp"

#include <botan/x509_crl.h>
#include <botan/x509cert.h>

#include <vector>

namespace kansli::verify {

/// The chain of `signer` (untrusted candidates `extra`) to one of `trust`, validated at `poe`
/// with the revocation data `crls` (required for the signer's certificate). A revocation dated
/// after `poe` is no failure: the facet is Ok and says so. Never throws.
Facet validate_at_poe(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& extra,
                      const std::vector<Botan::X509_CRL>& crls, const std::vector<Botan::X509_Certificate>& trust,
                      core::Instant poe);

/// True when the path of `signer` to one of `trust` can be built from `certs` alone and every
/// certificate on it but a self-signed anchor has a CRL of its issuer in `crls` that verifies
/// with the issuer's key. Never throws.
bool has_validation_data(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& certs,
                         const std::vector<Botan::X509_CRL>& crls, const std::vector<Botan::X509_Certificate>& trust);

}  // namespace kansli::verify
