// The verify job: read PDFs, trust anchors and CRLs, verify each file, pick the exit code.
#pragma once

#include "core/time.hpp"
#include "verify/verify.hpp"

#include <string>
#include <vector>

namespace kansli::job {

struct VerifyJob {
    std::vector<std::string> files;
    std::vector<std::string> trust;  ///< PEM/DER certificate files (trust anchors)
    std::vector<std::string> certs;  ///< PEM/DER untrusted intermediate certificates
    std::vector<std::string> crls;   ///< PEM/DER CRL files
    std::vector<std::string> trust_tsa;  ///< PEM/DER TSA trust anchors (default: `trust`)
    core::Instant at;                ///< validation time
};

struct VerifyJobResult {
    std::vector<verify::VerifyReport> reports;
    int exit_code = 1;  ///< 0 only when every file's verdict is Passed
};

/// Runs the job. Throws core::Error (exit 2) when a PDF, certificate or CRL file cannot be read.
VerifyJobResult run_verify(const VerifyJob& job);

}  // namespace kansli::job
