// The visible appearance of signatures: the shared /KansliSig font (embedded once, referenced by
// later signatures), the fallback to a private subset, and the capacity line ("Roll:", "För:",
// "Fält:"). Checked with pdftotext, pdffonts, pdfsig and qpdf --check.
#include "core/utf8.hpp"
#include "fixture.hpp"
#include "sign/pdf_signer.hpp"
#include "sign/shared_font.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <cstring>
#include <regex>

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

using namespace kansli;
using test::sign_as;

namespace {

// The bytes one revision added.
std::string update(const core::Bytes& before, const core::Bytes& after) {
    REQUIRE(after.size() > before.size());
    REQUIRE(std::memcmp(after.data(), before.data(), before.size()) == 0);
    return std::string(after.begin() + static_cast<std::ptrdiff_t>(before.size()), after.end());
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
    return n;
}

// "/KansliSig 18 0 R" → "18 0 R" (the first occurrence); empty when absent.
std::string shared_ref(const std::string& s) {
    const auto p = s.find("/KansliSig ");
    if (p == std::string::npos) return {};
    return s.substr(p + 11, s.find('R', p) + 1 - (p + 11));
}

std::size_t valid_signatures(const std::string& path) {
    return count(test::run({"pdfsig", "-nocert", path}).out, "Signature is Valid.");
}

}  // namespace

TEST_CASE("the first signature embeds the shared font, the later ones only reference it", "[sign][appearance]") {
    const std::string dir = test::temp_dir("appearance-reuse");
    const core::Bytes v0 = test::protokoll_pdf();
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    const core::Bytes v2 = sign_as(v1, "bjorn-sandal", sign::Role::Justerare, test::kT2);
    const core::Bytes v3 = sign_as(v2, "katarina-nyberg-finn", sign::Role::Ordforande, test::kT3);
    const std::string u1 = update(v0, v1), u2 = update(v1, v2), u3 = update(v2, v3);
    CHECK(count(u1, "/FontFile2") == 1);
    CHECK(count(u1, "/KansliSig") >= 1);  // registered in /DR
    CHECK(count(u2, "/FontFile2") == 0);
    CHECK(count(u3, "/FontFile2") == 0);
    CHECK(count(u2, "/KansliSig") >= 1);  // the appearance's /Resources name it
    // nothing embedded: a later update is much smaller than the first
    CHECK(u2.size() + 4000 < u1.size());
    CHECK(u3.size() + 4000 < u1.size());

    test::write(dir + "/v3.pdf", v3);
    CHECK(valid_signatures(dir + "/v3.pdf") == 3);
    const auto check = test::run({"qpdf", "--check", dir + "/v3.pdf"});
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("No syntax or stream encoding errors") != std::string::npos);
    const auto text = test::run({"pdftotext", "-layout", dir + "/v3.pdf", "-"}).out;
    CHECK(text.find("Signerad av Christian Åhrén") != std::string::npos);
    CHECK(text.find("Signerad av Björn Sandal") != std::string::npos);
    CHECK(text.find("Signerad av Katarina Nyberg Finn") != std::string::npos);
    CHECK(text.find("Roll: Justerare") != std::string::npos);
    CHECK(text.find("Roll: Ordförande") != std::string::npos);
    CHECK(text.find("Datum: 2023-02-28 16:40 UTC") != std::string::npos);
    // the fixture's body font plus one font for all three appearances (before: one per signature)
    const auto fonts = test::run({"pdffonts", dir + "/v3.pdf"}).out;
    CHECK(count(fonts, "LiberationSans") == 2);
}

TEST_CASE("the embedded appearance font: Liberation Sans outlines and advances, no hinting (FreeType)",
          "[sign][appearance]") {
    const std::string dir = test::temp_dir("appearance-font");
    const core::Bytes v0 = test::protokoll_pdf();
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    test::write(dir + "/v1.pdf", v1);
    std::smatch m;
    const std::string u1 = update(v0, v1);
    REQUIRE(std::regex_search(u1, m, std::regex("/FontFile2 (\\d+) 0 R")));
    const auto shown = test::run({"qpdf", "--show-object=" + m[1].str(), "--filtered-stream-data", dir + "/v1.pdf"});
    REQUIRE(shown.exit_code == 0);
    const core::Bytes embedded(shown.out.begin(), shown.out.end());
    const core::Bytes original = core::read_file(test::kFont);

    FT_Library lib = nullptr;
    REQUIRE(FT_Init_FreeType(&lib) == 0);
    FT_Face a = nullptr, b = nullptr;
    REQUIRE(FT_New_Memory_Face(lib, original.data(), static_cast<FT_Long>(original.size()), 0, &a) == 0);
    REQUIRE(FT_New_Memory_Face(lib, embedded.data(), static_cast<FT_Long>(embedded.size()), 0, &b) == 0);
    for (const FT_ULong tag : {TTAG_fpgm, TTAG_prep, TTAG_cvt}) {
        FT_ULong length = 0;
        CHECK(FT_Load_Sfnt_Table(b, tag, 0, nullptr, &length) != 0);  // not there
    }
    int compared = 0;
    for (const char32_t c : std::u32string(U"Signerad av Christian Åhrén, Roll: Sekreterare, 2023-02-24")) {
        const FT_UInt g = FT_Get_Char_Index(a, c);  // CIDToGIDMap /Identity: the original glyph ids
        REQUIRE(g != 0);
        REQUIRE(static_cast<FT_Long>(g) < b->num_glyphs);
        REQUIRE(FT_Load_Glyph(a, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0);
        const FT_Outline o = a->glyph->outline;
        const std::vector<FT_Vector> points(o.points, o.points + o.n_points);
        const FT_Pos advance = a->glyph->advance.x;
        REQUIRE(FT_Load_Glyph(b, g, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) == 0);
        const FT_Outline& e = b->glyph->outline;
        CHECK(e.n_contours == o.n_contours);
        REQUIRE(e.n_points == static_cast<short>(points.size()));
        for (std::size_t i = 0; i < points.size(); ++i) {
            CHECK((e.points[i].x == points[i].x && e.points[i].y == points[i].y));
        }
        CHECK(b->glyph->advance.x == advance);
        ++compared;
    }
    CHECK(compared == 58);
    FT_Done_Face(b);
    FT_Done_Face(a);
    FT_Done_FreeType(lib);
}

TEST_CASE("a name outside the shared repertoire gets its own subset, and stays readable", "[sign][appearance]") {
    const std::string dir = test::temp_dir("appearance-fallback");
    const core::Bytes v0 = test::protokoll_pdf("Christian Åhrén", "Łucja Ćwik-Erdős", "Katarina Nyberg Finn");
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Sekreterare, test::kT1);
    // Ł, ć and ő are not in the repertoire: the shared font cannot draw this name
    const core::Bytes v2 = sign_as(v1, "bjorn-sandal", sign::Role::Justerare, test::kT2, {.name = "Łucja Ćwik-Erdős"});
    const core::Bytes v3 = sign_as(v2, "katarina-nyberg-finn", sign::Role::Ordforande, test::kT3);
    CHECK(count(update(v1, v2), "/FontFile2") == 1);
    // the private subset is not registered: /DR /Font /KansliSig still names the first font
    // (v0, not a second protokoll_pdf(): PoDoFo's /ID of the fixture depends on the clock)
    CHECK(!shared_ref(update(v0, v1)).empty());
    CHECK(shared_ref(update(v1, v2)) == shared_ref(update(v0, v1)));
    CHECK(count(update(v2, v3), "/FontFile2") == 0);  // the shared font still serves the next signer
    test::write(dir + "/v3.pdf", v3);
    CHECK(valid_signatures(dir + "/v3.pdf") == 3);
    CHECK(test::run({"qpdf", "--check", dir + "/v3.pdf"}).exit_code == 0);
    const auto text = test::run({"pdftotext", "-layout", dir + "/v3.pdf", "-"}).out;
    CHECK(text.find("Signerad av Łucja Ćwik-Erdős") != std::string::npos);
    CHECK(text.find("Signerad av Katarina Nyberg Finn") != std::string::npos);
}

TEST_CASE("the first signer's own letters outside the repertoire join the shared subset", "[sign][appearance]") {
    const std::string dir = test::temp_dir("appearance-first");
    const core::Bytes v1 = sign_as(test::protokoll_pdf("Łucja Ćwik", "Łucja Ćwik", "Katarina Nyberg Finn"),
                                   "christian-ahren", sign::Role::Sekreterare, test::kT1, {.name = "Łucja Ćwik"});
    const core::Bytes v2 = sign_as(v1, "bjorn-sandal", sign::Role::Justerare, test::kT2, {.name = "Łucja Ćwik"});
    CHECK(count(update(v1, v2), "/FontFile2") == 0);
    test::write(dir + "/v2.pdf", v2);
    CHECK(valid_signatures(dir + "/v2.pdf") == 2);
    CHECK(count(test::run({"pdftotext", dir + "/v2.pdf", "-"}).out, "Signerad av Łucja Ćwik") == 2);
}

TEST_CASE("the capacity line: Roll for role fields, Fält for party fields", "[sign][appearance]") {
    const std::string dir = test::temp_dir("appearance-capacity");
    const core::Bytes v0 = test::make_pdf({{"Part berg", "Part berg: Anna Andersson", 56, 100, 200, 40},
                                           {"Part region", "Part region: Rut Regionsson", 300, 100, 200, 40},
                                           {"Part ovik", "", 56, 200, 200, 40},
                                           {"Justerare 2", "", 300, 200, 200, 40}},
                                          {});
    // the expected signer signs: the field (the name compared by core::same_person); someone
    // else is refused (sign_pdf_test); no /TU: the field
    const core::Bytes v1 = sign_as(v0, "christian-ahren", sign::Role::Unknown, test::kT1,
                                   {.field = "Part berg", .name = "Anna Andersson"});
    const core::Bytes v2 = sign_as(v1, "bjorn-sandal", sign::Role::Unknown, test::kT2,
                                   {.field = "Part region", .name = "RUT  regionsson"});
    const core::Bytes v3 = sign_as(v2, "katarina-nyberg-finn", sign::Role::Unknown, test::kT3, {.field = "Part ovik"});
    const core::Bytes v4 = sign_as(v3, "christian-ahren", sign::Role::Unknown, test::kT3, {.field = "Justerare 2"});
    test::write(dir + "/v4.pdf", v4);
    const auto text = test::run({"pdftotext", dir + "/v4.pdf", "-"}).out;
    CHECK(text.find("Fält: Part berg") != std::string::npos);
    CHECK(text.find("Fält: Part region") != std::string::npos);
    CHECK(text.find("För:") == std::string::npos);
    CHECK(text.find("Fält: Part ovik") != std::string::npos);
    CHECK(text.find("Roll: Justerare 2") != std::string::npos);
    CHECK(text.find("Roll: Part") == std::string::npos);
    CHECK(valid_signatures(dir + "/v4.pdf") == 4);
}

TEST_CASE("a party's representative signs for the organisation in the certificate", "[sign][appearance]") {
    const std::string dir = test::temp_dir("appearance-organization");
    const core::Bytes v0 = test::make_pdf({{"Part berg", "", 56, 100, 200, 40}}, {});
    const core::Bytes v1 =
        sign_as(v0, "kommun-berg", sign::Role::Unknown, test::kT1, {.field = "Part berg", .with_organization = true});
    test::write(dir + "/v1.pdf", v1);
    const auto text = test::run({"pdftotext", dir + "/v1.pdf", "-"}).out;
    CHECK(text.find("För: Bergs kommun") != std::string::npos);
    CHECK(text.find("Fält: Part berg") == std::string::npos);
    CHECK(valid_signatures(dir + "/v1.pdf") == 1);
}

TEST_CASE("ToUnicode parsing: bfchar, bfrange with a start value or an array, hostile input", "[sign][appearance]") {
    using sign::detail::parse_to_unicode;
    const auto m = parse_to_unicode(
        "2 beginbfchar <0003> <0020> <0024> <00C5> endbfchar\n"
        "1 beginbfrange <0010> <0012> <0041> endbfrange\n"
        "1 beginbfrange <0020> <0021> [<00E5> <D835DC00>] endbfrange");
    CHECK(m.at(U' ') == 0x0003);
    CHECK(m.at(U'Å') == 0x0024);
    CHECK(m.at(U'A') == 0x0010);
    CHECK(m.at(U'C') == 0x0012);
    CHECK(m.count(U'D') == 0);
    CHECK(m.at(U'å') == 0x0020);
    CHECK(m.at(U'\U0001D400') == 0x0021);
    CHECK(parse_to_unicode("beginbfrange <0000> <FFFF> <0041>").empty());             // unterminated
    CHECK(parse_to_unicode("beginbfrange <FFFF> <0000> <0041> endbfrange").empty());  // reversed range
    CHECK(parse_to_unicode("beginbfchar <0041> <0041 endbfchar").size() <= 1);
    CHECK(parse_to_unicode("beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange").empty());
    CHECK(core::to_u32("Björn\xff") == U"Björn\uFFFD");
}
