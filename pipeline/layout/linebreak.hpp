// Line breaking over measured "atoms" (characters or clusters) and candidate breakpoints:
// Knuth–Plass total fit (tuned for ragged right by default) and a greedy first fit for
// comparison. Knows nothing of fonts or text; text.hpp builds the input.
#pragma once

#include "core/units.hpp"

#include <cstdint>
#include <vector>

namespace kansli::layout {

enum class Alignment : std::uint8_t { Unknown = 0, Left, Center, Right, Justify };

/// A place where a line may end.
struct Breakpoint {
    std::uint32_t end = 0;   ///< the line's content is atoms [start, end)
    std::uint32_t next = 0;  ///< the next line starts at atom `next` (>= end; skips spaces)
    core::Length extra = 0;  ///< width added at the end of the line (an inserted hyphen)
    int penalty = 0;         ///< TeX-style penalty; forced breaks ignore it
    bool hyphen = false;     ///< flagged: consecutive flagged lines cost double_hyphen_demerits
    bool forced = false;     ///< a mandatory break (line separator, end of paragraph)
    bool emergency = false;  ///< a letter break inside a word too wide for any line
};

/// Widths of the atoms as prefix sums: width[i] = advance of atoms [0, i) including the kerning
/// between consecutive atoms; kern_after[i] is the kerning between atom i and i+1 (already in
/// width[i+2]), removed when a line ends after atom i. stretch/shrink are prefix sums of the
/// justification allowances (non-zero only on interword spaces).
struct AtomWidths {
    std::vector<core::Length> width;       ///< n + 1 entries
    std::vector<core::Length> stretch;     ///< n + 1 entries
    std::vector<core::Length> shrink;      ///< n + 1 entries
    std::vector<core::Length> kern_after;  ///< n entries
};

/// Cost parameters. Named after TeX's where they mean the same; see linebreak.cpp for values
/// and where we deviate.
struct BreakParams {
    Alignment align = Alignment::Left;
    core::Length width = 0;           ///< measure of every line but the first
    core::Length first_width = 0;     ///< measure of the first line (width - indent)
    core::Length ragged_stretch = 0;  ///< ragged modes: slack that costs badness 100
    int line_penalty = 10;
    int hyphen_penalty = 200;  ///< scaled per point by HyphenPoint::cost / 100
    int double_hyphen_demerits = 10000;
    int adj_demerits = 5000;         ///< Justify: fitness classes more than one apart
    int emergency_penalty = 5000;    ///< letter break of an over-wide word (the caller puts it in Breakpoint::penalty)
    int short_last_demerits = 4000;  ///< a last line shorter than short_last_fraction of width
    int short_last_fraction = 8;     ///< in percent of the measure
};

/// The chosen breakpoints (indices into the candidate list, ascending, the last one the final
/// forced break) and their total demerits.
struct BreakResult {
    std::vector<std::uint32_t> breaks;
    double demerits = 0;
};

/// Natural width of the line from the break `from` (or the paragraph start when null) to `to`.
core::Length line_width(const AtomWidths& w, const Breakpoint* from, const Breakpoint& to);

/// Knuth–Plass total fit. `points` must be ascending by end and finish with a forced break at
/// the last atom. Never produces an overfull line when any choice avoids it; when none does
/// (an atom wider than the measure), that line is overfull and marked by its breakpoint alone.
/// Runs in O(points × candidates per line).
BreakResult break_optimal(const AtomWidths& w, const std::vector<Breakpoint>& points, const BreakParams& p);

/// First fit: each line takes as much as fits. For comparison and benchmarks.
BreakResult break_greedy(const AtomWidths& w, const std::vector<Breakpoint>& points, const BreakParams& p);

/// Total demerits of a given break sequence (indices into points, ascending, ending with the
/// last point) under the cost model of break_optimal, which therefore never exceeds it.
double demerits_of(const AtomWidths& w, const std::vector<Breakpoint>& points, const BreakParams& p,
                   const std::vector<std::uint32_t>& breaks);

/// Quality measure for comparisons: sum over lines except those ending in a forced break of
/// (slack in points)^2.
double sum_squared_slack(const AtomWidths& w, const std::vector<Breakpoint>& points, const BreakParams& p,
                         const BreakResult& r);

}  // namespace kansli::layout
