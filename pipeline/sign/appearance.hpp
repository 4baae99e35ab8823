// INTERNAL to sign/: the visible appearance stream of a signature widget.
#pragma once

#include <podofo/podofo.h>

#include <cstdint>
#include <string>
#include <vector>

namespace kansli::sign::detail {

/// How an appearance got its font.
enum class FontUse : std::uint8_t {
    Unknown = 0,  ///< no appearance drawn (invisible widget)
    Registered,   ///< embedded the shared subset (repertoire + text) and registered /DR /Font /KansliSig
    Reused,       ///< referenced the shared font of an earlier signature: nothing embedded
    Embedded,     ///< embedded a private subset (the shared font lacks a character, or its name is taken)
};

/// Draws `lines` (UTF-8) into a form XObject the size of the widget's /Rect, clipped to the
/// rectangle, and sets it as the widget's /AP /N. The font size shrinks (to 4 pt at least) until
/// every line fits. The font: the shared /KansliSig font of an earlier signature when it covers
/// every character (see shared_font.hpp), else a new subset of the TrueType font at font_path
/// (Identity-H, embedded at WriteUpdate), registered as the shared font when none is.
/// Does nothing for a widget smaller than 1 x 1 pt (an invisible signature). Throws PdfError.
FontUse set_appearance(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfAcroForm& form, PoDoFo::PdfObject* widget,
                       const std::string& font_path, const std::vector<std::string>& lines);

}  // namespace kansli::sign::detail
