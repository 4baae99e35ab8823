// `kansli archive ingest`: verify, prove, package and register a batch of signed documents.
#pragma once

#include "archive/examine.hpp"
#include "archive/package.hpp"

#include <iosfwd>
#include <string>
#include <vector>

namespace kansli::archive {

struct IngestConfig {
    std::vector<std::string> inputs;  ///< files and folders
    std::string archive_dir;
    unsigned jobs = 1;               ///< worker threads
    unsigned shard = 1, shards = 1;  ///< take the documents whose identity hashes to `shard` of `shards`
    bool json = false;               ///< JSON lines instead of text lines
    bool progress = false;           ///< a progress line (a terminal) instead of a line per document
    bool zip = false;                ///< each package as DIR/packages/<OBJID>.zip instead of a folder
    ExamineConfig examine;           ///< home, verification options, the optional steps
    PackageConfig package;
    core::Instant now;  ///< ingest time written into packages and register (injected)
};

struct IngestSummary {
    std::size_t archived = 0, existing = 0, quarantined = 0, errors = 0, skipped = 0;
    [[nodiscard]] int exit_code() const { return errors ? 2 : quarantined ? 1 : 0; }
};

/// Ingests every document of cfg.inputs. Per document: examine (verify, rebuild, describe, the
/// optional steps), write the package into DIR/.tmp/<OBJID>, rename it to DIR/packages/<OBJID>,
/// register it in one transaction; a refused document goes to DIR/karantän/<OBJID>/ with its
/// reports. A version already registered is reported "exists" and nothing is written. Before
/// work, leftovers of an interrupted run are removed (DIR/.tmp, package folders no row names),
/// so a rerun after kill -9 gives the same packages and register. One ingest at a time per
/// archive (flock on DIR/.lock). Lines go to `out`, the summary too.
IngestSummary ingest(const IngestConfig& cfg, std::ostream& out);

}  // namespace kansli::archive
