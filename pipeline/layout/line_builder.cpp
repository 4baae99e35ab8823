// One broken line of atoms → a Line of TextRuns.
#include "layout/line_builder.hpp"

#include <algorithm>
#include <cstdlib>

namespace kansli::layout {

// The helpers are `inline` (used only in this file) so that GCC inlines them into make().

inline TextRun& LineBuilder::start_run(Line& line, core::Length x, FontId font, const Span& sp, std::uint16_t span) {
    TextRun r;
    r.x = x;
    r.font = font;
    r.size = sp.size;
    r.color = sp.color;
    line.runs.push_back(std::move(r));
    m_run_span = span;
    m_run_spans.push_back(span);
    return line.runs.back();
}

// Line metrics (the largest ascender and descender of its runs' faces), link areas (one per
// stretch of runs with the same URI), and the width of the content.
inline void LineBuilder::finish_line(Line& line, core::Length x0, std::size_t start) const {
    const FontSet& fonts = m_atoms.fonts();
    const std::vector<Span>& spans = m_atoms.spans();
    core::Length end = x0;
    for (std::size_t r = 0; r < line.runs.size(); ++r) {
        const TextRun& run = line.runs[r];
        const FontMetrics& f = fonts.face(run.font);
        line.ascent = std::max(line.ascent, f.scale(f.ascender(), run.size));
        line.descent = std::max(line.descent, f.scale(-f.descender(), run.size));
        end = run.x + run.width;
        const std::string& uri = spans[m_run_spans[r]].link;
        if (uri.empty()) continue;
        const core::Length asc = f.scale(f.ascender(), run.size), desc = f.scale(-f.descender(), run.size);
        if (!line.links.empty() && line.links.back().uri == uri && line.links.back().x + line.links.back().w == run.x) {
            line.links.back().w += run.width;
            line.links.back().y = std::min(line.links.back().y, -desc);
            line.links.back().h = std::max(line.links.back().h, asc + desc);
        } else {
            line.links.push_back(Link{run.x, -desc, run.width, asc + desc, uri});
        }
    }
    if (line.runs.empty()) {  // an empty line (two forced breaks): metrics of its span
        const std::size_t s = start < m_atoms.size() ? m_atoms[start].span : spans.size() - 1;
        const Span& sp = spans[s];
        const FontMetrics& f = fonts.face(fonts.primary(sp.style));
        line.ascent = f.scale(f.ascender(), sp.size);
        line.descent = f.scale(-f.descender(), sp.size);
    }
    line.width = end - x0;
}

Line LineBuilder::make(const Breakpoint* from, std::size_t to_index, bool first) {
    const Breakpoint& to = m_breaks.points()[to_index];
    const AtomWidths& w = m_atoms.widths();
    const FontSet& fonts = m_atoms.fonts();
    const std::vector<Span>& spans = m_atoms.spans();
    const std::size_t start = from == nullptr ? 0 : from->next;
    const core::Length indent = first ? m_style.first_line_indent : 0;
    const core::Length measure = m_style.width - indent;
    const core::Length natural = line_width(w, from, to);
    core::Length x = indent;
    core::Length stretch_total = 0;  // justification to distribute over the spaces
    std::size_t spaces = 0;
    if (m_style.align == Alignment::Center) x += (measure - natural) / 2;
    if (m_style.align == Alignment::Right) x += measure - natural;
    // Justify: spread the slack over the spaces; a last line is only shrunk, when it needs to.
    if (m_style.align == Alignment::Justify && (!to.forced || natural > measure)) {
        for (std::size_t k = start; k < to.end; ++k) spaces += m_atoms[k].kind == AtomKind::Space ? 1 : 0;
        if (spaces > 0) stretch_total = measure - natural;
    }
    Line line;
    line.emergency = to.emergency;
    m_run_spans.clear();
    const core::Length x0 = x;
    std::size_t space_no = 0;
    TextRun* run = nullptr;
    for (std::size_t k = start; k < to.end; ++k) {
        const Atom& a = m_atoms[k];
        if (a.kind != AtomKind::Char && a.kind != AtomKind::Space) continue;
        const Span& sp = spans[a.span];
        if (run == nullptr || run->font != a.font || run->size != sp.size || !(run->color == sp.color) ||
            spans[m_run_span].link != sp.link) {
            x += run == nullptr ? 0 : run->width;
            run = &start_run(line, x, a.font, sp, a.span);
        }
        core::Length kern = k + 1 < to.end ? w.kern_after[k] : 0;
        if (a.kind == AtomKind::Space && stretch_total != 0) {
            // Integer share of the slack; the first (slack mod spaces) spaces get one more unit.
            const auto share = static_cast<core::Length>(stretch_total / static_cast<core::Length>(spaces));
            const auto rest = static_cast<std::size_t>(std::abs(stretch_total % static_cast<core::Length>(spaces)));
            kern += share + (space_no < rest ? (stretch_total > 0 ? 1 : -1) : 0);
            ++space_no;
        }
        run->text += a.kind == AtomKind::Space ? U' ' : a.cp;
        run->kern.push_back(kern);
        run->width += a.advance + kern;
    }
    if (m_breaks.inserts_hyphen(to_index) && to.end > 0) {
        const Atom& last = m_atoms[to.end - 1];
        const Span& sp = spans[last.span];
        const Resolved r = fonts.resolve(U'-', sp.style);
        if (run == nullptr || run->font != r.font || m_run_span != last.span) {
            x += run == nullptr ? 0 : run->width;
            run = &start_run(line, x, r.font, sp, last.span);
        }
        run->text += r.cp;
        run->kern.push_back(0);
        run->width += fonts.face(r.font).scale(fonts.face(r.font).glyph_advance(r.glyph), sp.size);
        run->hyphen_added = true;
        line.hyphenated = true;
    }
    if (!line.runs.empty() && !line.runs.back().hyphen_added && to.end < m_atoms.size()) {
        const AtomKind k = m_atoms[to.end].kind;
        line.runs.back().joins_next = k != AtomKind::Space && k != AtomKind::Newline;
    }
    finish_line(line, x0, start);
    return line;
}

}  // namespace kansli::layout
