// Tests of layout/subset.{hpp,cpp}: subsets of the installed Liberation Sans 2 and DejaVu Sans
// read back with FreeType (a parser we did not write) and with our own TrueTypeFont, the sfnt
// structure checked from the raw bytes, and hostile inputs; each with and without hinting
// (SubsetOptions::hinting = false is what a signature appearance embeds).
#include "layout/subset.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "core/utf8.hpp"
#include "layout/fonts.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>

using namespace kansli;
using namespace kansli::layout;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace subset_test {

namespace {

constexpr const char* kLiberation = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf";
constexpr const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
// Every test that writes a subset runs with both.
const std::vector<SubsetOptions> kBothOptions = {SubsetOptions{}, SubsetOptions{.hinting = false}};

std::uint32_t be32(const core::Bytes& b, std::size_t o) {
    return std::uint32_t(b.at(o)) << 24 | std::uint32_t(b.at(o + 1)) << 16 | std::uint32_t(b.at(o + 2)) << 8 |
           b.at(o + 3);
}
std::uint16_t be16(const core::Bytes& b, std::size_t o) {
    return static_cast<std::uint16_t>(b.at(o) << 8 | b.at(o + 1));
}

struct TableRec {
    std::uint32_t checksum = 0, offset = 0, length = 0;
};
/// The table directory of an sfnt, read independently of the code under test.
std::map<std::string, TableRec> directory(const core::Bytes& b) {
    std::map<std::string, TableRec> out;
    for (std::size_t i = 0, n = be16(b, 4); i < n; ++i) {
        const std::size_t r = 12 + 16 * i;
        out[std::string(reinterpret_cast<const char*>(&b.at(r)), 4)] = {be32(b, r + 4), be32(b, r + 8),
                                                                        be32(b, r + 12)};
    }
    return out;
}
/// Byte ranges [begin, end) of every glyph in the sfnt's glyf, from loca and head (read here,
/// not with the code under test).
std::vector<std::pair<std::size_t, std::size_t>> glyph_ranges(const core::Bytes& b) {
    const auto dir = directory(b);
    const bool long_loca = be16(b, dir.at("head").offset + 50) == 1;
    const std::size_t count = be16(b, dir.at("maxp").offset + 4), loca = dir.at("loca").offset,
                      glyf = dir.at("glyf").offset;
    auto at = [&](std::size_t g) -> std::size_t {
        return long_loca ? be32(b, loca + 4 * g) : 2u * be16(b, loca + 2 * g);
    };
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t g = 0; g < count; ++g) out.emplace_back(glyf + at(g), glyf + at(g + 1));
    return out;
}
std::uint32_t sum32(const core::Bytes& b, std::size_t off, std::size_t len) {
    std::uint32_t s = 0;
    for (std::size_t i = 0; i < len; i += 4) {
        std::uint32_t w = 0;
        for (std::size_t k = 0; k < 4; ++k) w = w << 8 | (i + k < len ? b.at(off + i + k) : 0);
        s += w;
    }
    return s;
}

/// A new sfnt holding the tables of `font` plus `extra` (tag → bytes). Our TrueTypeFont needs a
/// cmap, which the subset rightly leaves out (a CIDFontType2 with Identity maps CIDs to glyphs).
core::Bytes with_tables(const core::Bytes& font, const std::map<std::string, core::Bytes>& extra) {
    std::map<std::string, core::Bytes> tables = extra;
    for (const auto& [t, rec] : directory(font)) {
        tables[t] = core::Bytes(font.begin() + rec.offset, font.begin() + rec.offset + rec.length);
    }
    core::Bytes out(12 + 16 * tables.size(), 0);
    out[1] = 1;
    out[5] = static_cast<std::uint8_t>(tables.size());
    std::size_t i = 0;
    for (const auto& [t, data] : tables) {
        const std::size_t r = 12 + 16 * i++, off = out.size();
        std::copy(t.begin(), t.end(), out.begin() + static_cast<std::ptrdiff_t>(r));
        for (int k = 0; k < 4; ++k)
            out[r + 8 + static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(off >> (24 - 8 * k));
        for (int k = 0; k < 4; ++k)
            out[r + 12 + static_cast<std::size_t>(k)] = static_cast<std::uint8_t>(data.size() >> (24 - 8 * k));
        out.insert(out.end(), data.begin(), data.end());
        out.resize((out.size() + 3) & ~std::size_t{3});
    }
    return out;
}

struct FtLibrary {
    FT_Library lib = nullptr;
    FtLibrary() { REQUIRE(FT_Init_FreeType(&lib) == 0); }
    ~FtLibrary() { FT_Done_FreeType(lib); }
};
struct FtFace {
    FT_Face face = nullptr;
    FtFace(FT_Library lib, const core::Bytes& bytes) {
        REQUIRE(FT_New_Memory_Face(lib, bytes.data(), static_cast<FT_Long>(bytes.size()), 0, &face) == 0);
    }
    ~FtFace() { FT_Done_Face(face); }
};

/// One glyph as FreeType loads it in font units: the outline (composites resolved) and advance.
struct Outline {
    std::vector<FT_Vector> points;
    std::vector<char> tags;
    std::vector<short> contours;
    FT_Pos advance = 0;
    bool operator==(const Outline& o) const {
        auto same_points = std::equal(points.begin(), points.end(), o.points.begin(), o.points.end(),
                                      [](const FT_Vector& a, const FT_Vector& b) { return a.x == b.x && a.y == b.y; });
        return same_points && tags == o.tags && contours == o.contours && advance == o.advance;
    }
};
Outline load(FT_Face face, unsigned glyph) {
    REQUIRE(FT_Load_Glyph(face, glyph, FT_LOAD_NO_SCALE) == 0);
    const FT_Outline& o = face->glyph->outline;
    Outline out;
    out.points.assign(o.points, o.points + o.n_points);
    out.tags.assign(o.tags, o.tags + o.n_points);
    out.contours.assign(o.contours, o.contours + o.n_contours);
    out.advance = face->glyph->metrics.horiAdvance;
    return out;
}
/// Direct components of a composite glyph (empty for a simple one).
std::vector<unsigned> components(FT_Face face, unsigned glyph) {
    REQUIRE(FT_Load_Glyph(face, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_RECURSE) == 0);
    std::vector<unsigned> out;
    if (face->glyph->format != FT_GLYPH_FORMAT_COMPOSITE) return out;
    for (FT_UInt i = 0; i < face->glyph->num_subglyphs; ++i) {
        FT_Int index = 0, arg1 = 0, arg2 = 0;
        FT_UInt flags = 0;
        FT_Matrix m{};
        REQUIRE(FT_Get_SubGlyph_Info(face->glyph, i, &index, &flags, &arg1, &arg2, &m) == 0);
        out.push_back(static_cast<unsigned>(index));
    }
    return out;
}

std::vector<std::uint16_t> glyphs_of(const TrueTypeFont& font, std::u32string_view text) {
    std::vector<std::uint16_t> out;
    for (const char32_t c : text) {
        const std::uint16_t g = font.glyph(c);
        INFO("U+" << std::hex << static_cast<unsigned>(c));
        REQUIRE(g != 0);  // the fonts cover the test strings
        out.push_back(g);
    }
    return out;
}

/// Every glyph `seed` reaches through composites (seed included), found with FreeType.
std::set<unsigned> closure(FT_Face face, const std::vector<std::uint16_t>& seed) {
    std::set<unsigned> seen(seed.begin(), seed.end());
    seen.insert(0);
    std::vector<unsigned> work(seen.begin(), seen.end());
    while (!work.empty()) {
        const unsigned g = work.back();
        work.pop_back();
        for (const unsigned c : components(face, g)) {
            if (seen.insert(c).second) work.push_back(c);
        }
    }
    return seen;
}

struct Case {
    std::string font;
    std::u32string text;
};
std::vector<Case> cases() {
    std::ifstream in(test::data("layout/subset/cases.txt"));
    REQUIRE(in);
    std::vector<Case> out;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const auto tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        out.push_back({line.substr(0, tab), core::to_u32(line.substr(tab + 1))});
    }
    REQUIRE(out.size() >= 2);
    return out;
}

std::u32string latin1() {
    std::u32string s;
    for (char32_t c = 0x20; c < 0x7F; ++c) s += c;
    for (char32_t c = 0xA0; c <= 0xFF; ++c) s += c;
    return s + U"–—‘’“”•…€";
}

}  // namespace

TEST_CASE("subset keeps the outlines and advances of the kept glyphs and empties the rest", "[subset]") {
    FtLibrary ft;
    for (const Case& c : cases())
        for (const SubsetOptions& options : kBothOptions) {
            INFO(c.font << (options.hinting ? "" : " without hinting"));
            const core::Bytes original = core::read_file(c.font);
            const auto parsed = TrueTypeFont::parse(original, c.font);
            const std::vector<std::uint16_t> wanted = glyphs_of(*parsed, c.text);
            const core::Bytes sub = subset_truetype(original, wanted, options);
            CHECK(sub.size() * 5 < original.size());

            FtFace orig_face(ft.lib, original), sub_face(ft.lib, sub);
            const std::set<unsigned> kept = closure(orig_face.face, wanted);
            const unsigned count = *kept.rbegin() + 1;
            CHECK(sub_face.face->num_glyphs == static_cast<FT_Long>(count));
            for (unsigned g = 0; g < count; ++g) {
                INFO("glyph " << g);
                const Outline s = load(sub_face.face, g);
                if (kept.count(g) != 0) {
                    CHECK(s == load(orig_face.face, g));
                } else {
                    CHECK(s.points.empty());
                    CHECK(s.contours.empty());
                    // Zero advance, except from the last long hmtx metric on (its advance is shared).
                    const auto metrics = static_cast<unsigned>(be16(sub, directory(sub).at("hhea").offset + 34));
                    if (g + 1 < metrics) CHECK(s.advance == 0);
                }
            }

            // Our own parser, given back the original cmap: same glyph ids, same advances.
            const auto rec = directory(original).at("cmap");  // a copy: directory() returns a temporary
            const core::Bytes cmap(original.begin() + rec.offset, original.begin() + rec.offset + rec.length);
            const auto back = TrueTypeFont::parse(with_tables(sub, {{"cmap", cmap}}), "subset");
            CHECK(back->glyph_count() == count);
            for (const char32_t ch : c.text) {
                CHECK(back->glyph(ch) == parsed->glyph(ch));
                CHECK(back->glyph_advance(parsed->glyph(ch)) == parsed->glyph_advance(parsed->glyph(ch)));
            }
            CHECK(back->units_per_em() == parsed->units_per_em());
            CHECK(back->ascender() == parsed->ascender());
        }
}

TEST_CASE("subset has the PDF tables, sorted, aligned, with valid checksums", "[subset]") {
    for (const Case& c : cases())
        for (const SubsetOptions& options : kBothOptions) {
            INFO(c.font << (options.hinting ? "" : " without hinting"));
            const core::Bytes original = core::read_file(c.font);
            const auto parsed = TrueTypeFont::parse(original, c.font);
            const core::Bytes sub = subset_truetype(original, glyphs_of(*parsed, c.text), options);
            CHECK(subset_truetype(original, glyphs_of(*parsed, c.text), options) == sub);  // deterministic

            const auto dir = directory(sub);
            std::set<std::string> expected = {"glyf", "head", "hhea", "hmtx", "loca", "maxp"};
            for (const char* optional : {"cvt ", "fpgm", "prep"}) {
                if (options.hinting && directory(original).count(optional) != 0) expected.insert(optional);
            }
            std::set<std::string> got;
            for (const auto& [t, rec] : dir) got.insert(t);
            CHECK(got == expected);

            // Directory order is by tag, and searchRange/entrySelector/rangeShift match numTables.
            const std::size_t n = be16(sub, 4);
            CHECK(n == dir.size());
            for (std::size_t i = 1; i < n; ++i) {
                CHECK(std::lexicographical_compare(&sub.at(12 + 16 * (i - 1)), &sub.at(12 + 16 * (i - 1)) + 4,
                                                   &sub.at(12 + 16 * i), &sub.at(12 + 16 * i) + 4));
            }
            std::size_t pow2 = 1, selector = 0;
            while (pow2 * 2 <= n) pow2 *= 2, ++selector;
            CHECK(be16(sub, 6) == pow2 * 16);
            CHECK(be16(sub, 8) == selector);
            CHECK(be16(sub, 10) == n * 16 - pow2 * 16);

            const TableRec head = dir.at("head");
            for (const auto& [t, rec] : dir) {
                INFO(t);
                CHECK(rec.offset % 4 == 0);
                CHECK(rec.offset + rec.length <= sub.size());
                std::uint32_t sum = sum32(sub, rec.offset, rec.length);
                if (t == "head") sum -= be32(sub, head.offset + 8);  // computed with checkSumAdjustment = 0
                CHECK(rec.checksum == sum);
            }
            CHECK(sum32(sub, 0, sub.size()) == 0xB1B0AFBAu);  // head.checkSumAdjustment makes it so

            // Glyph count agrees across maxp, hhea, hmtx and loca.
            const std::size_t glyphs = be16(sub, dir.at("maxp").offset + 4);
            const std::size_t metrics = be16(sub, dir.at("hhea").offset + 34);
            CHECK(metrics >= 1);
            CHECK(metrics <= glyphs);
            CHECK(dir.at("hmtx").length == metrics * 4 + (glyphs - metrics) * 2);
            const bool long_loca = be16(sub, head.offset + 50) == 1;
            CHECK(long_loca == (be16(original, directory(original).at("head").offset + 50) == 1));
            CHECK(dir.at("loca").length == (glyphs + 1) * (long_loca ? 4 : 2));
        }
}

TEST_CASE("subset keeps the components of composite glyphs", "[subset]") {
    FtLibrary ft;
    std::size_t composites = 0;
    for (const char* path : {kLiberation, kDejaVu}) {
        INFO(path);
        const core::Bytes original = core::read_file(path);
        const auto parsed = TrueTypeFont::parse(original, path);
        FtFace orig_face(ft.lib, original);
        for (const char32_t ch : std::u32string(U"ÅÄÖåäöéÉüñ"))
            for (const SubsetOptions& options : kBothOptions) {
                const std::uint16_t g = parsed->glyph(ch);
                const std::vector<unsigned> parts = components(orig_face.face, g);
                if (parts.empty()) continue;
                ++composites;
                INFO("U+" << std::hex << static_cast<unsigned>(ch) << (options.hinting ? "" : " without hinting"));
                const core::Bytes sub = subset_truetype(original, {g}, options);  // only the composite itself
                FtFace sub_face(ft.lib, sub);
                CHECK(components(sub_face.face, g) == parts);
                for (const unsigned p : parts) {
                    CHECK(!load(sub_face.face, p).points.empty());
                    CHECK(load(sub_face.face, p) == load(orig_face.face, p));
                }
                CHECK(load(sub_face.face, g) == load(orig_face.face, g));
            }
    }
    CHECK(composites >= 4);  // the accented letters of at least one of the fonts are composites
}

TEST_CASE("subset drops trailing glyphs and keeps glyph 0", "[subset]") {
    FtLibrary ft;
    const core::Bytes original = core::read_file(kLiberation);
    FtFace orig_face(ft.lib, original);
    const core::Bytes only_notdef = subset_truetype(original, {});
    FtFace a(ft.lib, only_notdef);
    CHECK(a.face->num_glyphs == 1);
    CHECK(load(a.face, 0) == load(orig_face.face, 0));
    CHECK(!load(a.face, 0).points.empty());  // .notdef has a box in Liberation

    const auto parsed = TrueTypeFont::parse(original, kLiberation);
    const std::uint16_t a_glyph = parsed->glyph(U'A');
    const core::Bytes dup = subset_truetype(original, {a_glyph, a_glyph, 0, a_glyph});
    CHECK(dup == subset_truetype(original, {a_glyph}));
    FtFace b(ft.lib, dup);
    CHECK(b.face->num_glyphs == a_glyph + 1);
}

TEST_CASE("subset rejects malformed fonts with core::Error", "[subset]") {
    const core::Bytes original = core::read_file(kLiberation);
    const auto parsed = TrueTypeFont::parse(original, kLiberation);
    const std::vector<std::uint16_t> wanted = glyphs_of(*parsed, U"Åsa Öberg § 12–14 ’é");
    auto rejects = [&](const core::Bytes& bytes, const std::vector<std::uint16_t>& glyphs, const std::string& words,
                       const SubsetOptions& options = {}) {
        try {
            (void)subset_truetype(bytes, glyphs, options);
            FAIL("no error for: " << words);
        } catch (const core::Error& e) {
            REQUIRE(!e.diagnostics().empty());
            CHECK(e.diagnostics().front().kind == "font");
            CHECK_THAT(e.diagnostics().front().message, Catch::Contains(words));
        }
    };
    SECTION("truncated anywhere in the tables it reads") {
        // Tables the subset does not carry (GSUB, post, ...) may be cut off; these may not.
        std::size_t end = 0, glyf_start = 0;
        for (const auto& [t, rec] : directory(original)) {
            if (t == "glyf") glyf_start = rec.offset;
            if (t == "glyf" || t == "loca" || t == "head" || t == "hhea" || t == "hmtx" || t == "maxp") {
                end = std::max<std::size_t>(end, rec.offset + rec.length);
            }
        }
        for (std::size_t len : {std::size_t{0}, std::size_t{3}, std::size_t{11}, std::size_t{12}, std::size_t{100},
                                std::size_t{400}, glyf_start + 1, end / 2, end - 1}) {
            INFO("length " << len);
            rejects(core::Bytes(original.begin(), original.begin() + static_cast<std::ptrdiff_t>(len)), wanted,
                    "malformed font");
        }
    }
    SECTION("not TrueType") {
        core::Bytes otto = original;
        std::copy_n("OTTO", 4, otto.begin());
        rejects(otto, wanted, "CFF");
        core::Bytes ttc = original;
        std::copy_n("ttcf", 4, ttc.begin());
        rejects(ttc, wanted, "not a TrueType font");
    }
    SECTION("glyph id beyond the font") {
        rejects(original, {static_cast<std::uint16_t>(parsed->glyph_count())}, "not below numGlyphs");
    }
    SECTION("a required table missing") {
        core::Bytes b = original;
        const auto dir = directory(original);
        for (std::size_t i = 0, n = be16(b, 4); i < n; ++i) {
            if (std::string(reinterpret_cast<const char*>(&b[12 + 16 * i]), 4) == "loca")
                std::copy_n("xxxx", 4, &b[12 + 16 * i]);
        }
        rejects(b, wanted, "loca at byte 0: required table is missing");
    }
    SECTION("loca pointing outside glyf") {
        core::Bytes b = original;
        const TableRec loca = directory(original).at("loca");
        const std::size_t g = wanted.front();
        const bool long_loca = be16(b, directory(original).at("head").offset + 50) == 1;
        const std::size_t at = loca.offset + (long_loca ? 4 : 2) * (g + 1);
        std::fill_n(&b[at], long_loca ? 4 : 2, 0xFF);
        rejects(b, wanted, "lies outside glyf");
    }
    SECTION("instructions longer than their glyph: only a subset without hinting reads them") {
        core::Bytes b = original;
        const std::uint16_t g = parsed->glyph(U's');
        const auto [begin, end] = glyph_ranges(b).at(g);
        REQUIRE(end - begin > 12);
        const auto contours = static_cast<std::int16_t>(be16(b, begin));
        REQUIRE(contours > 0);  // a simple glyph
        const std::size_t at_length = begin + 10 + 2 * static_cast<std::size_t>(contours);
        b.at(at_length) = 0xFF;
        b.at(at_length + 1) = 0xFF;
        CHECK_NOTHROW(subset_truetype(b, {g}));  // copied as it is
        rejects(b, {g}, "glyph " + std::to_string(g) + " is truncated", SubsetOptions{.hinting = false});
    }
}

TEST_CASE("subset survives random corruption", "[subset]") {
    // Deterministic mutations of the table directory, head/hhea/maxp/loca and glyph data: each
    // run either gives a font or a core::Error, never a crash or any other exception.
    const core::Bytes original = core::read_file(kDejaVu);
    const auto parsed = TrueTypeFont::parse(original, kDejaVu);
    const std::vector<std::uint16_t> wanted = glyphs_of(*parsed, U"ÅÄÖåäöé§–’");
    const auto dir = directory(original);
    std::vector<std::pair<std::size_t, std::size_t>> zones = {{0, 12 + 16 * dir.size()}};
    for (const char* t : {"head", "hhea", "maxp", "loca"})
        zones.emplace_back(dir.at(t).offset, std::min<std::size_t>(dir.at(t).length, 4096));
    zones.emplace_back(dir.at("glyf").offset, 20000);
    std::mt19937 rng(20230224);
    std::size_t errors = 0, fonts = 0;
    for (int round = 0; round < 400; ++round) {
        core::Bytes b = original;
        const auto& [off, len] = zones[static_cast<std::size_t>(round) % zones.size()];
        for (int k = 0; k < 4; ++k) b[off + rng() % len] = static_cast<std::uint8_t>(rng());
        try {
            const core::Bytes sub = subset_truetype(b, wanted, kBothOptions[static_cast<std::size_t>(round) % 2]);
            CHECK(sum32(sub, 0, sub.size()) == 0xB1B0AFBAu);
            ++fonts;
        } catch (const core::Error& e) {
            CHECK(e.diagnostics().front().kind == "font");
            ++errors;
        }
    }
    CHECK(errors > 0);
    CHECK(fonts > 0);
}

TEST_CASE("a subset without hinting has no instructions left, smaller, still renders hinted", "[subset]") {
    FtLibrary ft;
    std::size_t simple = 0, composite = 0;
    for (const char* path : {kLiberation, kDejaVu}) {
        INFO(path);
        const core::Bytes original = core::read_file(path);
        const auto parsed = TrueTypeFont::parse(original, path);
        const std::vector<std::uint16_t> wanted =
            glyphs_of(*parsed, U"Justerare: Åsa Öberg, Ordförande 2023-02-24 §–’");
        const core::Bytes hinted = subset_truetype(original, wanted);
        const core::Bytes plain = subset_truetype(original, wanted, {.hinting = false});
        // Smaller by at least fpgm, prep and cvt (and the glyph instructions on top).
        std::size_t programs = 0;
        for (const char* t : {"cvt ", "fpgm", "prep"})
            programs += directory(original).count(t) != 0 ? directory(original).at(t).length : 0;
        CHECK(programs > 0);
        CHECK(plain.size() + programs < hinted.size());

        // Every glyph: simple ones have instructionLength 0, composites no WE_HAVE_INSTRUCTIONS.
        for (const auto& [begin, end] : glyph_ranges(plain)) {
            if (begin == end) continue;
            const auto contours = static_cast<std::int16_t>(be16(plain, begin));
            if (contours >= 0) {
                CHECK(be16(plain, begin + 10 + 2 * static_cast<std::size_t>(contours)) == 0);
                ++simple;
                continue;
            }
            ++composite;
            for (std::size_t p = begin + 10;;) {
                const std::uint16_t flags = be16(plain, p);
                CHECK((flags & 0x0100) == 0);
                p += 4 + ((flags & 0x0001) != 0 ? 4 : 2) +
                     ((flags & 0x0008) != 0   ? 2
                      : (flags & 0x0040) != 0 ? 4
                      : (flags & 0x0080) != 0 ? 8
                                              : 0);
                if ((flags & 0x0020) == 0) {
                    CHECK(end - p <= 1);  // nothing after the components but padding
                    break;
                }
            }
        }
        // maxp 1.0: maxZones 1, no twilight points, storage, function/instruction defs, stack, instructions.
        const std::size_t maxp = directory(plain).at("maxp").offset;
        CHECK(be16(plain, maxp + 14) == 1);
        for (std::size_t off = 16; off <= 26; off += 2) CHECK(be16(plain, maxp + off) == 0);
        CHECK(be16(plain, maxp + 28) == be16(original, directory(original).at("maxp").offset + 28));  // components kept

        // FreeType renders it hinted (there is just no bytecode to run) and unhinted alike.
        FtFace face(ft.lib, plain);
        REQUIRE(FT_Set_Pixel_Sizes(face.face, 0, 12) == 0);
        for (const std::uint16_t g : wanted) {
            CHECK(FT_Load_Glyph(face.face, g, FT_LOAD_RENDER) == 0);
            CHECK(FT_Load_Glyph(face.face, g, FT_LOAD_RENDER | FT_LOAD_NO_HINTING) == 0);
        }
    }
    CHECK(simple >= 20);
    CHECK(composite >= 2);  // Å, Ö in Liberation Sans
}

TEST_CASE("subset sizes and speed (figures for the report)", "[.][subset-bench]") {
    for (const char* path : {kLiberation, kDejaVu}) {
        const core::Bytes original = core::read_file(path);
        const auto parsed = TrueTypeFont::parse(original, path);
        std::vector<std::uint16_t> wanted;
        for (const char32_t c : latin1()) wanted.push_back(parsed->glyph(c));
        const int runs = 2000;
        std::size_t size = 0;
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < runs; ++i) size = subset_truetype(original, wanted).size();
        const auto t1 = std::chrono::steady_clock::now();
        const double us = std::chrono::duration<double, std::micro>(t1 - t0).count() / runs;
        std::printf(
            "%s: %zu glyphs (Latin-1 + punctuation), %zu -> %zu bytes (%zu without hinting), %.1f us per subset\n",
            path, wanted.size(), original.size(), size, subset_truetype(original, wanted, {.hinting = false}).size(),
            us);
    }
}

}  // namespace subset_test
