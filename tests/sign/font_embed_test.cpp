// sign/font_embed.hpp: the shared font a first signature embeds reads back (through qpdf, by the
// same code a later signature uses) with every repertoire character's glyph id and width.
#include "core/utf8.hpp"
#include "fixture.hpp"
#include "layout/fonts.hpp"
#include "sign/pdf_signer.hpp"
#include "sign/shared_font.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace kansli;

TEST_CASE("the embedded shared font: ToUnicode and /W give each character's glyph and width", "[sign][font]") {
    const char* path = "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf";
    auto id = test::demo_identity("christian-ahren");
    sign::SignRequest req;
    req.signer = &id;
    req.certificate = id.certificate();
    req.signer_name = "Zoë Ångström-Łęcka";  // ë Ł ę: outside the repertoire, added for this signer
    req.role = sign::Role::Sekreterare;
    req.time = *core::parse_instant("2023-02-24T13:00:00Z");
    req.font_path = path;
    const core::Bytes v1 =
        sign::sign_pdf(test::protokoll_pdf(req.signer_name, "Björn Sandal", "Katarina Nyberg Finn"), req);

    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("v1", reinterpret_cast<const char*>(v1.data()), v1.size());
    const auto shared = sign::detail::find_shared_font(q);
    REQUIRE(shared);
    const auto font = layout::TrueTypeFont::load(path);
    const std::u32string chars = core::to_u32(sign::detail::shared_repertoire() + "ëŁę");
    for (char32_t c : chars) {
        INFO(static_cast<std::uint32_t>(c));
        REQUIRE(shared->codes.count(c) == 1);
        const std::uint16_t g = shared->codes.at(c);
        CHECK(g == font->glyph(c));
        const double expected = std::lround(font->glyph_advance(g) * 1000.0 / font->units_per_em());
        REQUIRE(shared->widths.count(g) == 1);
        CHECK(shared->widths.at(g) == expected);
    }
    CHECK(shared->codes.size() == chars.size());
}
