// metadata/preservation/premis.xml: PREMIS 3.0 objects (the data files with SHA-256 fixity and
// format), the events of ingest (signature verification with its full report, the rebuild
// comparison, message digest calculation, ingestion) and kansli as the agent.
#pragma once

#include "archive/record.hpp"

#include <string>
#include <vector>

namespace kansli::archive {

/// `objects` are the data files of the representations (paths relative to the package root).
std::string premis_xml(const Record& rec, const std::vector<PackageFile>& objects);

}  // namespace kansli::archive
