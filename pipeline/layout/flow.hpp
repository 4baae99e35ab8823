// The flow engine: a list of vertical items (boxes, glue, forced breaks) → pages.
// Items are built by blocks.hpp / table.hpp; page templates (header, footer) are added later
// by page_template.hpp once the page count is known.
#pragma once

#include "layout/pageset.hpp"

#include <functional>
#include <vector>

namespace kansli::layout {

enum class ItemKind : std::uint8_t { Unknown = 0, Box, Glue, PageBreak };

/// One unit of vertical material.
/// A Box's ops use item space: x is absolute on the page, y is relative to the item's top edge
/// with y up (so everything inside has y <= 0 and >= -height).
struct FlowItem {
    ItemKind kind = ItemKind::Box;
    Length height = 0;                ///< Box: extent; Glue: space (dropped at a page top)
    Length baseline = 0;              ///< Box: first baseline below the top (0 = no text)
    std::vector<DrawOp> ops;          ///< Box only
    bool keep_with_next = false;      ///< no page break between this box and the next box
    std::vector<int> footnotes;       ///< ids (FlowInput::footnotes) referenced in this box
    int table = -1;                   ///< table id: when this row starts a page, its header repeats
    bool table_header = false;        ///< this box is the header row of `table`
    std::vector<Length> cuts;         ///< ascending offsets from the top where a box taller than a
                                      ///< page may be split as a last resort (row boundaries of cells)
    std::vector<OutlineEntry> marks;  ///< bookmarks anchored at the top of this box (page, y filled in)
};

/// Everything to paginate.
struct FlowInput {
    std::vector<FlowItem> items;
    std::vector<std::vector<FlowItem>> footnotes;  ///< id → its lines (boxes), drawn at the foot
    std::vector<FlowItem> table_headers;           ///< table id → header row box (may have height 0)
};

/// The body area of a page, in page coordinates (y up): text flows from top down to bottom.
struct BodyArea {
    Length top = 0;
    Length bottom = 0;
};

struct FootnoteStyle {
    Length rule_width = 0;  ///< length of the separator rule
    Length rule_gap = 0;    ///< space above and below the separator
    Length left = 0;        ///< x of the separator
    Color rule_color;
};

struct FlowResult {
    std::vector<Page> pages;            ///< body ops only
    std::vector<OutlineEntry> outline;  ///< from FlowItem::marks, in flow order
};

/// Paginates `in`. `area(page_index)` gives the body area of each page (it may differ on page 1).
/// Rules: glue is dropped at a page top; a forced break on an empty page is ignored; a chain of
/// boxes linked by keep_with_next moves to the next page when it does not fit and would fit on an
/// empty page; a box taller than an empty page is split at its cuts (or placed overflowing when
/// it has none); footnotes go to the foot of the page of their reference; table headers repeat.
/// Always terminates: each step places material or starts a page after a non-empty one.
FlowResult paginate(FlowInput in, const std::function<BodyArea(int)>& area, const FootnoteStyle& fs);

/// Moves a draw op by (dx, dy).
void translate(DrawOp& op, Length dx, Length dy);

}  // namespace kansli::layout
