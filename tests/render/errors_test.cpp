// render/: errors that name their file, refusals of inconsistent page sets, hostile input.
#include "render/render.hpp"

#include "core/diagnostic.hpp"
#include "render/checks.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <climits>

using namespace kansli;
using test::objects_with;
using test::page_count;
using test::page_text;
using test::render_sample;
using test::run;

TEST_CASE("render: errors name the file and carry the right exit code") {
    auto expect_error = [](const layout::PageSet& ps, core::ExitCode code, const std::string& path) {
        try {
            (void)render::render_pdf(ps);
            FAIL("expected core::Error");
        } catch (const core::Error& e) {
            CHECK(e.code() == code);
            REQUIRE(!e.diagnostics().empty());
            INFO(core::format(e.diagnostics().front()));
            CHECK(e.diagnostics().front().loc.file == path);
        }
    };
    SECTION("broken appended PDF → invalid input") {
        auto ps = test::sample_pageset();
        ps.appended.push_back({test::data("render/broken.pdf"), "Trasig", 0});
        expect_error(ps, core::ExitCode::Invalid, test::data("render/broken.pdf"));
    }
    SECTION("not a PDF at all → invalid input") {
        auto ps = test::sample_pageset();
        ps.appended.push_back({test::data("render/flag.png"), "Bild", 0});
        expect_error(ps, core::ExitCode::Invalid, test::data("render/flag.png"));
    }
    SECTION("missing appended PDF → I/O error") {
        auto ps = test::sample_pageset();
        ps.appended.push_back({"/nonexistent/bilaga.pdf", "Saknas", 0});
        expect_error(ps, core::ExitCode::Usage, "/nonexistent/bilaga.pdf");
    }
    SECTION("too large appended PDF → I/O error naming the limit") {
        auto ps = test::sample_pageset();
        ps.appended.push_back({test::data("render/bilaga.pdf"), "Stor", 0});
        try {
            (void)render::render_pdf(ps, render::RenderLimits{100, 1 << 20, 1 << 20, 1 << 20});
            FAIL("expected core::Error");
        } catch (const core::Error& e) {
            CHECK(e.code() == core::ExitCode::Usage);
            CHECK(e.diagnostics().front().hint.find("100") != std::string::npos);
        }
    }
    SECTION("appended PDFs too large together → I/O error naming the limit") {
        auto ps = test::sample_pageset();
        ps.appended.push_back({test::data("render/bilaga.pdf"), "Ett", 0});
        ps.appended.push_back({test::data("render/bilaga.pdf"), "Två", 0});
        try {
            (void)render::render_pdf(ps, render::RenderLimits{1 << 20, 1500, 1 << 20, 1 << 20});
            FAIL("expected core::Error");
        } catch (const core::Error& e) {
            CHECK(e.code() == core::ExitCode::Usage);
            CHECK(e.diagnostics().front().hint.find("1500") != std::string::npos);
        }
    }
    SECTION("missing font file → I/O error") {
        auto ps = test::sample_pageset();
        ps.fonts[1].path = "/nonexistent/Bold.ttf";
        expect_error(ps, core::ExitCode::Usage, "/nonexistent/Bold.ttf");
    }
    SECTION("image that is not PNG/JPEG → invalid input") {
        auto ps = test::sample_pageset(false);
        ps.pages[0].ops.push_back(layout::Image{0, 0, 1000, 1000, test::data("render/bilaga.pdf"), "", {}});
        expect_error(ps, core::ExitCode::Invalid, test::data("render/bilaga.pdf"));
    }
}

TEST_CASE("render: inconsistent page sets are refused, not drawn") {
    auto ps = test::sample_pageset();
    SECTION("font id out of range") { std::get<layout::TextRun>(ps.pages[0].ops[0]).font = 7; }
    SECTION("signing order names a missing field") { ps.signing_order.push_back("Part"); }
    SECTION("duplicate field names") {
        ps.pages[1].ops.push_back(layout::SigSlot{0, 0, 1000, 1000, "Justerare", "justerare", ""});
    }
    SECTION("outline past the last page") { ps.outline.push_back({"Borta", 0, 9, 0}); }
    SECTION("no pages") { ps.pages.clear(); }
    try {
        (void)render::render_pdf(ps);
        FAIL("expected core::Error");
    } catch (const core::Error& e) {
        CHECK(e.code() == core::ExitCode::Invalid);
    }
}

TEST_CASE("render: hostile text and geometry neither crash nor break the file") {
    auto ps = test::sample_pageset(false);
    layout::TextRun t;
    t.x = INT32_MIN;
    t.y = INT32_MAX;
    t.size = core::pt(10);
    t.text = {U'\0',
              U'\x01',
              static_cast<char32_t>(0xD800),
              U'\uFFFE',
              U'\uFFFF',
              U'\U0010FFFF',
              U'\U0001F600',
              U'\x7F',
              U'(',
              U')',
              U'\\',
              U'A',
              static_cast<char32_t>(0x7FFFFFFF)};
    t.kern = {INT32_MIN, INT32_MAX, -1, 1};  // shorter than the text
    ps.pages[0].ops.push_back(t);
    layout::TextRun tiny = t;
    tiny.size = 1;                                      // 1/1000 pt: huge TJ numbers
    tiny.kern.assign(tiny.text.size() + 5, INT32_MAX);  // longer than the text
    ps.pages[0].ops.push_back(tiny);
    layout::TextRun zero = t;
    zero.size = 0;
    ps.pages[0].ops.push_back(zero);
    layout::TextRun negative = t;
    negative.size = -core::pt(12);
    ps.pages[0].ops.push_back(negative);
    ps.pages[0].ops.push_back(layout::Rule{INT32_MIN, INT32_MIN, INT32_MAX, INT32_MAX, -5, {}});
    ps.pages[0].ops.push_back(layout::Box{0, 0, -1000, -1000, INT32_MAX, {}, true, {255, 255, 255}});
    ps.pages[0].ops.push_back(layout::Link{0, 0, 0, 0, std::string("javascript:(alert)\\\n\r")});
    ps.meta.title = std::string("Titel med \0 nolla och )( parenteser", 35);
    ps.outline.push_back({"Djup", 99, 0, INT32_MAX});
    auto r = render_sample(ps, "hostile");
    auto check = run({"qpdf", "--check", r.path});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(run({"pdftotext", r.path, "/dev/null"}).exit_code == 0);
    CHECK(run({"pdffonts", r.path}).exit_code == 0);
}
