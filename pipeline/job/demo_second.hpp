// The demo's second example protokoll after its justering (issue 12): the separate document of its
// omedelbart justerade § (kansli build --omedelbart), signed at the meeting by the justerare and the
// acting ordförande and verified, then its protokollsutdrag per recipient of "Expedieras till",
// certified and verified against the protokoll's own signers.
#pragma once

#include "core/time.hpp"

#include <ostream>
#include <string>

namespace kansli::job {

struct SecondDemo {
    std::string home;       ///< kansli home (schemas, style)
    std::string dir;        ///< the demo folder: holds protokoll-2025-11-14.xml; results go here
    std::string keys_dir;   ///< keys/demo
    std::string justerat;   ///< protokoll-2025-11-14 signed by its three signers (ANSLAG filled or not)
    core::Instant meeting;  ///< when the omedelbart document is built and signed (before the justering)
    core::Instant now;      ///< when the extracts are made and everything is verified
};

/// Runs the step, printing a running account to `out`. Returns 0 when every document made here
/// verified as Passed, else 1. Throws core::Error as build, sign and utdrag do.
int demo_second_protokoll(const SecondDemo& d, std::ostream& out);

}  // namespace kansli::job
