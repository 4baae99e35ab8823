// `kansli ltv` as a library call: make the signatures of a signed PDF verifiable for ever (PAdES
// B-LT: a /DSS with every certificate and CRL needed; with a TSA, B-LTA: a document time-stamp).
#pragma once

#include "cms/timestamp.hpp"
#include "core/files.hpp"
#include "core/time.hpp"

#include <functional>
#include <string>
#include <vector>

namespace kansli::job {

struct LtvConfig {
    std::string input;               ///< signed PDF (never overwritten)
    std::string output;              ///< written atomically
    std::vector<std::string> trust;  ///< trust anchors (PEM/DER): every chain must end at one
    std::vector<std::string> certs;  ///< untrusted intermediates (PEM/DER)
    std::vector<std::string> crls;   ///< CRL files (PEM/DER): each must belong to a chain of the file
    core::Instant time;              ///< /TU of the VRI entries, the document time-stamp's /M
    /// A checked RFC 3161 token for an imprint (the CLI wires tsa::request_timestamp); empty: no
    /// document time-stamp (B-LT only).
    std::function<core::Bytes(const cms::tsp::Imprint&)> timestamp{};
};

struct LtvOutcome {
    std::size_t signatures = 0;      ///< signatures covered
    std::size_t doc_timestamps = 0;  ///< earlier document time-stamps covered
    std::size_t certs = 0;           ///< certificates in the DSS afterwards
    std::size_t crls = 0;            ///< CRLs in the DSS afterwards
    std::size_t certs_added = 0;
    std::size_t crls_added = 0;
    bool timestamped = false;  ///< a document time-stamp was added
    std::size_t bytes_in = 0, bytes_out = 0;
};

/// Throws core::Error: exit 2 for usage and I/O (unreadable files, output = an input); exit 1
/// when the PDF is unreadable or unsigned, a signature or time-stamp does not check out, a chain
/// does not reach a --trust anchor, a certificate of a chain has no CRL of its issuer, a --crl
/// belongs to no chain or is not signed by its issuer, or the TSA answers no good token (exit 2
/// when it cannot be reached). On failure nothing is written.
LtvOutcome ltv_file(const LtvConfig& cfg);

/// The same on bytes in memory (benchmarks, tests): returns the new file.
core::Bytes ltv_bytes(const core::Bytes& pdf, const LtvConfig& cfg, LtvOutcome& outcome);

}  // namespace kansli::job
