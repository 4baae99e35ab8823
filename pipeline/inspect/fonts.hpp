// What `kansli inspect` reports of a font, and the /W array of a CIDFont read into numbers.
#pragma once

#include "inspect/doc.hpp"

#include <cstddef>
#include <map>
#include <string>

namespace kansli::inspect {

struct FontFacts {
    std::string name;     ///< /BaseFont
    std::string subtype;  ///< Type0, TrueType, Type1, Type3 …; for Type0 "Type0/CIDFontType2"
    bool embedded = false;
    bool to_unicode = false;
    bool cidset = false;
};

/// The facts of a font dictionary (a Type0 font is judged by its descendant's descriptor).
FontFacts font_facts(OH font);

/// The /W array of a CIDFont: CID → width, at most 65,536 CIDs (ISO 32000-1 9.7.4.3 forms
/// "c [w1 w2 …]" and "c_first c_last w"). Malformed parts are skipped.
std::map<std::size_t, double> cid_widths(OH w);

}  // namespace kansli::inspect
