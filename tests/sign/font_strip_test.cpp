// sign/font_strip.hpp: the hinting-free font program keeps every glyph's outline and advance,
// checked with FreeType (a reader we did not write) against the original Liberation Sans.
#include "core/files.hpp"
#include "sign/font_strip.hpp"

#include <catch2/catch.hpp>

#include <ft2build.h>
#include FT_FREETYPE_H

using namespace kansli;

namespace {

const char* kFont = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf";

struct Face {
    FT_Library lib = nullptr;
    FT_Face face = nullptr;
    explicit Face(const core::Bytes& b) {
        REQUIRE(FT_Init_FreeType(&lib) == 0);
        REQUIRE(FT_New_Memory_Face(lib, b.data(), static_cast<FT_Long>(b.size()), 0, &face) == 0);
    }
    ~Face() {
        FT_Done_Face(face);
        FT_Done_FreeType(lib);
    }
    Face(const Face&) = delete;
    Face& operator=(const Face&) = delete;
};

}  // namespace

TEST_CASE("strip_hinting keeps outlines and advances, drops the instructions", "[sign][font]") {
    const core::Bytes original = core::read_file(kFont);
    const core::Bytes stripped = sign::detail::strip_hinting(original);
    CHECK(stripped.size() < original.size() * 3 / 4);
    Face a(original), b(stripped);
    REQUIRE(a.face->num_glyphs == b.face->num_glyphs);
    int compared = 0;
    for (char32_t c : std::u32string(U"AaÅåÄäÖöéüÆøß§–’0123456789@&")) {
        const FT_UInt ga = FT_Get_Char_Index(a.face, c), gb = FT_Get_Char_Index(b.face, c);
        REQUIRE(ga == gb);
        REQUIRE(ga != 0);
        REQUIRE(FT_Load_Glyph(a.face, ga, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0);
        const auto points = a.face->glyph->outline.n_points;
        const auto advance = a.face->glyph->advance.x;
        REQUIRE(FT_Load_Glyph(b.face, gb, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0);
        CHECK(b.face->glyph->outline.n_points == points);
        CHECK(b.face->glyph->advance.x == advance);
        ++compared;
    }
    CHECK(compared == 28);
    // hinted rendering of the stripped font still works (FreeType just has no bytecode to run)
    REQUIRE(FT_Set_Pixel_Sizes(b.face, 0, 12) == 0);
    CHECK(FT_Load_Char(b.face, U'Å', FT_LOAD_RENDER) == 0);
}

TEST_CASE("strip_hinting returns unreadable input unchanged", "[sign][font]") {
    const core::Bytes junk{'t', 'r', 'u', 'e', 0, 9, 0, 0, 0, 0, 0, 0};
    CHECK(sign::detail::strip_hinting(junk) == junk);
    core::Bytes font = core::read_file(kFont);
    font.resize(font.size() / 2);  // tables past the end
    CHECK(sign::detail::strip_hinting(font) == font);
}
