// The text a page shows, as a reader's copy-paste would see it: every string of the page's
// content streams shown by Tj, TJ, ' and ", in content order, each code mapped through its
// font's /ToUnicode. Used by verify/ to tie what a protokollsutdrag shows to what it proves.
//
// Only Type0 fonts with 2-byte codes (kansli's Identity-H subsets) are mapped; a code of any
// other font, or one its /ToUnicode does not map, becomes U+FFFD, so it never matches real text.
// Text inside Form XObjects and annotations is not read (see the utdrag threat model).
#pragma once

#include "pdf/reader.hpp"

#include <string>
#include <vector>

namespace kansli::pdf {

/// The shown text of each page of `doc`, in page order. Reads under `limits` (ToUnicode streams
/// count against `used`). Throws Refused or qpdf's exceptions for unreadable objects.
std::vector<std::u32string> page_texts(Opened& doc, const Limits& limits, Usage& used);

}  // namespace kansli::pdf
