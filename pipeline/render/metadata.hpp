// Document information, XMP metadata and catalog flags, internal to render/.
#pragma once

#include "layout/pageset.hpp"
#include "render/conformance.hpp"

#include <podofo/podofo.h>

#include <string>

namespace kansli::render {

/// The producer string written into /Info and XMP.
std::string producer();

/// Overwrites /Info (Title, Author, Subject, Keywords, Creator, Producer, CreationDate, ModDate
/// from meta.created in UTC: PoDoFo's "now" is replaced) and adds to the catalog an XMP
/// /Metadata stream (uncompressed), /Lang, and /ViewerPreferences /DisplayDocTitle true.
void add_metadata(PoDoFo::PdfMemDocument& doc, const layout::Metadata& meta, const Claims& claims = {});

/// The XMP packet for `meta` (UTF-8), exposed for tests.
std::string xmp_packet(const layout::Metadata& meta, const Claims& claims = {});

}  // namespace kansli::render
