// The document outline (bookmarks), internal to render/.
#pragma once

#include "layout/pageset.hpp"

#include <podofo/podofo.h>

#include <vector>

namespace kansli::render {

/// A bookmark resolved to a page of the final document (appended PDFs included).
struct Bookmark {
    std::string title;
    int level = 0;
    int page = 0;          ///< 0-based index into the final document
    core::Length top = 0;  ///< y of the destination (1/1000 pt)
};

/// Builds /Outlines from `marks`, nesting by level (a level deeper than the previous entry plus
/// one is treated as previous plus one). Destinations are /XYZ left=0 top=y zoom=inherit.
/// Call only after every page exists. Throws core::Error (exit 1) for a page out of range.
/// `known[i]`, where given, is page i: PdfDocument::GetPage walks the whole /Kids array for each
/// page not in PoDoFo's cache (quadratic over a long document), so only pages beyond `known`
/// (appended ones) are looked up through it.
void add_outline(PoDoFo::PdfMemDocument& doc, const std::vector<Bookmark>& marks,
                 const std::vector<PoDoFo::PdfPage*>& known);

}  // namespace kansli::render
