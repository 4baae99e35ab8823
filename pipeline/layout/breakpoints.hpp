// Candidate breakpoints of a paragraph's atoms: spaces, hyphenation points, explicit hyphens,
// soft hyphens, zero-width breaks, forced breaks, and letter breaks of over-wide words as a last
// resort. Part of the paragraph engine behind typeset_paragraph (text.cpp).
#pragma once

#include "layout/atoms.hpp"
#include "layout/hyphenate.hpp"
#include "layout/linebreak.hpp"

#include <span>
#include <string>
#include <vector>

namespace kansli::layout {

/// Finds the breakpoints of one AtomList (which must outlive it); find() may run again with
/// other parameters and reuses its buffers.
class BreakpointFinder final {
public:
    /// `hyphenate` false: no hyphenation pattern points at all (ParagraphStyle::hyphenate).
    BreakpointFinder(const AtomList& atoms, bool hyphenate)
        : m_list(atoms), m_atoms(atoms.atoms()), m_hyphenate(hyphenate) {}

    /// Replaces points() with the candidates for `p` (widths: the AtomList's, already measured).
    /// `hyph` may be null (no pattern points). With `patterns` false, words the dictionary could
    /// hyphenate get no pattern points, and deferred_patterns() tells whether any word had them.
    /// The last point is always the forced break at the end. Never throws (but a Hyphenator's).
    void find(Hyphenator* hyph, const BreakParams& p, bool patterns);

    [[nodiscard]] const std::vector<Breakpoint>& points() const { return m_points; }
    /// True when breaking at points()[i] draws a hyphen at the end of the line.
    [[nodiscard]] bool inserts_hyphen(std::size_t i) const { return m_inserts_hyphen[i]; }
    /// True when the last find() left out the pattern points of at least one word.
    [[nodiscard]] bool deferred_patterns() const { return m_deferred; }

private:
    void add_point(std::size_t end, std::size_t next, core::Length extra, bool flagged, bool inserts, int penalty = 0,
                   bool emergency = false);
    void push(const Breakpoint& b, bool inserts);
    [[nodiscard]] bool hyphenatable(std::size_t i, std::size_t j) const;
    void word_breaks(std::size_t i, std::size_t j, Hyphenator* hyph, const BreakParams& p);
    void emergency_breaks(std::size_t i, std::size_t j, const BreakParams& p);

    const AtomList& m_list;
    std::span<const Atom> m_atoms;  // m_list's atoms, one indirection closer (the hot loops)
    bool m_hyphenate = true;
    std::vector<Breakpoint> m_points;
    std::vector<bool> m_inserts_hyphen;  // parallel to m_points
    std::u32string m_word;
    bool m_patterns = true;   // find asks the hyphenator
    bool m_deferred = false;  // ... and would have, for some word, had m_patterns been true
};

}  // namespace kansli::layout
