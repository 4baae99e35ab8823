// `kansli portal-demo` (demo accounts with the demo keys) and the portal's step of `kansli demo`.
#pragma once

#include "core/time.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace kansli::portal {

struct DemoLogin {
    std::string name, role, person;
};

/// Creates the demo accounts in `data_dir` (password "kansli-demo", like the demo keys): the
/// secretary, the registrar, the archivist and one signer per signatory of the example protokoll
/// (with its demo certificate and encrypted key in the keystore). Returns them.
std::vector<DemoLogin> add_demo_users(const std::string& data_dir, const std::string& home, std::int64_t now);

/// The demo's trust anchor and CRLs (keys/demo).
std::vector<std::string> demo_trust(const std::string& home);
std::vector<std::string> demo_crls(const std::string& home);

/// Starts the portal on a free loopback port over out_dir/portal, GETs /healthz and POSTs the
/// demo's signed protokoll to /api/verify, then stops. Returns 0 when the verdict is "passed".
int demo_step(const std::string& home, const std::string& out_dir, core::Instant time, std::ostream& out);

}  // namespace kansli::portal
