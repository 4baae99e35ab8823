// Atoms → candidate breakpoints for break_optimal / break_greedy.
#include "layout/breakpoints.hpp"

#include <algorithm>

namespace kansli::layout {

namespace {
bool is_letter(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}
}  // namespace

// The helpers are `inline` (used only in this file) so that GCC inlines them into find() as it
// did when they were members of a class in an anonymous namespace.

inline void BreakpointFinder::add_point(std::size_t end, std::size_t next, core::Length extra, bool flagged,
                                        bool inserts, int penalty, bool emergency) {
    Breakpoint b;
    b.end = static_cast<std::uint32_t>(end);
    b.next = static_cast<std::uint32_t>(next);
    b.extra = extra;
    b.penalty = penalty;
    b.hyphen = flagged;
    b.emergency = emergency;
    push(b, inserts);
}

inline void BreakpointFinder::push(const Breakpoint& b, bool inserts) {
    if (!m_points.empty() && m_points.back().end == b.end && !b.forced) return;  // one candidate per place
    m_points.push_back(b);
    m_inserts_hyphen.push_back(inserts);
}

// Whether the dictionary may hyphenate the word atoms [i, j): not in links, no-hyphenate spans,
// numbers, addresses or paths.
inline bool BreakpointFinder::hyphenatable(std::size_t i, std::size_t j) const {
    for (std::size_t k = i; k < j; ++k) {
        const char32_t c = m_atoms[k].cp;
        const Span& sp = m_list.span_of(m_atoms[k]);
        if (sp.no_hyphenate || !sp.link.empty() || m_atoms[k].kind != AtomKind::Char) return false;
        if (c == U'@' || c == U'/' || c == U':' || c == U'\\' || c == U'_' || (c >= U'0' && c <= U'9')) return false;
    }
    return true;
}

// Breakpoints inside the word atoms [i, j).
inline void BreakpointFinder::word_breaks(std::size_t i, std::size_t j, Hyphenator* hyph, const BreakParams& p) {
    const bool patterns = hyph != nullptr && m_hyphenate && hyphenatable(i, j);
    std::size_t k = i;
    while (k < j) {
        const Atom& a = m_atoms[k];
        if (a.kind == AtomKind::SoftHyphen && k > i && k + 1 < j) {
            add_point(k, k + 1, m_list.hyphen_width(m_atoms[k - 1]), true, true, p.hyphen_penalty);
        } else if (a.kind == AtomKind::ZeroWidthBreak) {
            add_point(k, k + 1, 0, false, false);
        } else if ((a.cp == U'-' || a.cp == 0x2013) && k > i && k + 1 < j && is_letter(m_atoms[k - 1].cp) &&
                   is_letter(m_atoms[k + 1].cp)) {
            add_point(k + 1, k + 1, 0, true, false, p.hyphen_penalty);  // after an explicit hyphen
        } else if (patterns && is_letter(a.cp)) {
            std::size_t e = k;
            while (e < j && is_letter(m_atoms[e].cp) && m_atoms[e].kind == AtomKind::Char) ++e;
            if (e - k >= static_cast<std::size_t>(Hyphenator::kMinWord) && !m_patterns) {
                m_deferred = true;
            } else if (e - k >= static_cast<std::size_t>(Hyphenator::kMinWord)) {
                m_word.clear();
                for (std::size_t q = k; q < e; ++q) m_word += m_atoms[q].cp;
                for (const HyphenPoint& hp : hyph->points(m_word)) {
                    add_point(k + hp.index, k + hp.index, m_list.hyphen_width(m_atoms[k + hp.index - 1]), true, true,
                              p.hyphen_penalty * hp.cost / 100);
                }
            }
            k = e;
            continue;
        }
        ++k;
    }
    // A word wider than the narrowest line may be broken between any two characters.
    const AtomWidths& w = m_list.widths();
    if (w.width[j] - w.width[i] > std::min(p.width, p.first_width) && j - i >= 2) emergency_breaks(i, j, p);
}

// Letter breaks in the word atoms [i, j), wider than the narrowest line, at a high penalty, so
// that no line is ever overfull.
inline void BreakpointFinder::emergency_breaks(std::size_t i, std::size_t j, const BreakParams& p) {
    // Points found above for this word are kept; letter breaks go where there is none.
    std::size_t q0 = m_points.size();
    while (q0 > 0 && m_points[q0 - 1].end > i) --q0;
    std::vector<Breakpoint> merged;
    std::vector<bool> merged_ins;
    std::size_t q = q0;
    for (std::size_t k = i + 1; k < j; ++k) {
        for (; q < m_points.size() && m_points[q].end < k; ++q) {
            merged.push_back(m_points[q]);
            merged_ins.push_back(m_inserts_hyphen[q]);
        }
        if (q < m_points.size() && m_points[q].end == k) continue;
        if (m_atoms[k].kind != AtomKind::Char || m_atoms[k - 1].kind != AtomKind::Char) continue;
        Breakpoint b;
        b.end = b.next = static_cast<std::uint32_t>(k);
        b.emergency = true;
        // Prefer the joints of URLs and file names: after / . - _ ? & = #
        const char32_t before = m_atoms[k - 1].cp;
        const bool joint = before == U'/' || before == U'.' || before == U'-' || before == U'_' || before == U'?' ||
                           before == U'&' || before == U'=' || before == U'#';
        b.penalty = joint ? p.emergency_penalty / 2 : p.emergency_penalty;
        merged.push_back(b);
        merged_ins.push_back(false);
    }
    for (; q < m_points.size(); ++q) {
        merged.push_back(m_points[q]);
        merged_ins.push_back(m_inserts_hyphen[q]);
    }
    m_points.resize(q0);
    m_inserts_hyphen.resize(q0);
    m_points.insert(m_points.end(), merged.begin(), merged.end());
    m_inserts_hyphen.insert(m_inserts_hyphen.end(), merged_ins.begin(), merged_ins.end());
}

void BreakpointFinder::find(Hyphenator* hyph, const BreakParams& p, bool patterns) {
    m_points.clear();
    m_inserts_hyphen.clear();
    m_deferred = false;
    m_patterns = patterns;
    const std::size_t n = m_atoms.size();
    std::size_t i = 0;
    while (i < n) {
        const AtomKind k = m_atoms[i].kind;
        if (k == AtomKind::Space) {
            std::size_t j = i;
            while (j < n && m_atoms[j].kind == AtomKind::Space) ++j;
            add_point(i, j, 0, false, false);
            i = j;
        } else if (k == AtomKind::Newline) {
            Breakpoint b;
            b.end = static_cast<std::uint32_t>(i);
            b.next = static_cast<std::uint32_t>(i + 1);
            b.forced = true;
            push(b, false);
            ++i;
        } else {
            std::size_t j = i;
            while (j < n && (m_atoms[j].kind == AtomKind::Char || m_atoms[j].kind == AtomKind::SoftHyphen ||
                             m_atoms[j].kind == AtomKind::ZeroWidthBreak)) {
                ++j;
            }
            word_breaks(i, j, hyph, p);
            i = j;
        }
    }
    Breakpoint last;
    last.end = last.next = static_cast<std::uint32_t>(n);
    last.forced = true;
    push(last, false);
}

}  // namespace kansli::layout
