// A readable text dump of a PageSet, one line per draw op, for golden tests and debugging.
#pragma once

#include "layout/pageset.hpp"

#include <string>
#include <vector>

namespace kansli::layout {

/// One line per op of page `index` (0-based), positions in pt with 1 decimal:
///   text X Y FONT SIZE "text"     rule X1 Y1 X2 Y2 wT     box X Y WxH [stroke S] [fill #rrggbb]
///   image X Y WxH path            link X Y WxH uri        sig X Y WxH "field" role "signer"
/// Throws std::out_of_range for a bad index.
std::string dump_page(const PageSet& ps, int index);

/// A summary line per page ("page N: T texts, R rules, … first: "…" last: "…""), then the
/// outline, appended files, signing order and metadata.
std::string dump_summary(const PageSet& ps);

/// dump_summary followed by dump_page of each index in `full_pages`. Used for goldens.
std::string dump(const PageSet& ps, const std::vector<int>& full_pages);

}  // namespace kansli::layout
