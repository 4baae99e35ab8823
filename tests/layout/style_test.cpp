// The house style file: the shipped file parses completely; each broken copy gives a located error.
#include "layout/style.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

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
