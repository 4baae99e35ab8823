// One page's content stream, written by hand: text as TJ arrays with kerning, rules, boxes,
// image placements (internal to render/).
#pragma once

#include "layout/pageset.hpp"
#include "render/fonts.hpp"
#include "render/images.hpp"

#include <set>
#include <string>

namespace kansli::render {

/// What a content stream refers to, for the page's /Resources.
struct PageResources {
    std::set<layout::FontId> fonts;
    std::set<std::size_t> images;  ///< ImageTable indexes
};

/// Writes the painting ops of `page` (TextRun, Rule, Box, Image; Link and SigSlot are
/// annotations and are skipped) as PDF content-stream operators. Throws what FontTable and
/// ImageTable throw.
std::string page_content(const layout::Page& page, FontTable& fonts, ImageTable& images, PageResources& used);

}  // namespace kansli::render
