// INTERNAL to render/: kansli's own data in the catalog (/KANS_Data, pdf/kansli_data.hpp).
#pragma once

#include <podofo/podofo.h>

#include <string>
#include <utility>
#include <vector>

namespace kansli::render {

/// Writes each (name, bytes) as a Flate stream referenced from the catalog's /KANS_Data dictionary.
void add_kansli_data(PoDoFo::PdfMemDocument& doc, const std::vector<std::pair<std::string, std::string>>& data);

}  // namespace kansli::render
