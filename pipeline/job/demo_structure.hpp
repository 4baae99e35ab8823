// `kansli demo`'s step for the tagged structure: the signed PDFs through pdf::check_structure.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace kansli::job {

/// Prints, per file, what the structure checks (PDF/UA-1, PDF/A-2 level A) found. Returns 0 when
/// no file has a finding, else 1. A file that cannot be read counts as failed.
int demo_structure(const std::vector<std::string>& files, std::ostream& out);

}  // namespace kansli::job
