// The demo's protokollsutdrag step (issue 12): one extract per recipient of the signed protokoll,
// each certified by the sekreterare (Utdragsbestyrkande) and verified against the original signers.
#pragma once

#include "core/time.hpp"

#include <ostream>
#include <string>

namespace kansli::job {

/// Makes the extracts of `signed_protokoll` into `dir`/utdrag, certifies and verifies them at
/// `time` with the demo PKI in `keys_dir`, printing each proof line. Returns 0, or 1 on any failure.
int demo_utdrag(const std::string& home, const std::string& signed_protokoll, const std::string& dir,
                const std::string& keys_dir, core::Instant time, std::ostream& out);

/// The work of demo_utdrag without its heading: one extract per recipient of `signed_protokoll`
/// into `out_dir`, each certified by the sekreterare's demo key at `time` and verified at `time`
/// against the demo root and CRLs; prints each file and its proof line. Returns 0, or 1 when any
/// extract does not pass.
int utdrag_per_recipient(const std::string& home, const std::string& signed_protokoll, const std::string& out_dir,
                         const std::string& keys_dir, core::Instant time, std::ostream& out);

}  // namespace kansli::job
