// Pages appended from a foreign PDF keep their content but not their structure tree (internal
// to render/).
#pragma once

#include <qpdf/QPDFObjectHandle.hh>

#include <vector>

namespace kansli::render {

/// Removes /StructParents from `pages` and /StructParent from their annotations: their keys
/// index the foreign PDF's parent tree, which is not copied, and would otherwise name entries
/// of the built document's own parent tree (ISO 32000-1 14.7.4.4). Their marked content stays
/// (untagged for the combined file; see issue 11 item 3 for the claim).
void drop_foreign_structure_keys(std::vector<QPDFObjectHandle>& pages);

}  // namespace kansli::render
