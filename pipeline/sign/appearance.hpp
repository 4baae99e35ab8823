// INTERNAL to sign/: the visible appearance stream of a signature widget.
#pragma once

#include <podofo/podofo.h>

#include <string>
#include <vector>

namespace kansli::sign::detail {

/// Draws `lines` (UTF-8) into a form XObject the size of the widget's /Rect, in a subset of the
/// TrueType font at font_path (Identity-H, embedded at WriteUpdate), clipped to the rectangle, and
/// sets it as the widget's /AP /N. The font size shrinks (to 4 pt at least) until every line fits.
/// Does nothing for a widget smaller than 1 x 1 pt (an invisible signature). Throws PdfError.
void set_appearance(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfObject* widget, const std::string& font_path,
                    const std::vector<std::string>& lines);

}  // namespace kansli::sign::detail
