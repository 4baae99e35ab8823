// Spans → atoms (one per character, resolved to a face and measured) → candidate breakpoints
// (spaces, hyphenation points, explicit hyphens, soft hyphens, forced breaks, and letter breaks
// of over-wide words as a last resort) → break_optimal → lines of TextRuns.
#include "layout/text.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <cstdio>

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

enum class AtomKind : std::uint8_t { Unknown = 0, Char, Space, Newline, SoftHyphen, ZeroWidthBreak };

struct Atom {
    char32_t cp = 0;
    core::Length advance = 0;
    FontId font = 0;
    std::uint16_t span = 0;
    AtomKind kind = AtomKind::Unknown;
};

bool is_letter(char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

AtomKind classify(char32_t c) {
    if (c == U'\n' || c == 0x2028 || c == 0x2029) return AtomKind::Newline;
    if (c == U' ' || c == U'\t' || c == U'\r' || (c < 0x20) || (c >= 0x7F && c < 0xA0)) return AtomKind::Space;
    if (c == 0xAD) return AtomKind::SoftHyphen;
    if (c == 0x200B) return AtomKind::ZeroWidthBreak;
    return AtomKind::Char;
}

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

/// Everything about one paragraph while it is being broken.
class Paragraph {
public:
    Paragraph(const std::vector<Span>& spans, const FontSet& fonts, core::DiagSink* diags)
        : m_spans(spans), m_fonts(fonts), m_diags(diags) {}

    void collect() {
        for (std::size_t s = 0; s < m_spans.size() && s < 0xFFFF; ++s) {
            for (const char32_t raw : m_spans[s].text) add_atom(raw, static_cast<std::uint16_t>(s));
        }
        trim_trailing();
        while (!m_atoms.empty() && m_atoms.back().kind == AtomKind::Newline) {
            m_atoms.pop_back();  // a line break at the very end of a paragraph adds nothing
            trim_trailing();
        }
    }

    void measure(bool justify) {
        const std::size_t n = m_atoms.size();
        m_w.width.assign(n + 1, 0);
        m_w.stretch.assign(n + 1, 0);
        m_w.shrink.assign(n + 1, 0);
        m_w.kern_after.assign(n, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const Atom& a = m_atoms[i];
            if (i + 1 < n) m_w.kern_after[i] = kerning(a, m_atoms[i + 1]);
            m_w.width[i + 1] = m_w.width[i] + a.advance + m_w.kern_after[i];
            const bool space = a.kind == AtomKind::Space && justify;
            m_w.stretch[i + 1] = m_w.stretch[i] + (space ? a.advance / 2 : 0);
            m_w.shrink[i + 1] = m_w.shrink[i] + (space ? a.advance / 3 : 0);
        }
    }

    /// Candidate breakpoints. With `patterns` false, words the dictionary could hyphenate get no
    /// pattern points (only noted in deferred_patterns()); see typeset_paragraph.
    void find_breaks(Hyphenator* hyph, const BreakParams& p, bool patterns) {
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

    [[nodiscard]] const AtomWidths& widths() const { return m_w; }
    /// True when the last find_breaks left out the pattern points of at least one word.
    [[nodiscard]] bool deferred_patterns() const { return m_deferred; }
    [[nodiscard]] const std::vector<Breakpoint>& points() const { return m_points; }
    [[nodiscard]] bool empty() const { return m_atoms.empty(); }

    Line make_line(const Breakpoint* from, std::size_t to_index, const ParagraphStyle& style, bool first) {
        const Breakpoint& to = m_points[to_index];
        const std::size_t start = from == nullptr ? 0 : from->next;
        const core::Length indent = first ? style.first_line_indent : 0;
        const core::Length measure = style.width - indent;
        const core::Length natural = line_width(m_w, from, to);
        core::Length x = indent;
        core::Length stretch_total = 0;  // justification to distribute over the spaces
        std::size_t spaces = 0;
        if (style.align == Alignment::Center) x += (measure - natural) / 2;
        if (style.align == Alignment::Right) x += measure - natural;
        // Justify: spread the slack over the spaces; a last line is only shrunk, when it needs to.
        if (style.align == Alignment::Justify && (!to.forced || natural > measure)) {
            for (std::size_t k = start; k < to.end; ++k) spaces += m_atoms[k].kind == AtomKind::Space ? 1 : 0;
            if (spaces > 0) stretch_total = measure - natural;
        }
        Line line;
        line.emergency = to.emergency;
        const core::Length x0 = x;
        std::size_t space_no = 0;
        TextRun* run = nullptr;
        for (std::size_t k = start; k < to.end; ++k) {
            const Atom& a = m_atoms[k];
            if (a.kind != AtomKind::Char && a.kind != AtomKind::Space) continue;
            const Span& sp = m_spans[a.span];
            if (run == nullptr || run->font != a.font || run->size != sp.size || !(run->color == sp.color) ||
                m_spans[m_run_span].link != sp.link) {
                x += run == nullptr ? 0 : run->width;
                run = &start_run(line, x, a.font, sp, a.span);
            }
            core::Length kern = k + 1 < to.end ? m_w.kern_after[k] : 0;
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
        if (m_inserts_hyphen[to_index] && to.end > 0) {
            const Atom& last = m_atoms[to.end - 1];
            const Span& sp = m_spans[last.span];
            const Resolved r = m_fonts.resolve(U'-', sp.style);
            if (run == nullptr || run->font != r.font || m_run_span != last.span) {
                x += run == nullptr ? 0 : run->width;
                run = &start_run(line, x, r.font, sp, last.span);
            }
            run->text += r.cp;
            run->kern.push_back(0);
            run->width += m_fonts.face(r.font).scale(m_fonts.face(r.font).glyph_advance(r.glyph), sp.size);
            run->hyphen_added = true;
            line.hyphenated = true;
        }
        finish_line(line, x0, start);
        return line;
    }

private:
    void add_atom(char32_t raw, std::uint16_t s) {
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
            if (r.replaced) warn_missing(raw, sp);
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

    void trim_trailing() {
        while (!m_atoms.empty() && m_atoms.back().kind == AtomKind::Space) {
            m_atoms.pop_back();
            m_glyphs.pop_back();
        }
    }

    void warn_missing(char32_t cp, const Span& sp) {
        if (m_diags == nullptr || std::find(m_warned.begin(), m_warned.end(), cp) != m_warned.end()) return;
        m_warned.push_back(cp);
        char hex[16];
        std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
        m_diags->warning("font", sp.loc, std::string("no font has the character ") + hex + "; drawn as a replacement character",
                         "use a character that Liberation Sans or DejaVu Sans can show");
    }

    core::Length kerning(const Atom& a, const Atom& b) const {
        if (a.font != b.font || (a.kind != AtomKind::Char && a.kind != AtomKind::Space) ||
            (b.kind != AtomKind::Char && b.kind != AtomKind::Space) || m_spans[a.span].size != m_spans[b.span].size) {
            return 0;
        }
        const std::size_t ia = static_cast<std::size_t>(&a - m_atoms.data());
        const FontMetrics& f = m_fonts.face(a.font);
        const int units = f.glyph_kerning(m_glyphs[ia], m_glyphs[ia + 1]);
        return units == 0 ? 0 : f.scale(units, m_spans[a.span].size);
    }

    void add_point(std::size_t end, std::size_t next, core::Length extra, bool flagged, bool inserts, int penalty = 0,
                   bool emergency = false) {
        Breakpoint b;
        b.end = static_cast<std::uint32_t>(end);
        b.next = static_cast<std::uint32_t>(next);
        b.extra = extra;
        b.penalty = penalty;
        b.hyphen = flagged;
        b.emergency = emergency;
        push(b, inserts);
    }

    void push(const Breakpoint& b, bool inserts) {
        if (!m_points.empty() && m_points.back().end == b.end && !b.forced) return;  // one candidate per place
        m_points.push_back(b);
        m_inserts_hyphen.push_back(inserts);
    }

    core::Length hyphen_width(const Atom& before) const {
        const Span& sp = m_spans[before.span];
        const Resolved r = m_fonts.resolve(U'-', sp.style);
        return m_fonts.face(r.font).scale(m_fonts.face(r.font).glyph_advance(r.glyph), sp.size);
    }

    bool hyphenatable(std::size_t i, std::size_t j) const {
        for (std::size_t k = i; k < j; ++k) {
            const char32_t c = m_atoms[k].cp;
            const Span& sp = m_spans[m_atoms[k].span];
            if (sp.no_hyphenate || !sp.link.empty() || m_atoms[k].kind != AtomKind::Char) return false;
            if (c == U'@' || c == U'/' || c == U':' || c == U'\\' || c == U'_' || (c >= U'0' && c <= U'9')) return false;
        }
        return true;
    }

    // Breakpoints inside the word atoms [i, j).
    void word_breaks(std::size_t i, std::size_t j, Hyphenator* hyph, const BreakParams& p) {
        const bool patterns = hyph != nullptr && m_hyphenate && hyphenatable(i, j);
        std::size_t k = i;
        while (k < j) {
            const Atom& a = m_atoms[k];
            if (a.kind == AtomKind::SoftHyphen && k > i && k + 1 < j) {
                add_point(k, k + 1, hyphen_width(m_atoms[k - 1]), true, true, p.hyphen_penalty);
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
                        add_point(k + hp.index, k + hp.index, hyphen_width(m_atoms[k + hp.index - 1]), true, true,
                                  p.hyphen_penalty * hp.cost / 100);
                    }
                }
                k = e;
                continue;
            }
            ++k;
        }
        emergency_breaks(i, j, p);
    }

    // A word wider than the narrowest line may be broken between any two characters, at a high
    // penalty, so that no line is ever overfull.
    void emergency_breaks(std::size_t i, std::size_t j, const BreakParams& p) {
        const core::Length narrowest = std::min(p.width, p.first_width);
        if (m_w.width[j] - m_w.width[i] <= narrowest || j - i < 2) return;
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
            const bool joint = before == U'/' || before == U'.' || before == U'-' || before == U'_' ||
                               before == U'?' || before == U'&' || before == U'=' || before == U'#';
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

    TextRun& start_run(Line& line, core::Length x, FontId font, const Span& sp, std::uint16_t span) {
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

    void finish_line(Line& line, core::Length x0, std::size_t start) const {
        const std::size_t first_span = m_run_spans.size() - line.runs.size();
        core::Length end = x0;
        for (std::size_t r = 0; r < line.runs.size(); ++r) {
            const TextRun& run = line.runs[r];
            const FontMetrics& f = m_fonts.face(run.font);
            line.ascent = std::max(line.ascent, f.scale(f.ascender(), run.size));
            line.descent = std::max(line.descent, f.scale(-f.descender(), run.size));
            end = run.x + run.width;
            const std::string& uri = m_spans[m_run_spans[first_span + r]].link;
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
            const std::size_t s = start < m_atoms.size() ? m_atoms[start].span : m_spans.size() - 1;
            const Span& sp = m_spans[s];
            const FontMetrics& f = m_fonts.face(m_fonts.primary(sp.style));
            line.ascent = f.scale(f.ascender(), sp.size);
            line.descent = f.scale(-f.descender(), sp.size);
        }
        line.width = end - x0;
    }

public:
    bool m_hyphenate = true;

private:
    const std::vector<Span>& m_spans;
    const FontSet& m_fonts;
    core::DiagSink* m_diags;
    std::vector<Atom> m_atoms;
    std::vector<std::uint16_t> m_glyphs;  // parallel to m_atoms
    AtomWidths m_w;
    std::vector<Breakpoint> m_points;
    std::vector<bool> m_inserts_hyphen;   // parallel to m_points
    std::vector<char32_t> m_warned;
    std::u32string m_word;
    bool m_patterns = true;   // find_breaks asks the hyphenator
    bool m_deferred = false;  // ... and would have, for some word, had m_patterns been true
    std::uint16_t m_run_span = 0;
    std::vector<std::uint16_t> m_run_spans;
};
}  // namespace

std::vector<Line> typeset_paragraph(const std::vector<Span>& spans, const ParagraphStyle& style, const FontSet& fonts,
                                    Hyphenator* hyphenator, core::DiagSink* diags) {
    std::vector<Line> lines;
    Paragraph para(spans, fonts, diags);
    para.m_hyphenate = style.hyphenate;
    para.collect();
    if (para.empty()) return lines;
    BreakParams p;
    p.align = style.align == Alignment::Unknown ? Alignment::Left : style.align;
    p.width = std::max<core::Length>(style.width, 0);
    p.first_width = std::max<core::Length>(style.width - style.first_line_indent, 0);
    // Ragged right wants few hyphens (the originals have almost none): a hyphen must save a gap
    // of about 1.7 x ragged_stretch to be worth it. Justified text needs them more (TeX: 50).
    p.hyphen_penalty = p.align == Alignment::Justify ? kJustifyHyphenPenalty : kRaggedHyphenPenalty;
    const core::Length em = spans.empty() ? core::pt(10) : spans.front().size;
    p.ragged_stretch = std::max<core::Length>({1, kRaggedStretchEm * em, p.width / kRaggedStretchFraction});
    para.measure(p.align == Alignment::Justify);
    // Hyphenation patterns are looked up only when they can change the result (most paragraphs
    // are short or break well without; the dictionary then need not even be loaded): first break
    // without pattern points, then with them only if a hyphen could be cheaper. Exact: see
    // hyphenation_cannot_help.
    const bool defer = style.optimal && style.defer_hyphenation && hyphenator != nullptr && style.hyphenate;
    para.find_breaks(hyphenator, p, !defer);
    BreakResult r = style.optimal ? break_optimal(para.widths(), para.points(), p)
                                  : break_greedy(para.widths(), para.points(), p);
    if (defer && para.deferred_patterns() && !hyphenation_cannot_help(r, para.points(), p)) {
        para.find_breaks(hyphenator, p, true);
        r = break_optimal(para.widths(), para.points(), p);
    }
    const Breakpoint* from = nullptr;
    for (const std::uint32_t b : r.breaks) {
        lines.push_back(para.make_line(from, b, style, from == nullptr));
        from = &para.points()[b];
    }
    return lines;
}

std::vector<TextRun> shape_line(std::u32string_view text, FaceStyle style, core::Length size, Color color,
                                const FontSet& fonts, core::DiagSink* diags) {
    std::vector<TextRun> runs;
    core::Length x = 0;
    std::uint16_t prev_glyph = 0;
    std::vector<char32_t> warned;
    for (char32_t c : text) {
        const AtomKind kind = classify(c);
        if (kind == AtomKind::SoftHyphen || kind == AtomKind::ZeroWidthBreak) continue;
        if (kind != AtomKind::Char) c = U' ';
        const Resolved r = fonts.resolve(c, style);
        if (r.replaced && diags != nullptr && std::find(warned.begin(), warned.end(), c) == warned.end()) {
            warned.push_back(c);
            char hex[16];
            std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
            diags->warning("font", {}, std::string("no font has the character ") + hex + "; drawn as a replacement character",
                           "use a character that Liberation Sans or DejaVu Sans can show");
        }
        const FontMetrics& f = fonts.face(r.font);
        if (runs.empty() || runs.back().font != r.font) {
            if (!runs.empty()) x += runs.back().width;
            TextRun run;
            run.x = x;
            run.font = r.font;
            run.size = size;
            run.color = color;
            runs.push_back(std::move(run));
        } else {
            const int units = f.glyph_kerning(prev_glyph, r.glyph);
            if (units != 0) {
                const core::Length k = f.scale(units, size);
                runs.back().kern.back() += k;
                runs.back().width += k;
            }
        }
        TextRun& run = runs.back();
        run.text += r.cp;
        run.kern.push_back(0);
        run.width += f.scale(f.glyph_advance(r.glyph), size);
        prev_glyph = r.glyph;
    }
    return runs;
}

core::Length measure(std::u32string_view text, FaceStyle style, core::Length size, const FontSet& fonts) {
    const auto runs = shape_line(text, style, size, Color{}, fonts, nullptr);
    return runs.empty() ? 0 : runs.back().x + runs.back().width;
}

std::u32string to_u32(std::string_view s) { return core::to_u32(s); }

std::string to_utf8(std::u32string_view text) { return core::to_utf8(text); }

}  // namespace kansli::layout
