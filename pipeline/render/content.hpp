// One page's content stream, written by hand: text as TJ arrays with kerning, rules, boxes,
// image placements (internal to render/).
#pragma once

#include "layout/pageset.hpp"
#include "render/fonts.hpp"
#include "render/images.hpp"
#include "render/text_joins.hpp"

#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace kansli::render {

/// What a content stream refers to, for the page's /Resources.
struct PageResources {
    std::set<layout::FontId> fonts;
    std::set<std::size_t> images;  ///< ImageTable indexes
};

class Tagging;

/// Writes the painting ops of `page` (TextRun, Rule, Box, Image; Link and SigSlot are
/// annotations and are skipped) as PDF content-stream operators; with `tags`, each op inside
/// the marked content of its element (an MCID of page `index`) or of a pagination artifact.
/// `joins` (one per op, from text_joins) adds the spaces and /ActualText that text extraction needs.
/// Throws what FontTable and ImageTable throw.
std::string page_content(const layout::Page& page, FontTable& fonts, ImageTable& images, PageResources& used,
                         Tagging* tags = nullptr, std::size_t index = 0, const std::vector<RunJoin>* joins = nullptr);

}  // namespace kansli::render
