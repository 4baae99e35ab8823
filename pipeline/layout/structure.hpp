// The logical structure of a composed document (PageSet::structure): which element each draw op
// belongs to. The composers and FlowBuilder build the tree; render/ writes it as the PDF's
// structure tree with marked content.
#pragma once

#include "layout/pageset.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace kansli::layout {

/// The element of an op: TextRun, Image, Link and SigSlot carry one; Rule and Box are always
/// artifacts (-1).
int element_of(const DrawOp& op);

/// Gives every TextRun and Image of ops[from..] that has no element yet (-1) the element `node`.
void stamp(std::vector<DrawOp>& ops, std::size_t from, int node);

/// Makes every op of `ops` an artifact again (a table header repeated on a later page).
void make_artifacts(std::vector<DrawOp>& ops);

/// Appends a node of `type` under `parent` and returns its index.
int add_element(std::vector<StructNode>& tree, std::string type, int parent);

/// "H1".."H6" for level 1..6 (clamped).
std::string heading_type(int level);

/// True for the types whose text is their own content (no P is opened inside them).
bool holds_text(const std::string& type);

}  // namespace kansli::layout
