// The demo's preflight step: `kansli inspect` on what the demo built and signed, one line each.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace kansli::job {

/// Inspects each file and prints what it claims and whether kansli's checks pass; sets `status`
/// to 1 when a claimed conformance is broken (or a file cannot be inspected).
void demo_inspect(const std::vector<std::string>& files, std::ostream& out, int& status);

}  // namespace kansli::job
