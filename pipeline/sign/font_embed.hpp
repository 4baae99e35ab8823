// INTERNAL to sign/: embeds a TrueType font as a Type0 / Identity-H font with a CIDFontType2
// descendant (/CIDToGIDMap /Identity: a code is the glyph id), /W widths, a FontDescriptor with
// FontFile2 and a ToUnicode CMap, written as new objects of the incremental update.
#pragma once

#include "core/files.hpp"
#include "layout/fonts.hpp"
#include "sign/shared_font.hpp"
#include "sign/update_writer.hpp"

#include <string>

namespace kansli::sign::detail {

/// A new indirect object number in `doc` (above every number the file uses); its text is
/// written with UpdateWriter::add.
OH new_object(QPDF& doc);

/// Writes the font objects for the characters `chars` (each drawn with font.glyph(c); characters
/// the font lacks are left out) and returns the font as a SharedFont: ref = the Type0 object,
/// codes = Unicode → glyph id, widths in 1/1000 em. The font program keeps glyph ids (a subset
/// when layout::subset_truetype is available, else the whole file). Throws core::Error on a
/// malformed font.
SharedFont embed_font(QPDF& doc, UpdateWriter& writer, const layout::TrueTypeFont& font, const core::Bytes& file,
                      const std::u32string& chars);

}  // namespace kansli::sign::detail
