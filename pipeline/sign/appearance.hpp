// INTERNAL to sign/: the visible appearance stream of a signature widget.
#pragma once

#include "sign/document.hpp"
#include "sign/update_writer.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kansli::sign::detail {

/// How an appearance got its font.
enum class FontUse : std::uint8_t {
    Unknown = 0,  ///< no appearance drawn (invisible widget)
    Registered,   ///< embedded the shared font (repertoire + text) and registered /DR /Font /KansliSig
    Reused,       ///< referenced the shared font of an earlier signature: nothing embedded
    Embedded,     ///< embedded a private font (the shared font lacks a character, or its name is taken)
};

/// Draws `lines` (UTF-8) into a new form XObject the size of the widget's /Rect, clipped to the
/// rectangle, and sets it as the widget's /AP /N (in memory: the caller rewrites the widget and
/// `acroform`). The font size shrinks (to 4 pt at least) until every line fits. The font: the
/// shared /KansliSig font of an earlier signature when it covers every character (see
/// shared_font.hpp), else the TrueType font at font_path embedded as new objects, registered in
/// `acroform` /DR /Font as the shared font when none is (and /DR, /DR /Font are direct or absent).
/// Does nothing for a widget smaller than 1 x 1 pt (an invisible signature). Throws core::Error
/// (font file), qpdf exceptions (unreadable objects).
FontUse set_appearance(QPDF& doc, UpdateWriter& writer, OH acroform, OH widget, const std::string& font_path,
                       const std::vector<std::string>& lines);

}  // namespace kansli::sign::detail
