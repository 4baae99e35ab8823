// The house style file: the shipped file parses completely; each broken copy gives a located error.
#include "layout/style.hpp"
#include "layout/fonts.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace kansli;

TEST_CASE("the shipped house style loads with the reference geometry and labels") {
    const layout::Style s = layout::load_style(test::source("templates/style/region-jh.conf"));
    CHECK(s.page.width == core::mm(210));
    CHECK(s.page.height == core::mm(297));
    CHECK(s.text_width() == core::mm(210 - 22 - 18));
    CHECK(s.organisation == "Region Jämtland Härjedalen");
    CHECK(s.label("protokoll") == "PROTOKOLL");
    CHECK(s.label("utdragsbestyrkande") == "Utdragsbestyrkande");
    CHECK(s.label("sida", {{"n", "3"}, {"m", "21"}}) == "3 / 21");
    CHECK(s.label("anslag_text", {{"board", "X"}}) == "Justering har tillkännagivits på X");
    for (const auto key : layout::required_label_keys()) CHECK_FALSE(s.label(key).empty());
    CHECK(s.colours.link == layout::Color{0x1a, 0x4f, 0x99});
    for (const auto* f : {&s.fonts.regular, &s.fonts.bold, &s.fonts.italic, &s.fonts.bold_italic, &s.fonts.fallback,
                          &s.fonts.fallback_bold})
        CHECK(std::filesystem::exists(*f));
    CHECK_THROWS_AS(s.label("no_such_label"), core::Error);
}

TEST_CASE("the shipped style's geometry sections load") {
    const layout::Style s = layout::load_style(test::source("templates/style/region-jh.conf"));
    CHECK(s.protokoll.signature_pitch == core::pt(40));
    CHECK(s.protokoll.signature_line_offset == core::mm(34));
    CHECK(s.protokoll.anslag_value_column == core::pt(125));
    CHECK(s.avtal.signature_block_height == core::pt(120));
    CHECK(s.avtal.value_column == core::mm(35));
    CHECK(s.page.footnote_rule_width == core::mm(40));
    CHECK(s.sizes.note == core::pt(8));
}

TEST_CASE("font names: one search path, the style's folder first, paths as paths") {
    // The default faces and the shipped style's bare names resolve through the one search path.
    const layout::FontPaths d = layout::default_font_paths();
    const layout::Style shipped = layout::load_style(test::source("templates/style/region-jh.conf"));
    CHECK(shipped.fonts.regular == d.main[0]);
    CHECK(shipped.fonts.fallback_bold == d.fallback[1]);
    CHECK(d.main[0].rfind(std::string(layout::font_search_path().front()) + "/", 0) == 0);
    CHECK(d.fallback[0].rfind(std::string(layout::font_search_path()[1]) + "/", 0) == 0);
    // Not found anywhere: the first folder's candidate (the error names a real place).
    CHECK(layout::find_font("NoSuchFont.ttf") == std::string(layout::font_search_path().front()) + "/NoSuchFont.ttf");
    CHECK(layout::find_font("/abs/Font.ttf") == "/abs/Font.ttf");

    const core::Bytes b = core::read_file(test::source("templates/style/region-jh.conf"));
    std::string text(b.begin(), b.end());
    const std::string dir = test::temp_dir("style-fonts");
    core::write_file_atomic(dir + "/LiberationSans-Bold.ttf", core::read_file(d.main[1]));
    text.replace(text.find("italic = LiberationSans-Italic.ttf"), 34, "italic = sub/Italic.ttf");
    const layout::Style s = layout::parse_style(text, "x.conf", dir);
    CHECK(s.fonts.bold == dir + "/LiberationSans-Bold.ttf");  // a copy beside the style wins
    CHECK(s.fonts.regular == d.main[0]);                      // else the search path
    CHECK(s.fonts.italic == dir + "/sub/Italic.ttf");         // a relative path stays a path
}

TEST_CASE("relative paths resolve against the style file's folder") {
    const core::Bytes b = core::read_file(test::source("templates/style/region-jh.conf"));
    std::string text(b.begin(), b.end());
    const auto at = text.find("logo =");
    text.replace(at, 6, "logo = img/logo.png");
    const layout::Style s = layout::parse_style(text, "x.conf", "/styles/here");
    CHECK(s.logo == "/styles/here/img/logo.png");
}

TEST_CASE("broken style files give located errors") {
    for (const auto& entry : std::filesystem::directory_iterator(test::data("layout/style"))) {
        if (entry.path().extension() != ".conf") continue;
        const std::string path = entry.path().string();
        const core::Bytes b = core::read_file(path);
        const std::string text(b.begin(), b.end());
        // First line: "# expect: LINE message-part"
        const std::string head = text.substr(0, text.find('\n'));
        REQUIRE(head.rfind("# expect: ", 0) == 0);
        const std::string rest = head.substr(10);
        const int line = std::stoi(rest.substr(0, rest.find(' ')));
        const std::string part = rest.substr(rest.find(' ') + 1);
        INFO(path);
        try {
            (void)layout::load_style(path);
            FAIL("no error");
        } catch (const core::Error& e) {
            CHECK(e.code() == core::ExitCode::Invalid);
            bool found = false;
            for (const auto& d : e.diagnostics()) {
                CHECK(d.loc.file == path);
                if (d.loc.line == line && d.message.find(part) != std::string::npos) found = true;
            }
            std::string all;
            for (const auto& d : e.diagnostics()) all += core::format(d) + "\n";
            INFO(all);
            CHECK(found);
        }
    }
}

TEST_CASE("a style whose margins leave no text width is refused") {
    const core::Bytes b = core::read_file(test::source("templates/style/region-jh.conf"));
    std::string text(b.begin(), b.end());
    text.replace(text.find("margin_left = 22mm"), 18, "margin_left = 200mm");
    CHECK_THROWS_AS(layout::parse_style(text, "x.conf", "."), core::Error);
}

TEST_CASE("load_style keeps a parsed style per thread and never serves a changed one", "[style]") {
    const std::string dir = test::temp_dir("style-kept");
    const std::string path = dir + "/house.conf";
    const core::Bytes shipped = core::read_file(test::source("templates/style/region-jh.conf"));
    std::string text(shipped.begin(), shipped.end());
    const auto write = [&path](const std::string& t) { std::ofstream(path, std::ios::binary | std::ios::trunc) << t; };
    write(text);
    const layout::Style fresh = layout::load_style(path);
    std::this_thread::sleep_for(std::chrono::milliseconds(3100));  // settled (core::settled): may be kept
    const layout::Style first = layout::load_style(path);
    CHECK(layout::load_style(path).organisation == first.organisation);
    CHECK(first.fonts.regular == fresh.fonts.regular);
    CHECK(first.fonts.regular.rfind(dir, 0) != 0);  // from the font search path

    // Rewritten in place with another organisation: read again.
    const std::string from = "name = " + first.organisation;
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), "name = Annan organisation");
    write(text);
    CHECK(layout::load_style(path).organisation == "Annan organisation");

    // A font file put beside the style: its bare font name now resolves there.
    std::filesystem::copy_file(first.fonts.regular, dir + "/LiberationSans-Regular.ttf");
    CHECK(layout::load_style(path).fonts.regular == dir + "/LiberationSans-Regular.ttf");
    std::filesystem::remove_all(dir);
}
