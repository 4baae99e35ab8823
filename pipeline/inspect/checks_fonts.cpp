// Fonts (ISO 19005-2 6.2.11, ISO 14289-1 7.21): embedded, mapped to Unicode, a correct CIDSet,
// widths that match the font program.
#include "core/diagnostic.hpp"
#include "core/utf8.hpp"
#include "inspect/doc.hpp"
#include "inspect/fonts.hpp"
#include "inspect/walk.hpp"
#include "layout/fonts.hpp"

#include <cmath>
#include <memory>

namespace kansli::inspect {

namespace {

std::string label(const detail::UsedFont& f) {
    return "font " + core::escape_for_display(f.resource) + " (" + detail::object_name(f.font) + ", " +
           core::escape_for_display(detail::text_of(f.font.getKey("/BaseFont"))) + ", " + f.where + ")";
}

std::vector<Finding> embedded(const Doc& d) {
    std::vector<Finding> out;
    for (const auto& f : detail::used_fonts(d)) {
        const FontFacts facts = font_facts(f.font);
        if (facts.subtype != "Type3" && !facts.embedded) add(out, label(f) + " is not embedded");
    }
    return out;
}

std::vector<Finding> to_unicode(const Doc& d) {
    std::vector<Finding> out;
    for (const auto& f : detail::used_fonts(d)) {
        const FontFacts facts = font_facts(f.font);
        if (facts.to_unicode) continue;
        // A simple, non-symbolic font with a standard encoding maps to Unicode by its glyph names.
        OH enc = f.font.getKey("/Encoding");
        const std::string e = detail::text_of(enc.isDictionary() ? enc.getKey("/BaseEncoding") : enc);
        const bool standard =
            facts.subtype.rfind("Type0", 0) != 0 && (e == "WinAnsiEncoding" || e == "MacRomanEncoding");
        if (!standard) add(out, label(f) + " has no /ToUnicode map");
    }
    return out;
}

/// The embedded TrueType program of a CIDFontType2 with /CIDToGIDMap /Identity, parsed; null when
/// the font is of another kind or its program cannot be read (then `why` says so).
struct Program {
    mutable OH cid;
    std::unique_ptr<layout::TrueTypeFont> font;
};
/// The one descendant of a Type0 font, or null.
OH descendant(OH font) {
    OH desc = font.getKey("/DescendantFonts");
    return desc.isArray() && desc.getArrayNItems() == 1 ? desc.getArrayItem(0) : OH::newNull();
}

std::optional<Program> identity_truetype(const Doc& d, OH font, std::string& why) {
    OH cid = descendant(font);
    if (!cid.isDictionary() || detail::text_of(cid.getKey("/Subtype")) != "CIDFontType2") return std::nullopt;
    OH file = cid.getKey("/FontDescriptor").getKey("/FontFile2");
    if (!file.isStream() || detail::text_of(cid.getKey("/CIDToGIDMap")) != "Identity") return std::nullopt;
    try {
        const std::string bytes = d.read_recurring(file);
        const std::span<const std::uint8_t> span(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        return Program{cid, layout::TrueTypeFont::parse_metrics(span, "embedded font")};
    } catch (const core::Error& e) {
        why = e.diagnostics().empty() ? "malformed" : e.diagnostics().front().message;
    } catch (const std::exception& e) {
        why = e.what();
    }
    return std::nullopt;
}

std::vector<Finding> cidset(const Doc& d) {
    std::vector<Finding> out;
    for (const auto& f : detail::used_fonts(d)) {
        // Most fonts have no /CIDSet (PDF/A-2 does not need one; kansli writes none): looked for
        // before the font program is decoded and parsed, with the same findings.
        OH cid = descendant(f.font);
        OH set = cid.isDictionary() ? cid.getKey("/FontDescriptor").getKey("/CIDSet") : OH::newNull();
        if (!set.isStream()) continue;
        std::string why;
        const auto p = identity_truetype(d, f.font, why);
        if (!p) continue;
        std::string bits;
        try {
            bits = d.read(set);
        } catch (const std::exception&) {
            add(out, label(f) + ": its /CIDSet cannot be read");
            continue;
        }
        std::size_t missing = 0;
        const std::size_t n = p->font->glyph_count();
        for (std::size_t g = 0; g < n; ++g) {
            const bool on = g / 8 < bits.size() && (static_cast<unsigned char>(bits[g / 8]) & (0x80 >> (g % 8)));
            if (!on) ++missing;
        }
        if (missing)
            add(out, label(f) + ": its /CIDSet lacks " + std::to_string(missing) + " of the " + std::to_string(n) +
                         " glyphs of the font program");
    }
    return out;
}

std::vector<Finding> widths(const Doc& d) {
    std::vector<Finding> out;
    for (const auto& f : detail::used_fonts(d)) {
        std::string why;
        const auto p = identity_truetype(d, f.font, why);
        if (!p) {
            if (!why.empty()) add(out, label(f) + ": the font program cannot be read (" + why + ")");
            continue;
        }
        const auto w = cid_widths(p->cid.getKey("/W"));
        const int upem = p->font->units_per_em();
        std::size_t wrong = 0;
        std::string first;
        for (const auto& [cid, width] : w) {
            if (cid >= p->font->glyph_count()) continue;
            const double expect = p->font->glyph_advance(static_cast<std::uint16_t>(cid)) * 1000.0 / upem;
            if (std::fabs(expect - width) > 1.0) {
                if (wrong++ == 0)
                    first = "CID " + std::to_string(cid) + " is " + std::to_string(std::lround(width)) + " in /W, " +
                            std::to_string(std::lround(expect)) + " in the font";
            }
        }
        if (wrong)
            add(out, label(f) + ": " + std::to_string(wrong) + " widths differ from the font program (" + first + ")");
    }
    return out;
}

}  // namespace

std::vector<Check> font_checks() {
    return {
        {"ISO 19005-2 6.2.11.4.1, ISO 14289-1 7.21.4.1", "every font used is embedded", PdfA | PdfUA, embedded},
        {"ISO 19005-2 6.2.11.4.2, ISO 14289-1 7.21.4.2", "a /CIDSet, when present, lists every glyph of the program",
         PdfA | PdfUA, cidset},
        {"ISO 19005-2 6.2.11.5, ISO 14289-1 7.21.5", "/W widths equal the font program's advances (within 1/1000 em)",
         PdfA | PdfUA, widths},
        {"ISO 19005-2 6.2.11.7.2, ISO 14289-1 7.21.7", "every font maps its codes to Unicode (/ToUnicode)",
         PdfALevelA | PdfUA, to_unicode},
    };
}

}  // namespace kansli::inspect
