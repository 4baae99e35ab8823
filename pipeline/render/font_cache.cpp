#include "render/font_cache.hpp"

#include "core/diagnostic.hpp"
#include "core/file_stamp.hpp"
#include "core/files.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace kansli::render {

namespace {

using PoDoFo::PdfError;

/// One FreeType library per thread; every face made by it keeps it alive.
struct Library {
    FT_Library lib = nullptr;
    Library() {
        if (FT_Init_FreeType(&lib) != 0) PODOFO_RAISE_ERROR(PoDoFo::ePdfError_FreeType);
    }
    ~Library() { FT_Done_FreeType(lib); }
    Library(const Library&) = delete;
    Library& operator=(const Library&) = delete;
};

/// One font file as PoDoFo's subsetting reads it.
struct Face {
    std::shared_ptr<Library> library;  // first: destroyed after the metrics and their face
    core::FileStamp stamp;
    std::unique_ptr<PoDoFo::PdfFontMetricsFreetype> metrics;
    std::vector<double> widths;  // advance per glyph index, NaN until asked
};

/// PdfFontMetricsFreetype::CreateForSubsetting, from the file's bytes already in memory: FreeType
/// opens them, hands back the whole sfnt (table tag 0) and PoDoFo parses that copy.
std::unique_ptr<PoDoFo::PdfFontMetricsFreetype> parse_for_subsetting(Library& l, const core::Bytes& file) {
    FT_Open_Args args{};
    args.flags = FT_OPEN_MEMORY;
    args.memory_base = file.data();
    args.memory_size = static_cast<FT_Long>(file.size());
    FT_Face face = nullptr;
    if (FT_Open_Face(l.lib, &args, 0, &face) != 0) PODOFO_RAISE_ERROR(PoDoFo::ePdfError_FreeType);
    FT_ULong length = 0;
    FT_Error err = FT_Load_Sfnt_Table(face, 0, 0, nullptr, &length);
    PoDoFo::PdfRefCountedBuffer buffer;
    if (err == 0) {
        buffer = PoDoFo::PdfRefCountedBuffer(static_cast<size_t>(length));
        err = FT_Load_Sfnt_Table(face, 0, 0, reinterpret_cast<FT_Byte*>(buffer.GetBuffer()), &length);
    }
    FT_Done_Face(face);
    if (err != 0) PODOFO_RAISE_ERROR(PoDoFo::ePdfError_FreeType);
    return std::make_unique<PoDoFo::PdfFontMetricsFreetype>(&l.lib, buffer, false, nullptr);
}

class Cache {
public:
    std::shared_ptr<Face> get(const std::string& path) {
        const auto before = core::file_stamp(path);
        if (!before) core::throw_io(path, "font file cannot be read", "is it a regular file?");
        auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const auto& e) { return e.first == path; });
        if (it != m_entries.end()) {
            if (it->second->stamp == *before) {
                std::rotate(it, it + 1, m_entries.end());  // most recently used last
                return m_entries.back().second;
            }
            m_entries.erase(it);  // the file changed: never served again
        }
        if (!m_library) m_library = std::make_shared<Library>();
        auto face = std::make_shared<Face>();
        face->library = m_library;
        face->stamp = *before;
        const core::Bytes file = core::read_file(path, kMaxFontFileBytes);
        ++m_reads;
        face->metrics = parse_for_subsetting(*m_library, file);
        const FT_Face ft = face->metrics->GetFace();
        face->widths.assign(ft && ft->num_glyphs > 0 ? static_cast<std::size_t>(ft->num_glyphs) : 0,
                            std::numeric_limits<double>::quiet_NaN());
        // Kept only when it did not change while read and its stamp has settled (core::settled: a
        // rewrite within the same clock tick could leave the stamp equal); else this document only.
        if (core::settled(*before) && core::file_stamp(path) == before) {
            if (m_entries.size() >= kFontCacheEntries) m_entries.erase(m_entries.begin());
            m_entries.emplace_back(path, face);
        }
        return face;
    }
    [[nodiscard]] FontCacheStats stats() const { return {m_entries.size(), m_reads}; }

private:
    std::shared_ptr<Library> m_library;
    std::vector<std::pair<std::string, std::shared_ptr<Face>>> m_entries;
    std::size_t m_reads = 0;
};

Cache& thread_cache() {
    thread_local Cache cache;
    return cache;
}

/// The metrics PoDoFo's font objects see: every value is the cached face's; the font size,
/// scale and spacing that PdfFont sets are this object's own and passed on for each call that
/// depends on them, as if the face were this document's.
class SharedFaceMetrics final : public PoDoFo::PdfFontMetrics {
public:
    SharedFaceMetrics(std::shared_ptr<Face> face, const char* prefix)
        : PdfFontMetrics(PoDoFo::ePdfFontType_TrueType, "", prefix), m_face(std::move(face)), m(*m_face->metrics) {}

    void GetWidthArray(PoDoFo::PdfVariant& var, unsigned int first, unsigned int last,
                       const PoDoFo::PdfEncoding* encoding) const override {
        m.GetWidthArray(var, first, last, encoding);
    }
    double GetGlyphWidth(int gid) const override {
        if (gid < 0 || static_cast<std::size_t>(gid) >= m_face->widths.size()) return m.GetGlyphWidth(gid);
        double& w = m_face->widths[static_cast<std::size_t>(gid)];
        if (std::isnan(w)) w = m.GetGlyphWidth(gid);
        return w;
    }
    double GetGlyphWidth(const char* name) const override { return m.GetGlyphWidth(name); }
    void GetBoundingBox(PoDoFo::PdfArray& array) const override { m.GetBoundingBox(array); }
    double CharWidth(unsigned char c) const override { return sized().CharWidth(c); }
    double UnicodeCharWidth(unsigned short c) const override { return sized().UnicodeCharWidth(c); }
    double GetLineSpacing() const override { return sized().GetLineSpacing(); }
    double GetUnderlineThickness() const override { return sized().GetUnderlineThickness(); }
    double GetUnderlinePosition() const override { return sized().GetUnderlinePosition(); }
    double GetStrikeOutPosition() const override { return sized().GetStrikeOutPosition(); }
    double GetStrikeoutThickness() const override { return sized().GetStrikeoutThickness(); }
    const char* GetFontData() const override { return m.GetFontData(); }
    PoDoFo::pdf_long GetFontDataLen() const override { return m.GetFontDataLen(); }
    const char* GetFontname() const override { return m.GetFontname(); }
    unsigned int GetWeight() const override { return m.GetWeight(); }
    double GetAscent() const override { return sized().GetAscent(); }
    double GetPdfAscent() const override { return m.GetPdfAscent(); }
    double GetDescent() const override { return sized().GetDescent(); }
    double GetPdfDescent() const override { return m.GetPdfDescent(); }
    int GetItalicAngle() const override { return m.GetItalicAngle(); }
    long GetGlyphId(long unicode) const override { return m.GetGlyphId(unicode); }
    bool IsSymbol() const override { return m.IsSymbol(); }

private:
    PoDoFo::PdfFontMetricsFreetype& sized() const {
        m.SetFontSize(GetFontSize());
        m.SetFontScale(GetFontScale());
        m.SetFontCharSpace(GetFontCharSpace());
        m.SetWordSpace(GetWordSpace());
        return m;
    }
    std::shared_ptr<Face> m_face;
    PoDoFo::PdfFontMetricsFreetype& m;
};

}  // namespace

std::unique_ptr<PoDoFo::PdfFontMetrics> subset_metrics(const std::string& path, const char* subset_prefix) {
    return std::make_unique<SharedFaceMetrics>(thread_cache().get(path), subset_prefix);
}

FontCacheStats font_cache_stats() { return thread_cache().stats(); }

}  // namespace kansli::render
