// The paragraph API: styled spans in, broken and shaped lines out (runs in the fonts actually
// used, kerning and justification in TextRun::kern, inserted hyphens marked).
#pragma once

#include "core/diagnostic.hpp"
#include "core/units.hpp"
#include "core/utf8.hpp"
#include "layout/fonts.hpp"
#include "layout/hyphenate.hpp"
#include "layout/linebreak.hpp"
#include "layout/pageset.hpp"
#include "layout/shape.hpp"  // measure, shape_line: one line, no breaking

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kansli::layout {

/// A piece of text in one style. '\n' and U+2028 force a line break; U+00AD (soft hyphen) marks a
/// permitted hyphenation; U+00A0 is a non-breaking space; U+200B a break without a hyphen.
struct Span {
    Span() = default;
    explicit Span(std::u32string t, FaceStyle st = FaceStyle::Regular, core::Length sz = core::pt(10))
        : text(std::move(t)), style(st), size(sz) {}

    std::u32string text;
    FaceStyle style = FaceStyle::Regular;
    core::Length size = core::pt(10);
    Color color;
    std::string link;  ///< URI; non-empty makes the span's area a link
    bool no_hyphenate = false;
    core::SourceLoc loc;  ///< where the text came from (for warnings)
    /// Every field (TypesetMemo keys on it): a field added here must be compared here.
    friend bool operator==(const Span& a, const Span& b) {
        return a.text == b.text && a.style == b.style && a.size == b.size && a.color == b.color && a.link == b.link &&
               a.no_hyphenate == b.no_hyphenate && a.loc.file == b.loc.file && a.loc.line == b.loc.line &&
               a.loc.col == b.loc.col;
    }
};

/// One broken line. Runs and links have x relative to the left edge of the measure (first-line
/// indent and Center/Right alignment already applied) and y = 0 (the baseline).
struct Line {
    std::vector<TextRun> runs;
    std::vector<Link> links;
    core::Length width = 0;    ///< width of the content (with justification: of the filled line)
    core::Length ascent = 0;   ///< max ascender of the fonts on the line (positive)
    core::Length descent = 0;  ///< max descender depth (positive)
    bool hyphenated = false;   ///< ends in an inserted hyphen
    bool emergency = false;    ///< ends in a letter break of a word too wide for the measure
};

struct ParagraphStyle {
    core::Length width = 0;               ///< the measure
    core::Length first_line_indent = 0;   ///< may be negative (hanging) only if the spans fit
    core::Length leading = core::pt(12);  ///< baseline distance, for the caller's vertical layout
    Alignment align = Alignment::Left;    ///< Left = ragged right (the house style)
    bool hyphenate = true;
    bool optimal = true;  ///< false: greedy first fit (benchmarks, comparisons)
    /// Look up hyphenation points only for paragraphs where a hyphen could be chosen (same
    /// lines either way; false is for tests that check exactly that).
    bool defer_hyphenation = true;
    friend bool operator==(const ParagraphStyle&, const ParagraphStyle&) = default;  // every field
};

/// Breaks and shapes a paragraph. `hyphenator` may be null (no hyphenation). Characters no
/// face has are drawn as U+FFFD (or '?') and reported as warnings (kind "font") into `diags`
/// when given. Never throws for any text; an empty input gives no lines.
std::vector<Line> typeset_paragraph(const std::vector<Span>& spans, const ParagraphStyle& style, const FontSet& fonts,
                                    Hyphenator* hyphenator, core::DiagSink* diags = nullptr);

/// UTF-8 ⇄ UTF-32 for layout callers: the one codec of core/utf8.hpp (invalid input becomes U+FFFD).
using core::to_u32;
using core::to_utf8;

}  // namespace kansli::layout
