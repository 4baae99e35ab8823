// Finding the documents of an ingest: files and folders → signed PDFs, in a stable order.
#pragma once

#include <string>
#include <vector>

namespace kansli::archive {

/// Every INPUT that is a file, and every *.pdf beneath every INPUT that is a folder (recursively,
/// symbolic links not followed, hidden entries and `skip` (the archive itself) left out), sorted
/// and without duplicates. Throws core::Error (exit 2) naming an INPUT that does not exist.
std::vector<std::string> find_inputs(const std::vector<std::string>& inputs, const std::string& skip);

/// Parses "K/N" (1 ≤ K ≤ N ≤ 65536). Throws core::Error (exit 2) otherwise.
std::pair<unsigned, unsigned> parse_shard(const std::string& s);

}  // namespace kansli::archive
