// The demo's long-term step: the B-T protokoll made B-LTA (kansli ltv with the in-process demo
// TSA) and verified years later, from the data in the file alone.
#pragma once

#include "core/time.hpp"

#include <iosfwd>
#include <string>

namespace kansli::job {

/// Runs `kansli ltv` on `signed_pdf` (trust and CRLs from `keys`, the demo TSA at `tsa_url`, time
/// `time`), then verifies the result with no --crl at a date after the signers' certificates and
/// the CRLs have expired when the demo PKI allows it (the root and the TSA still valid), else ten
/// years after `time`. Prints a summary; returns 0 when every signature passed at B-LTA, else 1.
int demo_long_term(const std::string& signed_pdf, const std::string& keys, const std::string& tsa_url,
                   core::Instant time, std::ostream& out);

}  // namespace kansli::job
