// Certificate path validation (Botan), offline, at an explicit time.
#pragma once

#include "verify/verify.hpp"

namespace kansli::verify {

/// Validates `signer` up to one of `options.trust`, using `extra` (certificates from the CMS) as
/// intermediates and `crls` (options.crls + embedded) for revocation; revocation is required for
/// every non-root certificate when `crls` is non-empty. Returns the facet: Ok, Failed (revoked,
/// expired, bad signature in the chain) or Indeterminate (no trust anchor, no path, no revocation data).
Facet validate_chain(const Botan::X509_Certificate& signer, const std::vector<Botan::X509_Certificate>& extra,
                     const std::vector<Botan::X509_CRL>& crls, const VerifyOptions& options);

}  // namespace kansli::verify
