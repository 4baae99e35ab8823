// The E-ARK package of one document (CSIP 2.1.0 + SIP 2.1.0), written into a folder:
//   METS.xml                                root METS (OBJID = folder name)
//   metadata/descriptive/meeting.xml        the meeting: organ, date, §§ with titles, signers
//   metadata/preservation/premis.xml        PREMIS 3: objects with SHA-256 fixity and format, events
//   representations/rep1/METS.xml, data/    the signed PDF
//   representations/rep2/METS.xml, data/    the source XML and its handlingar (when there is a source)
//   documentation/verification.txt|.json    the verification report, human and JSON
//   documentation/rebuild.txt               the rebuild comparison
//   schemas/                                the XSDs the XML files use
#pragma once

#include "archive/record.hpp"

#include <string>
#include <vector>

namespace kansli::archive {

struct PackageConfig {
    std::string home;              ///< kansli home: schemas/ (ours) and schemas/archive/ (METS, PREMIS, CSIP)
    std::string archivist;         ///< the ARCHIVIST organisation (default: the document's organisation)
    std::string archivist_number;  ///< its organisation number (IDENTIFICATIONCODE), or ""
};

/// Writes the package of `rec` into `dir` (which must exist and be empty). Every file's bytes are
/// a function of rec and cfg (ingest time included), so a rerun writes the same bytes. Returns
/// every file with its size and SHA-256, in path order. Throws core::Error (exit 2) on I/O errors.
std::vector<PackageFile> write_package(const Record& rec, const PackageConfig& cfg, const std::string& dir);

/// The version of kansli that writes packages (e.g. "0.2.0").
std::string kansli_version();

/// MIME type by extension (.pdf, .xml, .xsd, .txt, .json, .png, .jpg).
std::string mime_of(const std::string& path);

}  // namespace kansli::archive
