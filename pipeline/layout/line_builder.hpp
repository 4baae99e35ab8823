// Broken lines → Lines of TextRuns: runs split at face, size, colour and link changes, kerning
// and justification in TextRun::kern, alignment, an inserted hyphen, line metrics and link
// areas. Part of the paragraph engine behind typeset_paragraph (text.cpp).
#pragma once

#include "layout/atoms.hpp"
#include "layout/breakpoints.hpp"
#include "layout/text.hpp"

#include <cstdint>
#include <vector>

namespace kansli::layout {

/// Builds the lines of one paragraph. `atoms` (measured) and `breaks` must outlive it.
class LineBuilder final {
public:
    LineBuilder(const AtomList& atoms, const BreakpointFinder& breaks, const ParagraphStyle& style)
        : m_atoms(atoms), m_breaks(breaks), m_style(style) {}

    /// The line from breakpoint `from` (null: the start of the paragraph) to
    /// breaks.points()[to_index]; `first` applies the first-line indent. x is relative to the left
    /// edge of the measure, y = 0 is the baseline. Never throws (but a FontSet's core::Error).
    [[nodiscard]] Line make(const Breakpoint* from, std::size_t to_index, bool first);

private:
    TextRun& start_run(Line& line, core::Length x, FontId font, const Span& sp, std::uint16_t span);
    void finish_line(Line& line, core::Length x0, std::size_t start) const;

    const AtomList& m_atoms;
    const BreakpointFinder& m_breaks;
    const ParagraphStyle& m_style;
    std::uint16_t m_run_span = 0;            // span of the run being filled
    std::vector<std::uint16_t> m_run_spans;  // span of each run of the line being built
};

}  // namespace kansli::layout
