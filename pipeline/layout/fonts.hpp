// Font metrics behind an interface, a TrueType (sfnt) reader written with std only, and the
// FontSet of one family plus a fallback family. Widths are integer core::Length (1/1000 pt).
#pragma once

#include "core/diagnostic.hpp"
#include "core/units.hpp"
#include "layout/pageset.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

namespace kansli::layout {

/// The four faces of a family. Mirrors model::InlineStyle (same values), so Regular is the
/// natural default 0 rather than an Unknown.
enum class FaceStyle : std::uint8_t { Regular = 0, Bold = 1, Italic = 2, BoldItalic = 3 };

/// What layout needs to know of a font. All values are in font design units (see units_per_em)
/// unless a function says otherwise.
class FontMetrics {
public:
    virtual ~FontMetrics() = default;
    [[nodiscard]] virtual int units_per_em() const = 0;
    /// Glyph index for a Unicode code point; 0 (.notdef) when the font has none.
    [[nodiscard]] virtual std::uint16_t glyph(char32_t cp) const = 0;
    /// Advance width of a glyph index (design units); 0 for an out-of-range index.
    [[nodiscard]] virtual int glyph_advance(std::uint16_t glyph) const = 0;
    /// Kerning adjustment between two glyph indices (design units, negative = tighter).
    [[nodiscard]] virtual int glyph_kerning(std::uint16_t left, std::uint16_t right) const = 0;
    [[nodiscard]] virtual int ascender() const = 0;   ///< positive, above the baseline
    [[nodiscard]] virtual int descender() const = 0;  ///< negative, below the baseline
    [[nodiscard]] virtual int line_gap() const = 0;
    [[nodiscard]] virtual int cap_height() const = 0;
    [[nodiscard]] virtual const std::string& postscript_name() const = 0;
    [[nodiscard]] virtual const std::string& path() const = 0;

    [[nodiscard]] bool has_glyph(char32_t cp) const { return glyph(cp) != 0; }
    /// Advance of a code point (design units); the .notdef advance when missing.
    [[nodiscard]] int advance(char32_t cp) const { return glyph_advance(glyph(cp)); }
    /// Kerning between two code points (design units).
    [[nodiscard]] int kerning(char32_t left, char32_t right) const { return glyph_kerning(glyph(left), glyph(right)); }
    /// Design units → core::Length at font size `size` (1/1000 pt), rounded half away from zero.
    [[nodiscard]] core::Length scale(int units, core::Length size) const;
};

/// A TrueType/OpenType font file read by our own sfnt parser: head, hhea, maxp, hmtx, cmap
/// (formats 4 and 12), kern (format 0), OS/2, name. Every read is bounds-checked.
class TrueTypeFont final : public FontMetrics {
public:
    /// Reads the tables listed above (not glyf and the rest) and parses them. Errors: core::Error
    /// (ExitCode::Usage, kind "font") located at the file, naming the table and byte offset of a
    /// malformed structure; core::throw_io when the file cannot be read.
    static std::unique_ptr<TrueTypeFont> load(const std::string& path);
    /// Parses font bytes already in memory (`path` is only used in messages and path()).
    static std::unique_ptr<TrueTypeFont> parse(std::span<const std::uint8_t> bytes, const std::string& path);
    /// Only the metrics (head, hhea, maxp, hmtx: units per em, glyph count, advances), as an
    /// embedded CID font program has them (no cmap needed); glyph() is 0 for every code point.
    /// Errors as parse.
    static std::unique_ptr<TrueTypeFont> parse_metrics(std::span<const std::uint8_t> bytes, const std::string& path);
    /// The PostScript name as load(path)->postscript_name() gives it, reading only the table
    /// directory and the name table. Errors as load for those parts.
    static std::string load_postscript_name(const std::string& path);

    [[nodiscard]] int units_per_em() const override { return m_upem; }
    [[nodiscard]] std::uint16_t glyph(char32_t cp) const override;
    [[nodiscard]] int glyph_advance(std::uint16_t glyph) const override;
    [[nodiscard]] int glyph_kerning(std::uint16_t left, std::uint16_t right) const override;
    [[nodiscard]] int ascender() const override { return m_ascender; }
    [[nodiscard]] int descender() const override { return m_descender; }
    [[nodiscard]] int line_gap() const override { return m_line_gap; }
    [[nodiscard]] int cap_height() const override { return m_cap_height; }
    [[nodiscard]] const std::string& postscript_name() const override { return m_ps_name; }
    [[nodiscard]] const std::string& path() const override { return m_path; }
    [[nodiscard]] std::size_t glyph_count() const { return m_advances.size(); }
    [[nodiscard]] std::size_t kerning_pair_count() const { return m_kern.size(); }
    /// Font bounding box (head table, design units): xMin, yMin, xMax, yMax.
    [[nodiscard]] const std::array<int, 4>& bbox() const { return m_bbox; }

    struct CmapEntry {
        char32_t cp;
        std::uint16_t glyph;
    };
    struct KernEntry {
        std::uint32_t pair;
        std::int16_t value;
    };  ///< pair = left << 16 | right

private:
    friend class SfntParser;
    TrueTypeFont() = default;
    int m_upem = 1000;
    int m_ascender = 0, m_descender = 0, m_line_gap = 0, m_cap_height = 0;
    std::array<int, 4> m_bbox{};
    std::string m_ps_name, m_path;
    std::vector<std::uint16_t> m_advances;    ///< per glyph
    std::vector<std::uint16_t> m_low_cmap;    ///< direct map for cp < kLowCmap
    std::vector<CmapEntry> m_high_cmap;       ///< sorted by cp, cp >= kLowCmap
    std::vector<KernEntry> m_kern;            ///< sorted by pair
    std::vector<std::uint32_t> m_kern_start;  ///< per left glyph: first index in m_kern (glyphs + 1 entries)
public:
    static constexpr char32_t kLowCmap = 0x3000;
};

/// A TrueTypeFont read from its file on first use (FontSet::load makes these: most documents
/// never need the fallback faces or bold italic). The constructor reads only the table
/// directory and name table (errors as TrueTypeFont::load_postscript_name); the rest is parsed
/// when a metric is first asked for, and a malformed font then throws core::Error from that
/// call. Thread-safe.
class LazyTrueTypeFont final : public FontMetrics {
public:
    explicit LazyTrueTypeFont(std::string path);
    [[nodiscard]] int units_per_em() const override { return font().units_per_em(); }
    [[nodiscard]] std::uint16_t glyph(char32_t cp) const override { return font().glyph(cp); }
    [[nodiscard]] int glyph_advance(std::uint16_t g) const override { return font().glyph_advance(g); }
    [[nodiscard]] int glyph_kerning(std::uint16_t l, std::uint16_t r) const override {
        return font().glyph_kerning(l, r);
    }
    [[nodiscard]] int ascender() const override { return font().ascender(); }
    [[nodiscard]] int descender() const override { return font().descender(); }
    [[nodiscard]] int line_gap() const override { return font().line_gap(); }
    [[nodiscard]] int cap_height() const override { return font().cap_height(); }
    [[nodiscard]] const std::string& postscript_name() const override { return m_ps_name; }
    [[nodiscard]] const std::string& path() const override { return m_path; }
    /// True once the font has been parsed.
    [[nodiscard]] bool loaded() const { return m_ready.load(std::memory_order_acquire) != nullptr; }
    /// The parsed font (parses it now if needed).
    [[nodiscard]] const TrueTypeFont& font() const {
        const TrueTypeFont* f = m_ready.load(std::memory_order_acquire);
        return f != nullptr ? *f : load_now();
    }

private:
    const TrueTypeFont& load_now() const;
    std::string m_path, m_ps_name;
    mutable std::mutex m_mutex;
    mutable std::unique_ptr<TrueTypeFont> m_font;
    mutable std::atomic<const TrueTypeFont*> m_ready{nullptr};
};

/// Paths of the faces: main family Regular/Bold/Italic/BoldItalic, fallback family Regular/Bold
/// (used for italic too).
struct FontPaths {
    std::array<std::string, 4> main;
    std::array<std::string, 2> fallback;
    bool operator==(const FontPaths&) const = default;
};
/// The font search path, the one place kansli knows where font files live: the folders of the
/// Debian packages it depends on (fonts-liberation2, fonts-dejavu-core), in that order. The
/// default faces, the style file's font names and the signature appearance's font (job/sign)
/// all resolve through find_font.
std::span<const std::string_view> font_search_path();
/// A font file: `name` itself when it contains a '/', else the first folder of
/// font_search_path() holding a file of that name; when none does, the candidate in the first
/// folder (so that the error of opening it names a real place).
std::string find_font(std::string_view name);
/// Liberation Sans 2 + DejaVu Sans, found through find_font.
FontPaths default_font_paths();

/// A character resolved to a face: the FontId to draw it with and the code point to draw
/// (U+FFFD or '?' when no face has the character).
struct Resolved {
    FontId font = 0;
    char32_t cp = 0;
    std::uint16_t glyph = 0;
    bool replaced = false;  ///< no face had the character: cp is a replacement
};

class TypesetMemo;

/// The faces of a document. FontId i is face(i); fill_fonts() makes PageSet::fonts match.
/// Ids: 0..3 = main Regular, Bold, Italic, BoldItalic; 4, 5 = fallback Regular, Bold.
class FontSet final {
public:
    /// The faces as LazyTrueTypeFonts: every file is opened and its name read now (errors as
    /// TrueTypeFont::load_postscript_name), the metrics are parsed on first use (a malformed
    /// table then throws core::Error from that use).
    static FontSet load(const FontPaths& paths = default_font_paths());
    /// As load(), but the faces (their names and parsed metrics) are kept per thread across
    /// builds: up to kSharedSetsPerThread sets of files, each served again only while every one
    /// of its six files has the stamp it had when the set was made (core::file_stamp; a changed
    /// file is read again; files changed in the last two seconds are never kept, core::settled).
    /// Each FontSet still gets its own, empty paragraph memo.
    static FontSet load_shared(const FontPaths& paths);
    static constexpr std::size_t kSharedSetsPerThread = 4;

    using Faces = std::vector<std::unique_ptr<FontMetrics>>;
    /// From faces already built (tests may pass fakes): main[4] then fallback[2], in id order.
    explicit FontSet(Faces faces);
    ~FontSet();
    FontSet(FontSet&&) noexcept;
    FontSet& operator=(FontSet&&) noexcept;

    [[nodiscard]] const FontMetrics& face(FontId id) const { return *m_faces->at(id); }
    [[nodiscard]] std::size_t size() const { return m_faces->size(); }
    [[nodiscard]] FontId primary(FaceStyle style) const { return static_cast<FontId>(style); }
    /// The face for `cp` in `style`: the main face when it has the glyph, else the fallback, else
    /// a replacement character (U+FFFD, or '?' if even that is missing) with replaced = true.
    [[nodiscard]] Resolved resolve(char32_t cp, FaceStyle style) const;
    /// Sets ps.fonts to one FontRef per face, in FontId order (replaces what was there).
    void fill_fonts(PageSet& ps) const;

    /// The paragraphs typeset with these faces (layout/typeset_memo.hpp). Thread-safe.
    [[nodiscard]] TypesetMemo& typeset_memo() const { return *m_memo; }

private:
    explicit FontSet(std::shared_ptr<const Faces> faces);

    std::shared_ptr<const Faces> m_faces;  ///< shared by the FontSets of load_shared()
    std::unique_ptr<TypesetMemo> m_memo;
};

}  // namespace kansli::layout
