// The paragraph API: spans → atoms (atoms.hpp: one per character, resolved to a face and
// measured) → candidate breakpoints (breakpoints.hpp) → break_optimal (linebreak.hpp) → lines of
// TextRuns (line_builder.hpp). Shaping a single line is shape.hpp.
#include "layout/text.hpp"

#include "layout/atoms.hpp"
#include "layout/breakpoints.hpp"
#include "layout/line_builder.hpp"
#include "layout/typeset_memo.hpp"

#include <algorithm>

namespace kansli::layout {

namespace {
// Ragged right: a line whose slack is this many em (of the paragraph's first span), or this
// fraction of the measure if larger, has badness 100. Knuth & Plass use 3 em in their
// ragged-right example (a narrow column); on a 160 mm measure 3 em made the engine hyphenate just
// to even out lines, which the originals never do.
constexpr int kRaggedStretchEm = 3;
constexpr core::Length kRaggedStretchFraction = 6;
constexpr int kRaggedHyphenPenalty = 500;
constexpr int kJustifyHyphenPenalty = 100;

/// True when adding the hyphenation pattern points to `points` cannot change break_optimal's
/// result `r` (found without them). Every term of the demerits is non-negative with the
/// parameters typeset_paragraph uses, so a break sequence using a pattern point costs at least
/// that point's penalty squared, and no pattern penalty is below hyphen_penalty x
/// Hyphenator::kMinCost / 100. If `r` is cheaper than that and uses no emergency letter break
/// (those exist only where a pattern point is missing), it stays the optimum, and since the
/// dynamic program visits the remaining candidates in the same order and keeps the first of
/// equal minima, break_optimal with the pattern points returns the very same breaks.
bool hyphenation_cannot_help(const BreakResult& r, const std::vector<Breakpoint>& points, const BreakParams& p) {
    const double min_penalty = static_cast<double>(p.hyphen_penalty * Hyphenator::kMinCost / 100);
    if (min_penalty <= 0 || !(r.demerits < min_penalty * min_penalty)) return false;
    return std::none_of(r.breaks.begin(), r.breaks.end(), [&](std::uint32_t b) { return points[b].emergency; });
}

}  // namespace

namespace {

std::vector<Line> typeset_uncached(const std::vector<Span>& spans, const ParagraphStyle& style, const FontSet& fonts,
                                   Hyphenator* hyphenator, core::DiagSink* diags) {
    std::vector<Line> lines;
    AtomList atoms(spans, fonts, diags);
    if (atoms.empty()) return lines;
    BreakParams p;
    p.align = style.align == Alignment::Unknown ? Alignment::Left : style.align;
    p.width = std::max<core::Length>(style.width, 0);
    p.first_width = std::max<core::Length>(style.width - style.first_line_indent, 0);
    // Ragged right wants few hyphens (the originals have almost none): a hyphen must save a gap
    // of about 1.7 x ragged_stretch to be worth it. Justified text needs them more (TeX: 50).
    p.hyphen_penalty = p.align == Alignment::Justify ? kJustifyHyphenPenalty : kRaggedHyphenPenalty;
    const core::Length em = spans.empty() ? core::pt(10) : spans.front().size;
    p.ragged_stretch = std::max<core::Length>({1, kRaggedStretchEm * em, p.width / kRaggedStretchFraction});
    atoms.measure(p.align == Alignment::Justify);
    // Hyphenation patterns are looked up only when they can change the result (most paragraphs
    // are short or break well without; the dictionary then need not even be loaded): first break
    // without pattern points, then with them only if a hyphen could be cheaper. Exact: see
    // hyphenation_cannot_help.
    const bool defer = style.optimal && style.defer_hyphenation && hyphenator != nullptr && style.hyphenate;
    BreakpointFinder breaks(atoms, style.hyphenate);
    breaks.find(hyphenator, p, !defer);
    BreakResult r = style.optimal ? break_optimal(atoms.widths(), breaks.points(), p)
                                  : break_greedy(atoms.widths(), breaks.points(), p);
    if (defer && breaks.deferred_patterns() && !hyphenation_cannot_help(r, breaks.points(), p)) {
        breaks.find(hyphenator, p, true);
        r = break_optimal(atoms.widths(), breaks.points(), p);
    }
    LineBuilder builder(atoms, breaks, style);
    const Breakpoint* from = nullptr;
    for (const std::uint32_t b : r.breaks) {
        lines.push_back(builder.make(from, b, from == nullptr));
        from = &breaks.points()[b];
    }
    return lines;
}

}  // namespace

std::vector<Line> typeset_paragraph(const std::vector<Span>& spans, const ParagraphStyle& style, const FontSet& fonts,
                                    Hyphenator* hyphenator, core::DiagSink* diags) {
    // A caller that wants no diagnostics may be given the lines of an earlier equal paragraph.
    if (diags == nullptr) {
        if (auto kept = fonts.typeset_memo().find(spans, style, hyphenator)) return std::move(*kept);
    }
    std::vector<Line> lines = typeset_uncached(spans, style, fonts, hyphenator, diags);
    fonts.typeset_memo().keep(spans, style, hyphenator, lines);
    return lines;
}

}  // namespace kansli::layout
