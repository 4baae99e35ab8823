// subset_truetype: glyph-id-preserving TrueType subsetting. Std only; every read of the input
// is bounds-checked and a malformed structure is a core::Error, never a crash.
// Table layouts: OpenType spec 1.9 (head, hhea, maxp, hmtx, loca, glyf); the tables an
// embedded TrueType program needs: PDF 32000-1:2008 §9.9. Without hinting (SubsetOptions) the
// glyph instructions, fpgm, prep and cvt go too (glyf: "Simple glyph description",
// "Composite glyph description"; maxp version 1.0).
#include "layout/subset.hpp"

#include "core/diagnostic.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace kansli::layout {

namespace {

// The tables we write, in tag order (the order of the output's directory and data).
enum TableIx : std::uint8_t { Cvt = 0, Fpgm, Glyf, Head, Hhea, Hmtx, Loca, Maxp, Prep, TableCount };
constexpr std::array<std::uint32_t, TableCount> kTags = {sfnt_tag("cvt "), sfnt_tag("fpgm"), sfnt_tag("glyf"),
                                                         sfnt_tag("head"), sfnt_tag("hhea"), sfnt_tag("hmtx"),
                                                         sfnt_tag("loca"), sfnt_tag("maxp"), sfnt_tag("prep")};
constexpr std::array<const char*, TableCount> kNames = {"cvt",  "fpgm", "glyf", "head", "hhea",
                                                        "hmtx", "loca", "maxp", "prep"};

// Composite glyph flags (OpenType spec, glyf table).
constexpr std::uint16_t kArgsAreWords = 0x0001;
constexpr std::uint16_t kHaveScale = 0x0008;
constexpr std::uint16_t kMoreComponents = 0x0020;
constexpr std::uint16_t kHaveXYScale = 0x0040;
constexpr std::uint16_t kHaveTwoByTwo = 0x0080;
constexpr std::uint16_t kHaveInstructions = 0x0100;

struct Table {
    std::size_t offset = 0, length = 0;
    bool present = false;
};

void put16(core::Bytes& out, std::size_t at, std::uint32_t v) {
    out[at] = static_cast<std::uint8_t>(v >> 8);
    out[at + 1] = static_cast<std::uint8_t>(v);
}
void put32(core::Bytes& out, std::size_t at, std::uint32_t v) {
    put16(out, at, v >> 16);
    put16(out, at + 2, v & 0xFFFF);
}

/// Sum of the big-endian 32-bit words of [begin, end), zero-padded (OpenType "Calculating checksums").
std::uint32_t checksum(const core::Bytes& b, std::size_t begin, std::size_t end) {
    std::uint32_t sum = 0;
    std::size_t i = begin;
    for (; i + 4 <= end; i += 4) {
        sum += std::uint32_t(b[i]) << 24 | std::uint32_t(b[i + 1]) << 16 | std::uint32_t(b[i + 2]) << 8 | b[i + 3];
    }
    for (int shift = 24; i < end; ++i, shift -= 8) sum += std::uint32_t(b[i]) << shift;
    return sum;
}

class Subsetter {
public:
    Subsetter(std::span<const std::uint8_t> font, const SubsetOptions& options) : m_b(font), m_options(options) {}

    core::Bytes run(const std::vector<std::uint16_t>& glyphs) {
        read_directory();
        read_counts();
        mark(glyphs);
        return write();
    }

private:
    [[noreturn]] void fail(const char* table, std::size_t offset, const std::string& what) const {
        throw core::Error(core::ExitCode::Usage, "font", core::SourceLoc{},
                          std::string("malformed font: ") + table + " at byte " + std::to_string(offset) + ": " + what,
                          "use an intact TrueType file (e.g. from fonts-liberation2)");
    }
    void need(std::size_t off, std::size_t len, const char* table) const {
        if (off > m_b.size() || len > m_b.size() - off) fail(table, off, "read past the end of the file");
    }
    // Reads inside table t; off is relative to the table start.
    std::uint16_t u16(TableIx t, std::size_t off) const {
        const Table& tab = m_tables[t];
        if (off > tab.length || tab.length - off < 2)
            fail(kNames[t], tab.offset + off, "read past the end of the table");
        const std::size_t p = tab.offset + off;
        return static_cast<std::uint16_t>(m_b[p] << 8 | m_b[p + 1]);
    }
    std::uint32_t u32(TableIx t, std::size_t off) const { return std::uint32_t(u16(t, off)) << 16 | u16(t, off + 2); }
    std::uint32_t file32(std::size_t off, const char* what) const {
        need(off, 4, what);
        return std::uint32_t(m_b[off]) << 24 | std::uint32_t(m_b[off + 1]) << 16 | std::uint32_t(m_b[off + 2]) << 8 |
               m_b[off + 3];
    }

    void read_directory() {
        const std::uint32_t version = file32(0, "offset table");
        if (version == sfnt_tag("OTTO")) fail("offset table", 0, "CFF-flavoured OpenType has no glyf table to subset");
        if (version != 0x00010000 && version != sfnt_tag("true")) {
            fail("offset table", 0, "not a TrueType font (collections are not supported)");
        }
        m_version = version;
        const std::size_t n = file32(4, "offset table") >> 16;
        need(12, 16 * n, "table directory");
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t rec = 12 + 16 * i;
            const std::uint32_t t = file32(rec, "table directory");
            const auto it = std::find(kTags.begin(), kTags.end(), t);
            if (it == kTags.end()) continue;
            Table& tab = m_tables[static_cast<std::size_t>(it - kTags.begin())];
            if (tab.present) fail("table directory", rec, "table listed twice");
            tab = Table{file32(rec + 8, "table directory"), file32(rec + 12, "table directory"), true};
            need(tab.offset, tab.length, "table directory");
        }
        for (const TableIx t : {Glyf, Head, Hhea, Hmtx, Loca, Maxp}) {
            if (!m_tables[t].present) fail(kNames[t], 0, "required table is missing");
        }
    }

    void read_counts() {
        if (u32(Head, 12) != 0x5F0F3CF5) fail("head", m_tables[Head].offset + 12, "bad magic number");
        u16(Head, 52);  // head is at least 54 bytes
        m_long_loca = u16(Head, 50) == 1;
        if (u16(Head, 50) > 1) fail("head", m_tables[Head].offset + 50, "indexToLocFormat is neither 0 nor 1");
        m_count = u16(Maxp, 4);
        if (m_count == 0) fail("maxp", m_tables[Maxp].offset + 4, "font has no glyphs");
        u16(Hhea, 34);  // hhea is at least 36 bytes
        m_metrics = u16(Hhea, 34);
        if (m_metrics == 0 || m_metrics > m_count)
            fail("hhea", m_tables[Hhea].offset + 34, "numberOfHMetrics out of range");
        const std::size_t entry = m_long_loca ? 4 : 2;
        if (m_tables[Loca].length / entry < m_count + std::size_t{1}) {
            fail("loca", m_tables[Loca].offset, "shorter than numGlyphs + 1 entries");
        }
    }

    /// Byte range [first, second) of glyph g inside glyf; checked.
    std::pair<std::size_t, std::size_t> glyph_range(std::size_t g) const {
        std::size_t a = 0, b = 0;
        if (m_long_loca) {
            a = u32(Loca, 4 * g);
            b = u32(Loca, 4 * g + 4);
        } else {
            a = std::size_t{u16(Loca, 2 * g)} * 2;
            b = std::size_t{u16(Loca, 2 * g + 2)} * 2;
        }
        if (a > b || b > m_tables[Glyf].length)
            fail("loca", m_tables[Loca].offset, "glyph " + std::to_string(g) + " lies outside glyf");
        return {a, b};
    }

    /// Walks the components of the composite glyph g at glyf [a, b): calls on_component(offset of
    /// its flags word, flags, glyph index) for each, returns the offset just past the last one
    /// (where the composite's instructions begin). Offsets are relative to glyf.
    template <typename F>
    std::size_t walk_components(std::size_t g, std::size_t a, std::size_t b, F&& on_component) const {
        std::size_t p = a + 10;
        for (;;) {
            if (p + 4 > b)
                fail("glyf", m_tables[Glyf].offset + p, "composite glyph " + std::to_string(g) + " is truncated");
            const std::uint16_t flags = u16(Glyf, p);
            on_component(p, flags, u16(Glyf, p + 2));
            p += 4 + ((flags & kArgsAreWords) != 0 ? 4 : 2);
            if ((flags & kHaveScale) != 0)
                p += 2;
            else if ((flags & kHaveXYScale) != 0)
                p += 4;
            else if ((flags & kHaveTwoByTwo) != 0)
                p += 8;
            if ((flags & kMoreComponents) == 0) break;
        }
        if (p > b) fail("glyf", m_tables[Glyf].offset + a, "composite glyph " + std::to_string(g) + " is truncated");
        return p;
    }

    /// Marks the requested glyphs, glyph 0, and every component of a kept composite (a work list:
    /// each glyph is expanded once, so cycles and deep nesting in a hostile font are harmless).
    void mark(const std::vector<std::uint16_t>& glyphs) {
        m_keep.assign(m_count, 0);
        std::vector<std::uint16_t> work;
        work.reserve(glyphs.size() + 1);
        auto add = [&](std::uint16_t g) {
            if (g >= m_count)
                fail("glyf", m_tables[Glyf].offset,
                     "glyph id " + std::to_string(g) + " is not below numGlyphs " + std::to_string(m_count));
            if (m_keep[g] != 0) return;
            m_keep[g] = 1;
            work.push_back(g);
        };
        add(0);
        for (const std::uint16_t g : glyphs) add(g);
        while (!work.empty()) {
            const std::uint16_t g = work.back();
            work.pop_back();
            const auto [a, b] = glyph_range(g);
            if (b - a < 10) continue;  // empty glyph (or too short to be composite; checked below)
            if (static_cast<std::int16_t>(u16(Glyf, a)) >= 0) continue;  // simple glyph
            walk_components(g, a, b, [&](std::size_t, std::uint16_t, std::uint16_t component) { add(component); });
        }
        m_kept_count = m_count;
        while (m_kept_count > 1 && m_keep[m_kept_count - 1] == 0) --m_kept_count;
    }

    /// Appends kept glyph g, without its instructions unless hinting is kept, padded to an even
    /// length (short loca counts words).
    void append_glyph(core::Bytes& glyf, std::size_t g) const {
        const auto [a, b] = glyph_range(g);
        const auto from = [&](std::size_t off) {
            return m_b.begin() + static_cast<std::ptrdiff_t>(m_tables[Glyf].offset + off);
        };
        if (m_options.hinting || a == b) {
            glyf.insert(glyf.end(), from(a), from(b));
        } else if (b - a < 10) {
            fail("glyf", m_tables[Glyf].offset + a, "glyph " + std::to_string(g) + " is truncated");
        } else if (const auto contours = static_cast<std::int16_t>(u16(Glyf, a)); contours >= 0) {
            // header, endPtsOfContours | instructionLength, instructions | flags, coordinates
            const std::size_t at_length = a + 10 + 2 * static_cast<std::size_t>(contours);
            if (at_length + 2 > b || at_length + 2 + u16(Glyf, at_length) > b) {
                fail("glyf", m_tables[Glyf].offset + a, "glyph " + std::to_string(g) + " is truncated");
            }
            glyf.insert(glyf.end(), from(a), from(at_length));
            glyf.insert(glyf.end(), {0, 0});
            glyf.insert(glyf.end(), from(at_length + 2 + u16(Glyf, at_length)), from(b));
        } else {
            // the components with WE_HAVE_INSTRUCTIONS cleared; the instructions after them cut
            const std::size_t start = glyf.size();
            const std::size_t end = walk_components(g, a, b, [](std::size_t, std::uint16_t, std::uint16_t) {});
            glyf.insert(glyf.end(), from(a), from(end));
            // (a named copy: clang 14 cannot capture a structured binding)
            walk_components(g, a, b, [&glyf, start, first = a](std::size_t p, std::uint16_t flags, std::uint16_t) {
                put16(glyf, start + (p - first), flags & ~std::uint32_t{kHaveInstructions});
            });
        }
        if (glyf.size() % 2 != 0) glyf.push_back(0);
    }

    bool written(std::size_t t) const {
        return m_tables[t].present && (m_options.hinting || (t != Cvt && t != Fpgm && t != Prep));
    }

    core::Bytes write() const {
        const std::size_t n = m_kept_count;
        // glyf and loca of the subset.
        core::Bytes glyf;
        std::vector<std::size_t> offsets(n + 1, 0);
        for (std::size_t g = 0; g < n; ++g) {
            offsets[g] = glyf.size();
            if (m_keep[g] != 0) append_glyph(glyf, g);
        }
        offsets[n] = glyf.size();
        const bool long_loca = m_long_loca || glyf.size() > 0x1FFFE;
        std::array<std::size_t, TableCount> sizes{};
        for (std::size_t t = 0; t < TableCount; ++t) sizes[t] = written(t) ? m_tables[t].length : 0;
        const std::size_t metrics = std::min<std::size_t>(m_metrics, n);
        sizes[Glyf] = glyf.size();
        sizes[Loca] = (n + 1) * (long_loca ? 4 : 2);
        sizes[Hmtx] = metrics * 4 + (n - metrics) * 2;
        std::size_t tables = 0;
        for (std::size_t t = 0; t < TableCount; ++t) tables += written(t) ? 1 : 0;

        std::array<std::size_t, TableCount> at{};
        std::size_t total = 12 + 16 * tables;
        for (std::size_t t = 0; t < TableCount; ++t) {
            if (!written(t)) continue;
            at[t] = total;
            total += (sizes[t] + 3) & ~std::size_t{3};
        }
        core::Bytes out(total, 0);
        auto copy = [&](TableIx t, std::size_t from, std::size_t len, std::size_t to) {
            std::copy_n(m_b.begin() + static_cast<std::ptrdiff_t>(m_tables[t].offset + from), len,
                        out.begin() + static_cast<std::ptrdiff_t>(to));
        };
        for (const TableIx t : {Cvt, Fpgm, Prep, Head, Hhea, Maxp}) {
            if (written(t)) copy(t, 0, m_tables[t].length, at[t]);
        }
        put32(out, at[Head] + 8, 0);  // checkSumAdjustment, set last
        put16(out, at[Head] + 50, long_loca ? 1 : 0);
        put16(out, at[Hhea] + 34, static_cast<std::uint32_t>(metrics));
        put16(out, at[Maxp] + 4, static_cast<std::uint32_t>(n));
        if (!m_options.hinting && m_tables[Maxp].length >= 32) {
            // version 1.0: maxZones 1 (no twilight zone); twilight points, storage, function and
            // instruction definitions, stack elements, size of instructions: 0
            put16(out, at[Maxp] + 14, 1);
            for (std::size_t off = 16; off <= 26; off += 2) put16(out, at[Maxp] + off, 0);
        }

        for (std::size_t g = 0; g <= n; ++g) {
            if (long_loca)
                put32(out, at[Loca] + 4 * g, static_cast<std::uint32_t>(offsets[g]));
            else
                put16(out, at[Loca] + 2 * g, static_cast<std::uint32_t>(offsets[g] / 2));
        }
        std::copy(glyf.begin(), glyf.end(), out.begin() + static_cast<std::ptrdiff_t>(at[Glyf]));
        // hmtx: `metrics` long metrics, then left side bearings up to n.
        if (m_tables[Hmtx].length < sizes[Hmtx]) fail("hmtx", m_tables[Hmtx].offset, "shorter than hhea and maxp say");
        // Unused glyphs get zero metrics: a viewer takes widths from the PDF's /W array, and the
        // zeros deflate to almost nothing (the original metrics were 15-30 % of a deflated
        // Latin-1 subset). The last long metric keeps its advance: the glyphs after it share it.
        for (std::size_t g = 0; g < n; ++g) {
            const bool long_metric = g < metrics;
            const std::size_t from = long_metric ? 4 * g : 4 * metrics + 2 * (g - metrics);
            const std::size_t to = at[Hmtx] + from;
            if (m_keep[g] != 0) {
                copy(Hmtx, from, long_metric ? 4 : 2, to);
            } else if (long_metric && g + 1 == metrics) {
                copy(Hmtx, from, 2, to);  // advance only
            }
        }

        // Directory: sorted by tag (kTags is), searchRange fields, checksums.
        put32(out, 0, m_version);
        put16(out, 4, static_cast<std::uint32_t>(tables));
        std::uint32_t selector = 0;
        while ((std::size_t{2} << selector) <= tables) ++selector;
        const std::uint32_t range = (std::uint32_t{1} << selector) * 16;
        put16(out, 6, range);
        put16(out, 8, selector);
        put16(out, 10, static_cast<std::uint32_t>(tables * 16 - range));
        std::size_t rec = 12;
        for (std::size_t t = 0; t < TableCount; ++t) {
            if (!written(t)) continue;
            put32(out, rec, kTags[t]);
            put32(out, rec + 4, checksum(out, at[t], at[t] + sizes[t]));
            put32(out, rec + 8, static_cast<std::uint32_t>(at[t]));
            put32(out, rec + 12, static_cast<std::uint32_t>(sizes[t]));
            rec += 16;
        }
        put32(out, at[Head] + 8, 0xB1B0AFBAu - checksum(out, 0, out.size()));
        return out;
    }

    std::span<const std::uint8_t> m_b;
    SubsetOptions m_options;
    std::array<Table, TableCount> m_tables{};
    std::uint32_t m_version = 0;
    bool m_long_loca = false;
    std::uint16_t m_count = 0, m_metrics = 0;
    std::size_t m_kept_count = 0;
    std::vector<std::uint8_t> m_keep;
};

}  // namespace

core::Bytes subset_truetype(std::span<const std::uint8_t> font, const std::vector<std::uint16_t>& glyphs,
                            const SubsetOptions& options) {
    return Subsetter(font, options).run(glyphs);
}

}  // namespace kansli::layout
