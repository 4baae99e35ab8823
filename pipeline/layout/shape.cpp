// One line of text → TextRuns: each character resolved to a face (FontSet::resolve), advances
// and pair kerning within a run of one face.
#include "layout/shape.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace kansli::layout {

void MissingCharWarnings::note(char32_t cp, const core::SourceLoc& loc) {
    if (m_diags == nullptr || std::find(m_warned.begin(), m_warned.end(), cp) != m_warned.end()) return;
    m_warned.push_back(cp);
    char hex[16];
    std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(cp));
    m_diags->warning("font", loc,
                     std::string("no font has the character ") + hex + "; drawn as a replacement character",
                     "use a character that Liberation Sans or DejaVu Sans can show");
}

std::vector<TextRun> shape_line(std::u32string_view text, FaceStyle style, core::Length size, Color color,
                                const FontSet& fonts, core::DiagSink* diags) {
    std::vector<TextRun> runs;
    core::Length x = 0;
    std::uint16_t prev_glyph = 0;
    MissingCharWarnings warnings(diags);
    for (char32_t c : text) {
        const AtomKind kind = classify(c);
        if (kind == AtomKind::SoftHyphen || kind == AtomKind::ZeroWidthBreak) continue;
        if (kind != AtomKind::Char) c = U' ';
        const Resolved r = fonts.resolve(c, style);
        if (r.replaced) warnings.note(c, {});
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

}  // namespace kansli::layout
