// How each text run joins the next one in reading order, for whoever extracts the text
// (pdftotext, pdfinfo -struct-text, screen readers, search and copy): a space glyph where a line
// or a heading's number ends but its element goes on elsewhere, and /ActualText on the two halves
// of a word that line breaking hyphenated (ISO 14289-1 7.2, ISO 32000-1 14.9.4). Internal to
// render/.
#pragma once

#include "layout/pageset.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace kansli::render {

struct RunJoin {
    bool space_after = false;  ///< draw a space glyph after the run (it is invisible: past the line)
    std::size_t head = 0;      ///< leading characters ending a word hyphenated on the line before: /ActualText ()
    std::size_t tail = 0;      ///< trailing characters with the inserted hyphen: /ActualText `word`
    std::u32string word;       ///< the whole hyphenated word (as far as these two runs hold it)
};

/// Per page, per op of the page (ops that are not TextRuns keep the default). Only runs of
/// structure elements (element >= 0) are joined; `structure` gives the element tree.
[[nodiscard]] std::vector<std::vector<RunJoin>> text_joins(const layout::PageSet& ps);

}  // namespace kansli::render
