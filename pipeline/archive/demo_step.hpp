// The archive's step of `kansli demo`: ingest the demo's signed PDFs into <out>/arkiv, then a
// search and a check.
#pragma once

#include "core/time.hpp"

#include <iosfwd>
#include <string>

namespace kansli::archive {

/// Ingests every *.signerad.pdf in `out_dir` (with its source beside it) into out_dir/arkiv,
/// verified against the demo root and CRLs at `time`; prints the ingest lines, a search and a
/// check. Returns 0 when every document was archived (or already was) and the check is clean.
int demo_step(const std::string& home, const std::string& out_dir, core::Instant time, std::ostream& out);

}  // namespace kansli::archive
