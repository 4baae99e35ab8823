// Tests of layout/fonts.{hpp,cpp} and sfnt.cpp against the installed Liberation Sans 2 and
// DejaVu Sans files (fonts-liberation2, fonts-dejavu-core).
#include "font_fixture.hpp"
#include "layout/fonts.hpp"
#include "layout/text.hpp"

#include "core/files.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace kansli;
using namespace kansli::layout;

namespace {
const FontSet& fonts() { return test::default_fonts(); }

// Big-endian readers for checking our parser against the raw bytes independently.
std::uint32_t be32(const core::Bytes& b, std::size_t o) {
    return std::uint32_t(b.at(o)) << 24 | std::uint32_t(b.at(o + 1)) << 16 | std::uint32_t(b.at(o + 2)) << 8 |
           b.at(o + 3);
}
std::uint16_t be16(const core::Bytes& b, std::size_t o) {
    return static_cast<std::uint16_t>(b.at(o) << 8 | b.at(o + 1));
}
std::size_t table(const core::Bytes& b, const char* tag) {
    const std::size_t n = be16(b, 4);
    for (std::size_t i = 0; i < n; ++i) {
        if (std::string(reinterpret_cast<const char*>(&b.at(12 + 16 * i)), 4) == tag) return be32(b, 12 + 16 * i + 8);
    }
    FAIL("no table " << tag);
    return 0;
}
}  // namespace

TEST_CASE("Liberation Sans metrics come from the file", "[fonts]") {
    const auto& f = fonts().face(fonts().primary(FaceStyle::Regular));
    CHECK(f.postscript_name() == "LiberationSans");
    CHECK(f.units_per_em() == 2048);
    CHECK(f.ascender() > 0);
    CHECK(f.descender() < 0);
    CHECK(f.cap_height() > 0);
    CHECK(f.cap_height() < f.ascender());
    CHECK(fonts().face(1).postscript_name() == "LiberationSans-Bold");
    CHECK(fonts().face(2).postscript_name() == "LiberationSans-Italic");
    CHECK(fonts().face(3).postscript_name() == "LiberationSans-BoldItalic");
    CHECK(fonts().face(4).postscript_name() == "DejaVuSans");
    CHECK(fonts().face(5).postscript_name() == "DejaVuSans-Bold");
}

TEST_CASE("advance widths equal hmtx scaled to the size", "[fonts]") {
    const auto& f = fonts().face(0);
    const core::Bytes bytes = core::read_file(f.path());
    const std::size_t hmtx = table(bytes, "hmtx");
    const std::size_t hhea = table(bytes, "hhea");
    const std::size_t metrics = be16(bytes, hhea + 34);
    for (const char32_t cp : std::u32string(U"AVTeåäöÅÄÖ§–“” .,0123456789")) {
        const std::uint16_t g = f.glyph(cp);
        REQUIRE(g != 0);
        const int units = be16(bytes, hmtx + 4 * std::min<std::size_t>(g, metrics - 1));
        CHECK(f.advance(cp) == units);
        // 10 pt: units * 10000 / 2048, rounded.
        CHECK(f.scale(units, core::pt(10)) == (units * 10000 + 1024) / 2048);
    }
}

TEST_CASE("Liberation Sans kerns AV and Te", "[fonts]") {
    const auto& f = fonts().face(0);
    CHECK(f.kerning(U'A', U'V') < 0);
    CHECK(f.kerning(U'T', U'e') < 0);
    CHECK(f.kerning(U'a', U'b') == 0);
    const auto& tt = dynamic_cast<const LazyTrueTypeFont&>(f).font();
    CHECK(tt.kerning_pair_count() > 100);
    // measure() applies it: "AV" is narrower than "A" + "V".
    const auto sz = core::pt(12);
    CHECK(measure(U"AV", FaceStyle::Regular, sz, fonts()) <
          measure(U"A", FaceStyle::Regular, sz, fonts()) + measure(U"V", FaceStyle::Regular, sz, fonts()));
}

TEST_CASE("characters the main font lacks come from the fallback; unknown ones are replaced", "[fonts]") {
    const auto& set = fonts();
    const Resolved a = set.resolve(U'å', FaceStyle::Bold);
    CHECK(a.font == set.primary(FaceStyle::Bold));
    CHECK_FALSE(a.replaced);
    // U+2713 CHECK MARK: not in Liberation Sans, in DejaVu Sans.
    REQUIRE_FALSE(set.face(0).has_glyph(0x2713));
    const Resolved check = set.resolve(0x2713, FaceStyle::Regular);
    CHECK(check.font == 4);
    CHECK(check.cp == 0x2713);
    CHECK_FALSE(check.replaced);
    CHECK(set.resolve(0x2713, FaceStyle::BoldItalic).font == 5);
    // U+4E2D (CJK): no face has it.
    const Resolved cjk = set.resolve(0x4E2D, FaceStyle::Regular);
    CHECK(cjk.replaced);
    CHECK(cjk.cp == 0xFFFD);
    CHECK(set.face(cjk.font).has_glyph(0xFFFD));
}

TEST_CASE("fill_fonts lists the faces in FontId order", "[fonts]") {
    PageSet ps;
    ps.fonts.push_back({"stale", "/nowhere"});
    fonts().fill_fonts(ps);
    REQUIRE(ps.fonts.size() == fonts().size());
    for (std::size_t i = 0; i < ps.fonts.size(); ++i) {
        CHECK(ps.fonts[i].name == fonts().face(static_cast<FontId>(i)).postscript_name());
        CHECK(ps.fonts[i].path == fonts().face(static_cast<FontId>(i)).path());
    }
}

TEST_CASE("a damaged font is a located error, never a crash", "[fonts]") {
    const core::Bytes good = core::read_file(default_font_paths().main[0]);
    // Truncations at many lengths and single-byte corruptions across the table directory.
    for (std::size_t len : {std::size_t{0}, std::size_t{3}, std::size_t{12}, std::size_t{100}, std::size_t{1000},
                            good.size() / 3, good.size() / 2, good.size() - 1}) {
        const core::Bytes cut(good.begin(), good.begin() + static_cast<std::ptrdiff_t>(len));
        try {
            (void)TrueTypeFont::parse(cut, "cut.ttf");
            // Parsing may succeed only if every needed table lies before the cut.
        } catch (const core::Error& e) {
            REQUIRE(!e.diagnostics().empty());
            CHECK(e.diagnostics().front().loc.file == "cut.ttf");
            CHECK(e.diagnostics().front().kind == "font");
        }
    }
    std::size_t errors = 0;
    for (std::size_t at = 0; at < 12 + 16 * 20; at += 3) {
        core::Bytes bad = good;
        bad[at] ^= 0xA5;
        try {
            const auto f = TrueTypeFont::parse(bad, "bad.ttf");
            (void)f->glyph(U'A');
            (void)f->glyph_kerning(f->glyph(U'A'), f->glyph(U'V'));
        } catch (const core::Error& e) {
            ++errors;
            CHECK(e.diagnostics().front().message.find("malformed font") != std::string::npos);
        }
    }
    CHECK(errors > 0);
    CHECK_THROWS_AS(TrueTypeFont::load("/nonexistent/font.ttf"), core::Error);
}

TEST_CASE("random damage anywhere in a font: an error or a usable font, never a crash", "[fonts]") {
    const core::Bytes good = core::read_file(default_font_paths().main[1]);
    std::uint32_t state = 20230224;  // fixed LCG: deterministic
    auto next = [&state] { return state = state * 1664525u + 1013904223u; };
    int parsed = 0, refused = 0;
    for (int round = 0; round < 150; ++round) {
        core::Bytes bad = good;
        const int flips = 1 + static_cast<int>(next() % 40);
        for (int i = 0; i < flips; ++i) {
            // Half the damage goes to the first 4 KiB, where the directory and small tables live.
            const std::size_t range = (next() & 1) != 0 ? std::min<std::size_t>(4096, bad.size()) : bad.size();
            bad[next() % range] = static_cast<std::uint8_t>(next());
        }
        try {
            const auto f = TrueTypeFont::parse(bad, "damaged.ttf");
            for (char32_t cp = 0; cp < 0x300; ++cp) (void)f->advance(cp);
            (void)f->kerning(U'A', U'V');
            (void)f->glyph(0x10FFFF);
            CHECK(f->units_per_em() >= 16);
            ++parsed;
        } catch (const core::Error& e) {
            CHECK(e.diagnostics().front().loc.file == "damaged.ttf");
            ++refused;
        }
    }
    CHECK(parsed + refused == 150);
}

TEST_CASE("reading only the needed tables gives the font that reading the whole file gives", "[fonts]") {
    const FontPaths paths = default_font_paths();
    std::vector<std::string> all(paths.main.begin(), paths.main.end());
    all.insert(all.end(), paths.fallback.begin(), paths.fallback.end());
    for (const auto& path : all) {
        INFO(path);
        const auto sparse = TrueTypeFont::load(path);
        const auto whole = TrueTypeFont::parse(core::read_file(path), path);
        CHECK(sparse->postscript_name() == whole->postscript_name());
        CHECK(TrueTypeFont::load_postscript_name(path) == whole->postscript_name());
        CHECK(sparse->units_per_em() == whole->units_per_em());
        CHECK(sparse->ascender() == whole->ascender());
        CHECK(sparse->descender() == whole->descender());
        CHECK(sparse->line_gap() == whole->line_gap());
        CHECK(sparse->cap_height() == whole->cap_height());
        CHECK(sparse->bbox() == whole->bbox());
        REQUIRE(sparse->glyph_count() == whole->glyph_count());
        CHECK(sparse->kerning_pair_count() == whole->kerning_pair_count());
        int mismatches = 0;
        for (char32_t cp = 0; cp < 0x30000; ++cp) mismatches += sparse->glyph(cp) != whole->glyph(cp) ? 1 : 0;
        for (std::uint16_t g = 0; g < sparse->glyph_count(); ++g) {
            mismatches += sparse->glyph_advance(g) != whole->glyph_advance(g) ? 1 : 0;
        }
        const std::u32string latin = U"AVTWYLPFaeoyvw.,-åäöÅÄÖ";
        for (const char32_t l : latin) {
            for (const char32_t r : latin) mismatches += sparse->kerning(l, r) != whole->kerning(l, r) ? 1 : 0;
        }
        CHECK(mismatches == 0);
    }
}

TEST_CASE("damaged font files through load(): an error or a usable font, never a crash", "[fonts]") {
    const core::Bytes good = core::read_file(default_font_paths().main[0]);
    const std::string dir = test::temp_dir("fonts");
    const std::string path = dir + "/damaged.ttf";
    std::uint32_t state = 19660101;  // fixed LCG: deterministic
    auto next = [&state] { return state = state * 1664525u + 1013904223u; };
    int parsed = 0, refused = 0;
    for (int round = 0; round < 60; ++round) {
        core::Bytes bad = good;
        if (round % 4 == 3) bad.resize(next() % bad.size());  // truncated: tables past the end
        const int flips = 1 + static_cast<int>(next() % 20);
        for (int i = 0; i < flips && !bad.empty(); ++i) {
            const std::size_t range = (next() & 1) != 0 ? std::min<std::size_t>(512, bad.size()) : bad.size();
            bad[next() % range] = static_cast<std::uint8_t>(next());
        }
        std::ofstream(path, std::ios::binary | std::ios::trunc)
            .write(reinterpret_cast<const char*>(bad.data()), static_cast<std::streamsize>(bad.size()));
        try {
            const LazyTrueTypeFont lazy(path);
            CHECK_FALSE(lazy.loaded());
            for (char32_t cp = 0; cp < 0x300; ++cp) (void)lazy.advance(cp);
            (void)lazy.kerning(U'A', U'V');
            CHECK(lazy.units_per_em() >= 16);
            CHECK(lazy.postscript_name() == lazy.font().postscript_name());
            ++parsed;
        } catch (const core::Error& e) {
            CHECK(e.diagnostics().front().loc.file == path);
            ++refused;
        }
    }
    CHECK(parsed + refused == 60);
    CHECK(refused > 0);
}

TEST_CASE("FontSet parses a face only when text uses it", "[fonts]") {
    const FontSet set = FontSet::load();
    auto loaded = [&set](FontId id) { return dynamic_cast<const LazyTrueTypeFont&>(set.face(id)).loaded(); };
    for (FontId id = 0; id < set.size(); ++id) CHECK_FALSE(loaded(id));
    PageSet ps;
    set.fill_fonts(ps);  // names only
    CHECK(ps.fonts[4].name == "DejaVuSans");
    for (FontId id = 0; id < set.size(); ++id) CHECK_FALSE(loaded(id));
    (void)measure(U"Protokoll § 12", FaceStyle::Bold, core::pt(10), set);
    CHECK(loaded(1));
    CHECK_FALSE(loaded(0));
    CHECK_FALSE(loaded(4));
    (void)measure(U"klart \u2713", FaceStyle::Regular, core::pt(10), set);  // CHECK MARK: DejaVu only
    CHECK(loaded(0));
    CHECK(loaded(4));
    CHECK_FALSE(loaded(3));
    CHECK_FALSE(loaded(5));
    CHECK_THROWS_AS(LazyTrueTypeFont("/nonexistent/font.ttf"), core::Error);
}

TEST_CASE("FontSet::load_shared keeps the faces per thread while the files are unchanged", "[fonts]") {
    const FontPaths defaults = default_font_paths();  // installed files: settled long ago
    const auto width = [](const FontSet& s) {
        return measure(U"Justerandes sign", FaceStyle::Regular, core::pt(10), s);
    };
    const FontSet first = FontSet::load_shared(defaults);
    const core::Length w = width(first);
    CHECK(w == width(FontSet::load(defaults)));  // the same measures as a set of its own
    const FontSet again = FontSet::load_shared(defaults);
    CHECK(&again.face(0) == &first.face(0));                // the same parsed faces
    CHECK(&again.typeset_memo() != &first.typeset_memo());  // each build its own paragraph memo
    CHECK(dynamic_cast<const LazyTrueTypeFont&>(again.face(0)).loaded());

    // Another thread has sets of its own.
    const FontMetrics* other = nullptr;
    std::thread([&] { other = &FontSet::load_shared(defaults).face(0); }).join();
    CHECK(other != &first.face(0));

    // Copies in a folder of the test's own: just written, so not kept until they have settled.
    const std::string dir = test::temp_dir("fonts-shared");
    FontPaths paths;
    for (std::size_t i = 0; i < 4; ++i) {
        paths.main[i] = dir + "/main" + std::to_string(i) + ".ttf";
        std::filesystem::copy_file(defaults.main[i], paths.main[i]);
    }
    for (std::size_t i = 0; i < 2; ++i) {
        paths.fallback[i] = dir + "/fallback" + std::to_string(i) + ".ttf";
        std::filesystem::copy_file(defaults.fallback[i], paths.fallback[i]);
    }
    const FontSet fresh1 = FontSet::load_shared(paths);
    const FontSet fresh2 = FontSet::load_shared(paths);
    CHECK(&fresh1.face(0) != &fresh2.face(0));
    CHECK(width(fresh2) == w);
    std::this_thread::sleep_for(std::chrono::milliseconds(3100));  // settled: over 2 s, counted in whole seconds
    const FontSet kept = FontSet::load_shared(paths);
    CHECK(&FontSet::load_shared(paths).face(0) == &kept.face(0));

    // A changed file (the bold face put in the regular one's place) is read again, never served.
    std::filesystem::copy_file(defaults.main[1], paths.main[0], std::filesystem::copy_options::overwrite_existing);
    const FontSet changed = FontSet::load_shared(paths);
    CHECK(&changed.face(0) != &kept.face(0));
    CHECK(width(changed) == width(FontSet::load(paths)));
    CHECK(width(changed) != w);

    // Bounded: after kSharedSetsPerThread other sets of (settled) files, the first is read again.
    for (std::size_t i = 0; i < FontSet::kSharedSetsPerThread; ++i) {
        FontPaths o = defaults;
        std::swap(o.main[0], o.main[1 + i % 3]);
        if (i == 3) std::swap(o.fallback[0], o.fallback[1]);
        (void)FontSet::load_shared(o);
    }
    CHECK(&FontSet::load_shared(defaults).face(0) != &first.face(0));
    std::filesystem::remove_all(dir);
}
