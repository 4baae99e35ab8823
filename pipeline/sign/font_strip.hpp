// INTERNAL to sign/: drops the TrueType hinting (glyph instructions, fpgm, prep, cvt) of a font
// program before it is embedded for a signature appearance. Viewers draw the few appearance
// glyphs at any size without hints; in Liberation Sans the instructions are more than half of
// the glyph data (a first signature's font: ~20 KB deflated with them, see the commit message).
#pragma once

#include "core/files.hpp"

namespace kansli::sign::detail {

/// `sfnt` without hinting: glyf rewritten with empty instructions (and long loca), fpgm, prep
/// and cvt dropped, maxp's instruction limits zeroed, checksums recomputed. Glyph ids,
/// outlines and metrics are unchanged. Any structure it cannot read bounds-checked returns the
/// input unchanged (never throws for bad data).
core::Bytes strip_hinting(const core::Bytes& sfnt);

}  // namespace kansli::sign::detail
