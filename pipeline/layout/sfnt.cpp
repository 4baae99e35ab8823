// The sfnt (TrueType/OpenType) table reader behind TrueTypeFont. Std only; every read is
// bounds-checked and a malformed structure is a located core::Error, never a crash.
// Table layouts: OpenType spec 1.9 (https://learn.microsoft.com/typography/opentype/spec/).
#include "layout/fonts.hpp"
#include "layout/subset.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <string>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kansli::layout {

namespace {
constexpr std::size_t kMaxCmapEntries = 300000;  // more than any real font; bounds memory
constexpr std::size_t kMaxKernPairs = 1000000;
constexpr std::size_t kMaxFontBytes = std::size_t{64} << 20;
/// A font file as the parser sees it: as long as the file, but only the table directory and the
/// tables in `wanted` are read in (glyf, GPOS, … are most of the bytes and never looked at);
/// everything else reads as zeros, so the result is deterministic. Errors: core::throw_io.
class SparseFile {
public:
    SparseFile(const std::string& path, std::initializer_list<std::uint32_t> wanted) : m_path(path) {
        m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) core::throw_io(path, std::string("cannot open: ") + std::strerror(errno));
        try {
            read_wanted(wanted);
        } catch (...) {
            release();
            throw;
        }
    }
    ~SparseFile() { release(); }
    SparseFile(const SparseFile&) = delete;
    SparseFile& operator=(const SparseFile&) = delete;

    [[nodiscard]] std::span<const std::uint8_t> bytes() const { return {m_data, m_size}; }

private:
    void release() {
        if (m_data != nullptr) ::munmap(m_data, m_mapped);
        ::close(m_fd);
        m_data = nullptr;
    }

    void read_wanted(std::initializer_list<std::uint32_t> wanted) {
        const std::string& path = m_path;
        struct stat st {};
        if (::fstat(m_fd, &st) != 0) fail("cannot stat");
        if (!S_ISREG(st.st_mode)) core::throw_io(path, "is not a regular file");
        if (static_cast<std::uint64_t>(st.st_size) > kMaxFontBytes) {
            core::throw_io(path, "file is too large (" + std::to_string(st.st_size) + " bytes)",
                           "the limit is " + std::to_string(kMaxFontBytes) + " bytes");
        }
        m_size = static_cast<std::size_t>(st.st_size);
        // Anonymous pages read as zeros and cost nothing until a table is read into them (calloc
        // would clear recycled heap memory).
        m_mapped = std::max<std::size_t>(m_size, 1);
        void* mem = ::mmap(nullptr, m_mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mem == MAP_FAILED) fail("cannot allocate memory for");
        m_data = static_cast<std::uint8_t*>(mem);
        read(0, std::min<std::size_t>(m_size, 12));
        if (m_size < 12) return;
        const std::size_t n = std::size_t{m_data[4]} << 8 | m_data[5];
        read(12, std::min(m_size - 12, 16 * n));
        for (std::size_t i = 0; i < n && 12 + 16 * (i + 1) <= m_size; ++i) {
            const std::uint8_t* r = m_data + 12 + 16 * i;
            const std::uint32_t t = be32(r), off = be32(r + 8), len = be32(r + 12);
            if (std::find(wanted.begin(), wanted.end(), t) == wanted.end()) continue;
            if (off >= m_size) continue;  // the parser reports it
            read(off, std::min<std::size_t>(len, m_size - off));
        }
    }

    static std::uint32_t be32(const std::uint8_t* p) {
        return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
    }
    [[noreturn]] void fail(const char* what) const {
        core::throw_io(m_path, std::string(what) + ": " + std::strerror(errno));
    }
    void read(std::size_t off, std::size_t len) {
        while (len > 0) {
            const ssize_t got = ::pread(m_fd, m_data + off, len, static_cast<off_t>(off));
            if (got < 0 && errno == EINTR) continue;
            if (got < 0) fail("cannot read");
            if (got == 0) core::throw_io(m_path, "the file shrank while it was read");
            off += static_cast<std::size_t>(got);
            len -= static_cast<std::size_t>(got);
        }
    }
    const std::string& m_path;
    int m_fd = -1;
    std::size_t m_size = 0, m_mapped = 0;
    std::uint8_t* m_data = nullptr;
};
}  // namespace

/// Reads one font's bytes into a TrueTypeFont (friend: fills its members).
class SfntParser final {
public:
    SfntParser(std::span<const std::uint8_t> bytes, const std::string& path) : m_b(bytes), m_path(path) {}

    std::unique_ptr<TrueTypeFont> run() {
        auto font = std::unique_ptr<TrueTypeFont>(new TrueTypeFont());
        font->m_path = m_path;
        read_directory();
        read_head(*font);
        const std::size_t glyphs = read_maxp();
        read_hhea_hmtx(*font, glyphs);
        read_cmap(*font, glyphs);
        read_kern(*font);
        read_os2(*font);
        read_name(*font);
        return font;
    }

    /// Only head, hhea, maxp and hmtx: the metrics of an embedded CID font program, which needs no cmap.
    std::unique_ptr<TrueTypeFont> metrics() {
        m_metrics_only = true;
        auto font = std::unique_ptr<TrueTypeFont>(new TrueTypeFont());
        font->m_path = m_path;
        read_directory();
        read_head(*font);
        read_hhea_hmtx(*font, read_maxp());
        return font;
    }

    /// Only the PostScript name (directory and name table), for FontSet's lazy faces.
    std::string postscript_name() {
        TrueTypeFont font;
        read_directory();
        read_name(font);
        return font.m_ps_name;
    }

private:
    bool m_metrics_only = false;
    struct Table {
        std::uint32_t offset = 0, length = 0;
        bool present = false;
    };

    [[noreturn]] void fail(const std::string& table, std::size_t offset, const std::string& what) const {
        throw core::Error(core::ExitCode::Usage, "font", core::SourceLoc{m_path, 0, 0},
                          "malformed font: " + table + " at byte " + std::to_string(offset) + ": " + what,
                          "use an intact TrueType file (e.g. from fonts-liberation2)");
    }
    void need(std::size_t off, std::size_t len, const char* table) const {
        if (off > m_b.size() || len > m_b.size() - off) fail(table, off, "read past the end of the file");
    }
    std::uint16_t u16(std::size_t off, const char* table) const {
        need(off, 2, table);
        return static_cast<std::uint16_t>(m_b[off] << 8 | m_b[off + 1]);
    }
    std::int16_t s16(std::size_t off, const char* table) const { return static_cast<std::int16_t>(u16(off, table)); }
    std::uint32_t u32(std::size_t off, const char* table) const {
        need(off, 4, table);
        return std::uint32_t(m_b[off]) << 24 | std::uint32_t(m_b[off + 1]) << 16 | std::uint32_t(m_b[off + 2]) << 8 |
               std::uint32_t(m_b[off + 3]);
    }

    void read_directory() {
        const std::uint32_t version = u32(0, "offset table");
        if (version != 0x00010000 && version != sfnt_tag("true") && version != sfnt_tag("OTTO")) {
            fail("offset table", 0, "not a TrueType/OpenType font (collections are not supported)");
        }
        const std::uint16_t n = u16(4, "offset table");
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t rec = 12 + 16 * i;
            const std::uint32_t t = u32(rec, "table directory");
            Table tab{u32(rec + 8, "table directory"), u32(rec + 12, "table directory"), true};
            need(tab.offset, tab.length, "table directory");
            if (t == sfnt_tag("head"))
                m_head = tab;
            else if (t == sfnt_tag("hhea"))
                m_hhea = tab;
            else if (t == sfnt_tag("maxp"))
                m_maxp = tab;
            else if (t == sfnt_tag("hmtx"))
                m_hmtx = tab;
            else if (t == sfnt_tag("cmap"))
                m_cmap = tab;
            else if (t == sfnt_tag("kern"))
                m_kern = tab;
            else if (t == sfnt_tag("OS/2"))
                m_os2 = tab;
            else if (t == sfnt_tag("name"))
                m_name = tab;
        }
        const std::pair<const Table*, const char*> required[] = {
            {&m_head, "head"}, {&m_hhea, "hhea"}, {&m_maxp, "maxp"}, {&m_hmtx, "hmtx"}, {&m_cmap, "cmap"}};
        for (const auto& [t, name] : required) {
            if (!t->present && !(m_metrics_only && t == &m_cmap)) fail(name, 0, "required table is missing");
        }
    }

    // Bounds-checked read inside a table: off is relative to the table start.
    void need_in(const Table& t, std::size_t off, std::size_t len, const char* name) const {
        if (off > t.length || len > t.length - off) fail(name, t.offset + off, "read past the end of the table");
    }

    void read_head(TrueTypeFont& f) {
        need_in(m_head, 0, 54, "head");
        const int upem = u16(m_head.offset + 18, "head");
        if (upem < 16 || upem > 16384) fail("head", m_head.offset + 18, "unitsPerEm out of range");
        f.m_upem = upem;
        for (int i = 0; i < 4; ++i) f.m_bbox[i] = s16(m_head.offset + 36 + 2 * i, "head");
    }

    std::size_t read_maxp() {
        need_in(m_maxp, 0, 6, "maxp");
        const std::size_t n = u16(m_maxp.offset + 4, "maxp");
        if (n == 0) fail("maxp", m_maxp.offset + 4, "font has no glyphs");
        return n;
    }

    void read_hhea_hmtx(TrueTypeFont& f, std::size_t glyphs) {
        need_in(m_hhea, 0, 36, "hhea");
        f.m_ascender = s16(m_hhea.offset + 4, "hhea");
        f.m_descender = s16(m_hhea.offset + 6, "hhea");
        f.m_line_gap = s16(m_hhea.offset + 8, "hhea");
        const std::size_t metrics = u16(m_hhea.offset + 34, "hhea");
        if (metrics == 0 || metrics > glyphs) fail("hhea", m_hhea.offset + 34, "numberOfHMetrics out of range");
        need_in(m_hmtx, 0, metrics * 4, "hmtx");
        f.m_advances.resize(glyphs);
        for (std::size_t g = 0; g < glyphs; ++g) {
            f.m_advances[g] = u16(m_hmtx.offset + 4 * std::min(g, metrics - 1), "hmtx");
        }
    }

    void read_cmap(TrueTypeFont& f, std::size_t glyphs) {
        const char* name = "cmap";
        need_in(m_cmap, 0, 4, name);
        const std::uint16_t n = u16(m_cmap.offset + 2, name);
        need_in(m_cmap, 4, std::size_t{8} * n, name);
        // Preference: full Unicode format 12, then BMP format 4.
        std::uint32_t best = 0;
        int best_rank = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t rec = m_cmap.offset + 4 + 8 * i;
            const std::uint16_t platform = u16(rec, name), encoding = u16(rec + 2, name);
            const std::uint32_t off = u32(rec + 4, name);
            need_in(m_cmap, off, 2, name);
            const std::uint16_t format = u16(m_cmap.offset + off, name);
            const bool unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10));
            int rank = 0;
            if (unicode && format == 12)
                rank = 2;
            else if (unicode && format == 4)
                rank = 1;
            if (rank > best_rank) {
                best_rank = rank;
                best = off;
            }
        }
        if (best_rank == 0) fail(name, m_cmap.offset, "no Unicode subtable of format 4 or 12");
        f.m_low_cmap.assign(TrueTypeFont::kLowCmap, 0);
        auto add = [&](char32_t cp, std::uint32_t g) {
            if (g == 0 || g >= glyphs || cp > 0x10FFFF) return;
            if (cp < TrueTypeFont::kLowCmap) {
                f.m_low_cmap[cp] = static_cast<std::uint16_t>(g);
            } else {
                if (f.m_high_cmap.size() >= kMaxCmapEntries) fail(name, m_cmap.offset, "too many mapped characters");
                f.m_high_cmap.push_back({cp, static_cast<std::uint16_t>(g)});
            }
        };
        const std::size_t sub = m_cmap.offset + best;
        if (best_rank == 2)
            read_cmap12(sub, add);
        else
            read_cmap4(sub, add);
        std::sort(f.m_high_cmap.begin(), f.m_high_cmap.end(), [](const auto& a, const auto& b) { return a.cp < b.cp; });
        // Duplicates (overlapping groups in a bad font): keep the first mapping of each cp.
        f.m_high_cmap.erase(std::unique(f.m_high_cmap.begin(), f.m_high_cmap.end(),
                                        [](const auto& a, const auto& b) { return a.cp == b.cp; }),
                            f.m_high_cmap.end());
    }

    template <class Add>
    void read_cmap4(std::size_t sub, Add& add) {
        const char* name = "cmap format 4";
        const std::size_t seg2 = u16(sub + 6, name);
        if (seg2 % 2 != 0) fail(name, sub + 6, "odd segCountX2");
        const std::size_t ends = sub + 14, starts = ends + seg2 + 2, deltas = starts + seg2, ranges = deltas + seg2;
        need(ranges, seg2, name);
        std::size_t total = 0;
        for (std::size_t s = 0; s < seg2; s += 2) {
            const std::uint32_t end = u16(ends + s, name), start = u16(starts + s, name);
            const std::uint16_t delta = u16(deltas + s, name), range = u16(ranges + s, name);
            if (start > end) continue;
            total += end - start + 1;
            if (total > kMaxCmapEntries) fail(name, ends + s, "too many mapped characters");
            for (std::uint32_t cp = start; cp <= end && cp != 0xFFFF; ++cp) {
                std::uint32_t g = 0;
                if (range == 0) {
                    g = (cp + delta) & 0xFFFF;
                } else {
                    const std::size_t at = ranges + s + range + 2 * std::size_t(cp - start);
                    if (at + 2 > m_b.size()) break;  // truncated glyph array: map the rest to nothing
                    g = u16(at, name);
                    if (g != 0) g = (g + delta) & 0xFFFF;
                }
                add(static_cast<char32_t>(cp), g);
            }
        }
    }

    template <class Add>
    void read_cmap12(std::size_t sub, Add& add) {
        const char* name = "cmap format 12";
        const std::uint32_t groups = u32(sub + 12, name);
        need(sub + 16, std::size_t{12} * groups, name);
        std::size_t total = 0;
        for (std::size_t i = 0; i < groups; ++i) {
            const std::size_t g = sub + 16 + 12 * i;
            const std::uint32_t start = u32(g, name), end = u32(g + 4, name), glyph = u32(g + 8, name);
            if (start > end || end > 0x10FFFF) fail(name, g, "bad character range");
            total += end - start + 1;
            if (total > kMaxCmapEntries) fail(name, g, "too many mapped characters");
            for (std::uint32_t cp = start; cp <= end; ++cp) add(cp, glyph + (cp - start));
        }
    }

    void read_kern(TrueTypeFont& f) {
        if (!m_kern.present) return;
        const char* name = "kern";
        need_in(m_kern, 0, 4, name);
        if (u16(m_kern.offset, name) != 0) return;  // Apple's version 1 table: not used by our fonts
        const std::size_t n = u16(m_kern.offset + 2, name);
        std::size_t at = 4;
        for (std::size_t i = 0; i < n; ++i) {
            need_in(m_kern, at, 6, name);
            const std::size_t length = u16(m_kern.offset + at + 2, name);
            const std::uint16_t coverage = u16(m_kern.offset + at + 4, name);
            const bool horizontal = (coverage & 1) != 0, minimum = (coverage & 2) != 0, cross = (coverage & 4) != 0;
            const bool override_ = (coverage & 8) != 0;
            if ((coverage >> 8) == 0 && horizontal && !minimum && !cross) {
                need_in(m_kern, at + 6, 8, name);
                const std::size_t pairs = u16(m_kern.offset + at + 6, name);
                // The 16-bit subtable length overflows for large tables; trust nPairs, bounded by the table.
                need_in(m_kern, at + 14, pairs * 6, name);
                if (f.m_kern.size() + pairs > kMaxKernPairs) fail(name, m_kern.offset + at, "too many pairs");
                f.m_kern.reserve(f.m_kern.size() + pairs);
                for (std::size_t p = 0; p < pairs; ++p) {
                    const std::size_t e = m_kern.offset + at + 14 + 6 * p;
                    const std::uint32_t key = std::uint32_t(u16(e, name)) << 16 | u16(e + 2, name);
                    f.m_kern.push_back({key, s16(e + 4, name)});
                }
                (void)override_;  // one subtable in practice; later values win below either way
                at += 14 + pairs * 6;
            } else {
                if (length < 6) break;
                at += length;
            }
        }
        // Sorted by pair; for duplicates keep the last (later subtables override). Format 0
        // requires sorted pairs, so the sort is usually a check.
        const auto by_pair = [](const auto& a, const auto& b) { return a.pair < b.pair; };
        if (!std::is_sorted(f.m_kern.begin(), f.m_kern.end(), by_pair)) {
            std::stable_sort(f.m_kern.begin(), f.m_kern.end(), by_pair);
        }
        std::vector<TrueTypeFont::KernEntry> out;
        out.reserve(f.m_kern.size());
        for (const auto& e : f.m_kern) {
            if (!out.empty() && out.back().pair == e.pair)
                out.back() = e;
            else
                out.push_back(e);
        }
        f.m_kern = std::move(out);
        // Index by left glyph so a lookup searches only that glyph's few pairs.
        f.m_kern_start.assign(f.m_advances.size() + 1, 0);
        std::size_t k = 0;
        for (std::size_t g = 0; g <= f.m_advances.size(); ++g) {
            while (k < f.m_kern.size() && (f.m_kern[k].pair >> 16) < g) ++k;
            f.m_kern_start[g] = static_cast<std::uint32_t>(k);
        }
    }

    void read_os2(TrueTypeFont& f) {
        f.m_cap_height = f.m_ascender * 7 / 10;  // fallback when OS/2 has no sCapHeight
        if (!m_os2.present || m_os2.length < 90) return;
        const std::uint16_t version = u16(m_os2.offset, "OS/2");
        if (version >= 2) {
            const int cap = s16(m_os2.offset + 88, "OS/2");
            if (cap > 0) f.m_cap_height = cap;
        }
    }

    void read_name(TrueTypeFont& f) {
        if (m_name.present) {
            const char* name = "name";
            need_in(m_name, 0, 6, name);
            const std::size_t count = u16(m_name.offset + 2, name);
            const std::size_t strings = u16(m_name.offset + 4, name);
            need_in(m_name, 6, count * 12, name);
            std::string mac;
            for (std::size_t i = 0; i < count && f.m_ps_name.empty(); ++i) {
                const std::size_t r = m_name.offset + 6 + 12 * i;
                const std::uint16_t platform = u16(r, name), id = u16(r + 6, name);
                const std::size_t len = u16(r + 8, name), off = u16(r + 10, name);
                if (id != 6) continue;
                if (strings + off > m_name.length || len > m_name.length - strings - off) continue;
                const std::size_t at = m_name.offset + strings + off;
                std::string s;
                if (platform == 3 || platform == 0) {
                    for (std::size_t k = 0; k + 1 < len; k += 2) {
                        const std::uint16_t c = u16(at + k, name);
                        if (c > 32 && c < 127) s += static_cast<char>(c);
                    }
                    f.m_ps_name = s;
                } else if (platform == 1 && mac.empty()) {
                    for (std::size_t k = 0; k < len; ++k) {
                        const char c = static_cast<char>(m_b[at + k]);
                        if (c > 32 && c < 127) mac += c;
                    }
                }
            }
            if (f.m_ps_name.empty()) f.m_ps_name = mac;
        }
        if (f.m_ps_name.empty()) {  // a font without a PostScript name: derive one from the file name
            const auto slash = m_path.find_last_of('/');
            std::string base = m_path.substr(slash == std::string::npos ? 0 : slash + 1);
            if (const auto dot = base.rfind('.'); dot != std::string::npos) base.resize(dot);
            f.m_ps_name = base.empty() ? "Unnamed" : base;
        }
    }

    std::span<const std::uint8_t> m_b;
    const std::string& m_path;
    Table m_head, m_hhea, m_maxp, m_hmtx, m_cmap, m_kern, m_os2, m_name;
};

std::unique_ptr<TrueTypeFont> TrueTypeFont::parse(std::span<const std::uint8_t> bytes, const std::string& path) {
    return SfntParser(bytes, path).run();
}

std::unique_ptr<TrueTypeFont> TrueTypeFont::parse_metrics(std::span<const std::uint8_t> bytes,
                                                          const std::string& path) {
    return SfntParser(bytes, path).metrics();
}

std::unique_ptr<TrueTypeFont> TrueTypeFont::load(const std::string& path) {
    const SparseFile file(path, {sfnt_tag("head"), sfnt_tag("hhea"), sfnt_tag("maxp"), sfnt_tag("hmtx"),
                                 sfnt_tag("cmap"), sfnt_tag("kern"), sfnt_tag("OS/2"), sfnt_tag("name")});
    return parse(file.bytes(), path);
}

std::string TrueTypeFont::load_postscript_name(const std::string& path) {
    const SparseFile file(path, {sfnt_tag("name")});
    return SfntParser(file.bytes(), path).postscript_name();
}

}  // namespace kansli::layout
