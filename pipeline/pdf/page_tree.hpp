// The page tree of an untrusted PDF walked without recursion, before qpdf's own (recursive) page
// functions may run on it. Internal to pdf/.
#pragma once

#include "pdf/limits.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <vector>

namespace kansli::pdf {

/// The pages (leaves) of the catalog's /Pages tree in order. Throws Refused: PageTree when a
/// node is reached twice (a cycle), a kid is missing or not a dictionary, a leaf says it is not a
/// page, /Kids is not an array, or a /Count is not a non-negative integer; Pages when a /Count or the
/// leaves exceed limits.pages; PageDepth
/// beyond limits.page_tree_depth levels; NoPages when there is
/// none and `require_pages`. Linear in the nodes visited; memory bounded by the depth limit.
std::vector<QPDFObjectHandle> walk_page_tree(QPDF& qpdf, const Limits& limits, bool require_pages);

}  // namespace kansli::pdf
