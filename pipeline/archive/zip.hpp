// Packages as ZIP files (ingest --zip, export OUT.zip) through libarchive: one entry per file,
// named OBJID/<path>, in path order, stored with the package's creation time, so the same package
// gives the same bytes; and reading one back (check, export of a zipped package).
#pragma once

#include "core/files.hpp"
#include "core/time.hpp"

#include <map>
#include <string>
#include <vector>

namespace kansli::archive {

/// The ZIP of the files `rels` (relative paths, written in the order given) under the folder
/// `root`, each entry named `prefix` + "/" + rel with mtime `created`. Throws core::Error (exit 2).
core::Bytes zip_folder(const std::string& root, const std::vector<std::string>& rels, const std::string& prefix,
                       core::Instant created);

/// Every regular entry of the ZIP at `path`, by its name with the leading "<prefix>/" removed (an
/// entry outside it keeps its full name, so that check reports it). Limits: `max_total` bytes
/// uncompressed in all. Throws core::Error (exit 2) when the ZIP cannot be read.
std::map<std::string, core::Bytes> read_zip(const std::string& path, const std::string& prefix, std::size_t max_total);

}  // namespace kansli::archive
