// `kansli archive merge` and `kansli archive export`.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace kansli::archive {

/// Folds shard archives into `archive_dir`: every package a shard has and the target lacks is
/// copied (into DIR/.tmp, then renamed) and its rows are copied in one transaction per package;
/// trust files are copied; quarantined documents too. A package the target already has is left
/// alone. Returns the number of packages added. Throws core::Error (exit 2) on I/O errors.
std::size_t merge(const std::string& archive_dir, const std::vector<std::string>& shards, std::ostream& out);

/// Copies package `id` (OBJID, or the SHA-256 of its signed PDF) to `out`: a folder, or with
/// ".zip" a ZIP file (entries in path order, times from the register: the same bytes on rerun).
/// Throws core::Error: exit 1 unknown id, exit 2 I/O.
void export_package(const std::string& archive_dir, const std::string& id, const std::string& out);

}  // namespace kansli::archive
