// The protokoll's page 1 block: the signature lines with their slots and the ANSLAG/BEVIS box,
// drawn below the body of page 1 after pagination, with their structure elements (internal to
// layout/, used by compose_protokoll.cpp).
#pragma once

#include "layout/fonts.hpp"
#include "layout/pageset.hpp"
#include "layout/style.hpp"
#include "model/document.hpp"

#include <string>
#include <vector>

namespace kansli::layout {

/// One signature line on page 1: label, line, name under it, and the slot exactly at the line.
struct SigEntry {
    std::string label;
    std::string field;
    std::string role;
    std::string name;
};

/// The signatories in display order (sekreterare, ordförande, justerande); `order` gets their
/// field names in signing (source) order.
std::vector<SigEntry> signature_entries(const model::Protokoll& p, const Style& s, std::vector<std::string>& order);

/// The height the block takes with `signers` lines.
Length page1_block_height(const Style& s, std::size_t signers);

/// Draws the signature lines and the ANSLAG/BEVIS box with their top at `top` on page 1; their
/// elements (a Sect each) go under `sect` in `tree`.
void draw_page1_block(Page& page, const model::Protokoll& p, const std::vector<SigEntry>& sigs, const Style& s,
                      const FontSet& f, Length top, std::vector<StructNode>& tree, int sect);

}  // namespace kansli::layout
