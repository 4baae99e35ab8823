// Spans → atoms (one per character, resolved to a face and measured) → prefix widths.
#include "layout/atoms.hpp"

namespace kansli::layout {

// The per-character helpers are `inline` (used only in this file) and come first: GCC then
// inlines them into the loops of the constructor and measure(), as it did when they were members
// of a class in an anonymous namespace (5 % fewer instructions in bench_linebreak).

core::Length AtomList::hyphen_width(const Atom& before) const {
    const Span& sp = m_spans[before.span];
    const Resolved r = m_fonts.resolve(U'-', sp.style);
    return m_fonts.face(r.font).scale(m_fonts.face(r.font).glyph_advance(r.glyph), sp.size);
}

inline void AtomList::add(char32_t raw, std::uint16_t s) {
    const AtomKind kind = classify(raw);
    const Span& sp = m_spans[s];
    Atom a;
    a.span = s;
    a.kind = kind;
    if (kind == AtomKind::Space) {
        if (m_atoms.empty() || m_atoms.back().kind == AtomKind::Space || m_atoms.back().kind == AtomKind::Newline) {
            return;  // collapse runs of spaces; no space at a line start
        }
        raw = U' ';
    }
    if (kind == AtomKind::Newline) trim_trailing();
    if (kind == AtomKind::Char || kind == AtomKind::Space) {
        const Resolved r = m_fonts.resolve(raw, sp.style);
        if (r.replaced) m_warnings.note(raw, sp.loc);
        a.cp = r.cp;
        a.font = r.font;
        const FontMetrics& f = m_fonts.face(r.font);
        a.advance = f.scale(f.glyph_advance(r.glyph), sp.size);
        m_glyphs.push_back(r.glyph);
    } else {
        a.cp = raw;
        a.font = m_fonts.primary(sp.style);
        m_glyphs.push_back(0);
    }
    m_atoms.push_back(a);
}

inline void AtomList::trim_trailing() {
    while (!m_atoms.empty() && m_atoms.back().kind == AtomKind::Space) {
        m_atoms.pop_back();
        m_glyphs.pop_back();
    }
}

// Kerning between atoms i and i + 1: only between drawn characters of one face and size.
inline core::Length AtomList::kerning(std::size_t i) const {
    const Atom& a = m_atoms[i];
    const Atom& b = m_atoms[i + 1];
    if (a.font != b.font || (a.kind != AtomKind::Char && a.kind != AtomKind::Space) ||
        (b.kind != AtomKind::Char && b.kind != AtomKind::Space) || m_spans[a.span].size != m_spans[b.span].size) {
        return 0;
    }
    const FontMetrics& f = m_fonts.face(a.font);
    const int units = f.glyph_kerning(m_glyphs[i], m_glyphs[i + 1]);
    return units == 0 ? 0 : f.scale(units, m_spans[a.span].size);
}

AtomList::AtomList(const std::vector<Span>& spans, const FontSet& fonts, core::DiagSink* diags)
    : m_spans(spans), m_fonts(fonts), m_warnings(diags) {
    for (std::size_t s = 0; s < m_spans.size() && s < 0xFFFF; ++s) {
        for (const char32_t raw : m_spans[s].text) add(raw, static_cast<std::uint16_t>(s));
    }
    trim_trailing();
    while (!m_atoms.empty() && m_atoms.back().kind == AtomKind::Newline) {
        m_atoms.pop_back();  // a line break at the very end of a paragraph adds nothing
        m_glyphs.pop_back();
        trim_trailing();
    }
}

void AtomList::measure(bool justify) {
    const std::size_t n = m_atoms.size();
    m_w.width.assign(n + 1, 0);
    m_w.stretch.assign(n + 1, 0);
    m_w.shrink.assign(n + 1, 0);
    m_w.kern_after.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const Atom& a = m_atoms[i];
        if (i + 1 < n) m_w.kern_after[i] = kerning(i);
        m_w.width[i + 1] = m_w.width[i] + a.advance + m_w.kern_after[i];
        const bool space = a.kind == AtomKind::Space && justify;
        m_w.stretch[i + 1] = m_w.stretch[i] + (space ? a.advance / 2 : 0);
        m_w.shrink[i + 1] = m_w.shrink[i] + (space ? a.advance / 3 : 0);
    }
}

}  // namespace kansli::layout
