// A TrueType subsetter of our own (std only) for fonts embedded as FontFile2 of a CIDFontType2
// with /CIDToGIDMap /Identity: glyph ids stay what they were in the original font.
#pragma once

#include "core/files.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace kansli::layout {

/// An sfnt table tag ("glyf") as the 32-bit number a table directory stores.
constexpr std::uint32_t sfnt_tag(const char (&s)[5]) {
    return std::uint32_t(std::uint8_t(s[0])) << 24 | std::uint32_t(std::uint8_t(s[1])) << 16 |
           std::uint32_t(std::uint8_t(s[2])) << 8 | std::uint32_t(std::uint8_t(s[3]));
}

/// What subset_truetype keeps beside the outlines.
struct SubsetOptions {
    /// false: drop the TrueType hinting. Simple glyphs lose their instructions, composites
    /// their WE_HAVE_INSTRUCTIONS flag and trailing instructions; fpgm, prep and cvt are not
    /// written; maxp's instruction limits are zeroed (maxZones 1). Outlines, glyph ids and
    /// metrics are unchanged. For the few glyphs of a signature appearance, where the hints are
    /// more than half of the font program and viewers draw without them.
    bool hinting = true;
};

/// A TrueType font program that keeps glyph ids: glyphs not in `glyphs` (nor reached through
/// composite glyphs, nor glyph 0) have empty outlines; trailing unused glyphs are dropped.
/// Errors: core::Error (kind "font") on a malformed font.
///
/// Input: the bytes of a TrueType (glyf-outline) sfnt file; `glyphs` in any order, duplicates
/// allowed. Output: an sfnt with only the tables PDF 32000 §9.9 asks of an embedded TrueType
/// program (head, hhea, maxp, hmtx, loca, glyf, and cvt, fpgm, prep when present), tables
/// sorted by tag and 4-byte aligned, the glyph count = highest kept id + 1 (maxp, hhea, hmtx
/// and loca cut to it), loca in the font's own format, valid table checksums and
/// head.checkSumAdjustment. Kept glyphs keep their hmtx metrics; unused ones get zero metrics
/// (widths belong in the PDF's /W array; the zeros deflate well). Deterministic.
/// Errors: core::Error (ExitCode::Usage, kind "font") naming the table and byte offset when
/// the font is malformed, is not TrueType-flavoured (CFF, collections), or when a glyph id in
/// `glyphs` is not below the font's glyph count (or, without hinting, a kept glyph is
/// truncated). Every read is bounds-checked. `options`: see SubsetOptions (without hinting the
/// tables are head, hhea, maxp, hmtx, loca, glyf).
core::Bytes subset_truetype(std::span<const std::uint8_t> font, const std::vector<std::uint16_t>& glyphs,
                            const SubsetOptions& options = {});

}  // namespace kansli::layout
