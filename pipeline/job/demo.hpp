// `kansli demo`: the whole pipeline on the bundled examples — build, sign in order, verify.
#pragma once

#include "core/time.hpp"

#include <iosfwd>
#include <string>

namespace kansli::job {

struct DemoConfig {
    std::string home;     ///< kansli home: templates/examples, keys/demo, schemas
    std::string out_dir;  ///< where the examples are copied, built, signed and verified
    core::Instant
        time;  ///< the demo's "now": verification time; the build and the signatures (one hour apart) precede it
};

/// Copies templates/examples into out_dir (sources and images, never old PDFs), builds every
/// example (attachments first), signs the protokoll by its three signatories in the source's
/// order and the avtal by its parties with the DEMO keys, shows that signing out of order is
/// refused, and verifies the signed PDFs against the demo root and CRL. Writes a running account
/// to `out`. Returns 0 when every step worked and every signed PDF verified as Passed, else 1.
/// Throws core::Error (exit 2) on I/O errors.
int run_demo(const DemoConfig& cfg, std::ostream& out);

}  // namespace kansli::job
