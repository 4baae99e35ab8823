#include "render/fonts.hpp"

#include "core/diagnostic.hpp"
#include "pdf/text_string.hpp"
#include "render/font_cache.hpp"
#include "render/pdf_text.hpp"

#include <algorithm>

#include <sys/stat.h>

namespace kansli::render {

namespace {
// A glyph code: its two bytes in a literal string.
void append_code(std::string& out, std::uint16_t v) {
    const char bytes[2] = {static_cast<char>(v >> 8), static_cast<char>(v & 0xff)};
    pdf::append_literal_bytes(out, std::string_view(bytes, 2));
}
}  // namespace

FontTable::FontTable(PoDoFo::PdfMemDocument& doc, const std::vector<layout::FontRef>& fonts)
    : m_doc(doc), m_refs(fonts), m_entries(fonts.size()) {}

std::string FontTable::resource_name(layout::FontId id) { return "F" + std::to_string(id); }

FontTable::Entry& FontTable::load(layout::FontId id) {
    if (id >= m_entries.size()) {
        throw core::Error(core::ExitCode::Invalid, "render", {},
                          "text uses font #" + std::to_string(id) + " but the page set declares only " +
                              std::to_string(m_refs.size()) + " fonts",
                          "this is a bug in layout: every TextRun::font must index PageSet::fonts");
    }
    Entry& e = m_entries[id];
    if (e.font) return e;
    const layout::FontRef& ref = m_refs[id];
    struct stat st {};
    if (ref.path.empty() || ::stat(ref.path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
        core::throw_io(ref.path.empty() ? "(font " + ref.name + ")" : ref.path,
                       "font file for '" + ref.name + "' cannot be read",
                       "install fonts-liberation2 or fix the font path in the style file");
    }
    // PdfDocument::CreateFontSubset(key, false, false, false, Identity-H, path), with the font file
    // from this thread's cache: the next subset prefix (PdfFontCache::genSubsetBasename), the
    // metrics, the font object (PdfFontCache::CreateFontObject: embedded subset, not bold, not
    // italic; a PdfError there means no font) and its place in the cache's sorted list. The key is
    // unique per FontId so that two refs never share.
    for (std::size_t i = 0; i < 6; ++i) {
        if (++m_prefix[i] <= 'Z') break;
        m_prefix[i] = 'A';
    }
    std::unique_ptr<PoDoFo::PdfFontMetrics> metrics = subset_metrics(ref.path, m_prefix);
    const bool symbol = metrics->IsSymbol();
    try {
        e.font.reset(PoDoFo::PdfFontFactory::CreateFontObject(
            metrics.release(), PoDoFo::ePdfFont_Subsetting | PoDoFo::ePdfFont_Embedded,
            new PoDoFo::PdfIdentityEncoding(0, 0xffff, true), &m_doc.GetObjects()));
    } catch (const PoDoFo::PdfError&) {
        e.font.reset();  // the factory deleted the metrics and the encoding
    }
    if (!e.font)
        core::throw_io(ref.path, "PoDoFo could not load the font '" + ref.name + "'", "is it a TrueType file?");
    const std::string key = ref.name + "#" + std::to_string(id);
    Cached c{false, PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(key.c_str())), id};
    const auto at = std::lower_bound(m_order.begin(), m_order.end(), c, [](const Cached& a, const Cached& b) {
        return a.symbol != b.symbol ? a.symbol < b.symbol : a.name < b.name;  // TFontCacheElement::operator<
    });
    c.symbol = symbol;  // the element inserted records the metrics' symbol flag
    m_order.insert(at, std::move(c));
    e.metrics = const_cast<PoDoFo::PdfFontMetrics*>(e.font->GetFontMetrics());
    e.cache.assign(kCached, 0);
    return e;
}

void FontTable::append_glyph(layout::FontId id, char32_t c, std::string& out) {
    Entry& e = load(id);
    if (c < kCached && e.cache[c] != 0) {
        append_code(out, static_cast<std::uint16_t>(e.cache[c] - 1));
        return;
    }
    // Only the BMP can be recorded for ToUnicode by PoDoFo 0.9.8 (UTF-16 code units); layout
    // never produces anything else for Swedish text.
    long g = e.metrics->GetGlyphId(static_cast<long>(c));
    const auto gid = static_cast<std::uint16_t>(g > 0 && g <= 0xffff ? g : 0);
    // U+0000 would cut the string handed to PoDoFo short, and surrogates are not characters:
    // draw their glyph if any, but never record them for the subset's ToUnicode.
    if (c != 0 && c <= 0xffff && (c < 0xd800 || c > 0xdfff) && gid != 0) e.used.insert(c);
    if (c < kCached) e.cache[c] = static_cast<std::uint32_t>(gid) + 1;
    append_code(out, gid);
}

PoDoFo::PdfObject* FontTable::object(layout::FontId id) const {
    return id < m_entries.size() && m_entries[id].font ? m_entries[id].font->GetObject() : nullptr;
}

void FontTable::embed() {
    // PdfFontCache::EmbedSubsetFonts over the list in its order.
    for (const Cached& c : m_order) {
        PoDoFo::PdfFont& font = *m_entries[c.id].font;
        if (font.IsSubsetting()) font.EmbedSubsetFont();
    }
}

void FontTable::finish() {
    for (auto& e : m_entries) {
        if (!e.font || e.used.empty()) continue;
        std::string utf8;
        for (char32_t c : e.used) append_utf8(utf8, c);
        PoDoFo::PdfString s(reinterpret_cast<const PoDoFo::pdf_utf8*>(utf8.c_str()));
        e.font->AddUsedSubsettingGlyphs(s, static_cast<long>(e.used.size()));
    }
}

}  // namespace kansli::render
