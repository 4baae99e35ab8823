// `kansli inspect` as a library call: read one PDF (hostile), run the preflight, report.
#pragma once

#include <string>

namespace kansli::job {

struct InspectResult {
    std::string report;   ///< text or JSON
    bool broken = false;  ///< a claimed conformance (PDF/A-2, PDF/UA-1) fails a check: exit 1
};

/// Inspects the PDF at `path` (at most 128 MiB). Throws core::Error: exit 2 when it cannot be
/// read; exit 1 when the hardened reader refuses it (the reason and a hint).
InspectResult inspect(const std::string& path, bool json);

}  // namespace kansli::job
