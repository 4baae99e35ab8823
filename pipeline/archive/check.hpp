// `kansli archive check`: is every package still what was registered, and do its signatures
// still verify?
#pragma once

#include "core/time.hpp"

#include <string>
#include <vector>

namespace kansli::archive {

struct CheckConfig {
    std::string archive_dir;
    core::Instant at;  ///< the time signatures are re-verified at
    unsigned jobs = 1;
};

struct Drift {
    std::string objid;  ///< "" for the register itself (file "register.sqlite")
    std::string file;   ///< relative to the package, or "" for the package itself
    std::string what;   ///< "missing package", "missing file", "changed (SHA-256 …, registered …)", …
};

struct CheckResult {
    std::size_t packages = 0, files = 0;
    std::vector<Drift> drifts;  ///< sorted by objid, file
};

/// For every registered package: the folder exists; every registered file exists and its SHA-256
/// and size equal the register's; the root and representation METS state the same checksums; no
/// file is there that the register does not list; the signed PDF verifies (Passed) at cfg.at
/// against the trust anchors and CRLs kept in DIR/trust/ at ingest. And the register itself:
/// SQLite's integrity_check and the FTS5 index against the §§ (drifts of "register.sqlite", objid
/// ""). Records a "fixity check" event per package. Throws core::Error (exit 2) when the archive
/// has no register.
CheckResult check(const CheckConfig& cfg);

std::string check_text(const CheckResult& r);
std::string check_json(const CheckResult& r);

/// Copies trust anchors and CRLs into DIR/trust/ (named by content hash) for later checks.
void keep_trust(const std::string& archive_dir, const std::vector<std::string>& anchors,
                const std::vector<std::string>& crls);
/// The verification inputs kept in DIR/trust/.
void load_trust(const std::string& archive_dir, std::vector<std::string>& anchors, std::vector<std::string>& crls);

}  // namespace kansli::archive
