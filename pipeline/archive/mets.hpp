// METS documents of a package: the root METS (CSIP/SIP profile) and the representations' METS.
#pragma once

#include "archive/package.hpp"
#include "archive/record.hpp"

#include <string>
#include <vector>

namespace kansli::archive {

/// The root METS.xml: `files` are every other file of the package (paths relative to the root).
std::string root_mets(const Record& rec, const PackageConfig& cfg, const std::vector<PackageFile>& files);

/// representations/<rep>/METS.xml: `files` are the representation's files (paths relative to it).
std::string representation_mets(const Record& rec, const std::string& rep, const std::vector<PackageFile>& files);

/// The meeting description (metadata/descriptive/meeting.xml), namespace urn:kansli:arkiv:1.
std::string meeting_xml(const Record& rec);

}  // namespace kansli::archive
