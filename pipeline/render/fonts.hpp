// The fonts of one PDF being rendered: loaded on first use as Identity-H TrueType subsets,
// mapping code points to 2-byte glyph codes and recording them for the subset and ToUnicode.
// The font files come from this thread's font cache (render/font_cache.hpp); the font objects
// are made and embedded exactly as PdfDocument::CreateFontSubset and PdfMemDocument::Write would
// (same subset prefixes, same order), so the bytes are those PoDoFo's own font cache gives.
#pragma once

#include "layout/pageset.hpp"

#include <podofo/podofo.h>

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace kansli::render {

class FontTable final {
public:
    /// `doc` must outlive the table; `fonts` is PageSet::fonts (FontId = index).
    FontTable(PoDoFo::PdfMemDocument& doc, const std::vector<layout::FontRef>& fonts);

    /// The resource name of font `id` ("F0", "F1" …).
    [[nodiscard]] static std::string resource_name(layout::FontId id);

    /// Appends the 2-byte glyph code of code point `c` in font `id` to a literal string (no
    /// parentheses; the delimiters, the backslash, CR and LF escaped) and records `c` as used.
    /// Loads the font on first use. Throws core::Error for an unknown FontId (exit 1) or an
    /// unreadable font file (exit 2), naming the file.
    void append_glyph(layout::FontId id, char32_t c, std::string& out);

    /// The font dictionary of a font already used.
    [[nodiscard]] PoDoFo::PdfObject* object(layout::FontId id) const;

    /// Hands the used characters to PoDoFo so that embed() embeds exactly those glyphs with
    /// matching /W and /ToUnicode. Call once, after all pages are drawn.
    void finish();

    /// Embeds the subsets (FontFile2, /W, /ToUnicode, CIDSet) in the order PoDoFo's font cache
    /// would. Call once, right before PdfMemDocument::Write (whose own EmbedSubsetFonts() then
    /// finds nothing: these fonts are not in the document's font cache).
    void embed();

private:
    struct Entry {
        std::unique_ptr<PoDoFo::PdfFont> font;  // its object belongs to the document
        PoDoFo::PdfFontMetrics* metrics = nullptr;
        std::set<char32_t> used;
        /// Glyph cache for code points below kCached (Latin, punctuation): gid + 1, 0 = unknown.
        std::vector<std::uint32_t> cache;
    };
    Entry& load(layout::FontId id);
    static constexpr char32_t kCached = 0x2100;

    /// An element of PoDoFo's font cache list (TFontCacheElement), for the embedding order.
    struct Cached {
        bool symbol = false;
        PoDoFo::PdfString name;
        layout::FontId id = 0;
    };

    PoDoFo::PdfMemDocument& m_doc;
    const std::vector<layout::FontRef>& m_refs;
    std::vector<Entry> m_entries;
    std::vector<Cached> m_order;                                    // as PdfFontCache::m_vecFontSubsets is ordered
    char m_prefix[8] = {'A' - 1, 'A', 'A', 'A', 'A', 'A', '+', 0};  // PdfFontCache::Init
};

}  // namespace kansli::render
