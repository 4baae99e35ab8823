// ToUnicode CMaps (PDF 32000 §9.10.3) as kansli writes and reads them: bfchar and bfrange
// sections, 2-byte codes, targets of one code point (UTF-16BE, a surrogate pair allowed).
// Shared by sign/ (the appearance font's codes) and verify/ (the visible text of an extract).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace kansli::pdf {

/// (code, code point) in the order the CMap gives them; ligature targets are skipped.
using ToUnicodePairs = std::vector<std::pair<std::uint16_t, char32_t>>;

/// Parses a ToUnicode CMap. Bounded: at most 65536 entries; never throws for bad input.
ToUnicodePairs parse_to_unicode(const std::string& cmap);

}  // namespace kansli::pdf
