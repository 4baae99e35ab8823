// The verify job: read PDFs, trust anchors and CRLs, verify each file, pick the exit code.
#pragma once

#include "core/time.hpp"
#include "verify/verify.hpp"

#include <string>
#include <vector>

namespace kansli::job {

struct VerifyJob {
    std::vector<std::string> files;
    std::vector<std::string> trust;      ///< PEM/DER certificate files (trust anchors)
    std::vector<std::string> certs;      ///< PEM/DER untrusted intermediate certificates
    std::vector<std::string> crls;       ///< PEM/DER CRL files
    std::vector<std::string> trust_tsa;  ///< PEM/DER TSA trust anchors (default: `trust`)
    core::Instant at;                    ///< validation time
};

struct VerifyJobResult {
    std::vector<verify::VerifyReport> reports;
    int exit_code = 1;  ///< 0 every file passed; 2 no file could be read; 1 otherwise
};

/// Runs the job: every file gets a report, in the order given; one that cannot be read gets
/// verdict Indeterminate with the reason, and the others are still verified. Throws core::Error
/// (exit 2) when a certificate or CRL file cannot be read (a usage error: nothing is verified).
VerifyJobResult run_verify(const VerifyJob& job);

}  // namespace kansli::job
