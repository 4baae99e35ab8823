// Images end to end: the pixel limits refuse a huge declared size at validate time, located at
// the <bild>, fast and in little memory; a broken image fails the build with a located error
// and no output; an image removed between validation and build (job API) is an error too.
#include "core/files.hpp"
#include "job/load.hpp"
#include "job/paths.hpp"
#include "layout/compose.hpp"
#include "layout/fonts.hpp"
#include "layout/hyphenate.hpp"
#include "layout/style.hpp"
#include "render/png_maker.hpp"
#include "render/render.hpp"
#include "source/schema_set.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sys/resource.h>

namespace kt = kansli::test;
namespace fs = std::filesystem;
using namespace kansli;

namespace {

const std::vector<std::string> kEnv = {"KANSLI_HOME=" + kt::source("")};
const std::string kImage = "bilder/delaktighetstrappa.png";  // the <bild> at line 287

/// A folder with the example avtal whose one image is `bytes`.
std::string avtal_with_image(const std::string& bytes) {
    const fs::path dir = kt::temp_dir("image-cli");
    fs::copy_file(kt::source("templates/examples/overenskommelse-2025.xml"), dir / "avtal.xml");
    fs::create_directory(dir / "bilder");
    std::ofstream(dir / kImage, std::ios::binary) << bytes;
    return dir.string();
}

std::string png_of(std::uint32_t w, std::uint32_t h, std::size_t pixel_bytes) {
    return kt::make_png({w, h, 8, 2, "", ""}, kt::pattern(pixel_bytes));
}

}  // namespace

TEST_CASE("image: a PNG declaring 50,000 × 50,000 pixels is refused by validate and build, at its <bild>") {
    const std::string dir = avtal_with_image(png_of(50000, 50000, 300));
    const std::regex located(
        R"(avtal\.xml:287:\d+: error: the image bilder/delaktighetstrappa\.png is too large: 50000 × 50000 pixels; the limit is 16384 pixels per side and 40 megapixels in all)");
    for (const char* command : {"validate", "build"}) {
        INFO(command);
        const auto t0 = std::chrono::steady_clock::now();
        std::vector<std::string> args = {command, dir + "/avtal.xml"};
        if (std::string(command) == "build") args.insert(args.end(), {"--date", "2025-03-01T10:00:00Z"});
        auto r = kt::kansli(args, kEnv);
        INFO(r.err);
        CHECK(r.exit_code == 1);
        CHECK(std::regex_search(r.err, located));
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
        CHECK_FALSE(fs::exists(dir + "/avtal.pdf"));
    }
    rusage ru{};
    ::getrusage(RUSAGE_CHILDREN, &ru);
    CHECK(ru.ru_maxrss < 300 * 1024);  // KiB: nothing was decoded
}

TEST_CASE("image: a damaged image fails the build with one located error, nothing from libpng/libjpeg, no PDF") {
    const std::string good = png_of(60, 26, 60 * 26 * 3);
    std::string bad_crc = good;
    bad_crc[bad_crc.size() - 13] ^= 0x55;  // IDAT's CRC
    const core::Bytes jpeg = core::read_file(kt::data("render/photo.jpg"));
    std::string bogus_sof(jpeg.begin(), jpeg.end());
    bogus_sof[bogus_sof.find("\xff\xc0") + 9] = '\0';
    struct Case {
        const char* name;
        std::string bytes;
        const char* message;
    };
    for (const Case& c :
         {Case{"truncated PNG", good.substr(0, good.size() - 900), "is damaged: the file ends before"},
          Case{"bad CRC", bad_crc, "is damaged: IDAT: CRC error"}, Case{"bogus JPEG SOF", bogus_sof, "is damaged: "}}) {
        INFO(c.name);
        const std::string dir = avtal_with_image(c.bytes);
        auto r = kt::kansli({"build", dir + "/avtal.xml", "--date", "2025-03-01T10:00:00Z"}, kEnv);
        INFO(r.err);
        CHECK(r.exit_code == 1);
        CHECK(std::regex_search(
            r.err,
            std::regex(R"(^\S*avtal\.xml:287:\d+: error: the (PNG|JPEG) image \S*bilder/delaktighetstrappa\.png )")));
        CHECK(r.err.find(c.message) != std::string::npos);
        CHECK(r.err.find("libpng") == std::string::npos);
        CHECK(r.err.find("warning") == std::string::npos);
        CHECK_FALSE(fs::exists(dir + "/avtal.pdf"));
    }
}

TEST_CASE("image: an image removed after validation is a located error in layout and in render (job API)") {
    const std::string dir = avtal_with_image(png_of(60, 26, 60 * 26 * 3));
    const job::Home home{kt::source("")};
    const auto schemas = source::SchemaSet::load(home.schemas());
    const auto style = layout::load_style(home.templates() + "/style/region-jh.conf");
    const auto fonts = layout::FontSet::load(layout::font_paths(style));
    layout::Hyphenator hyphenator;
    const core::Instant when{1740823200};
    auto load = [&](core::DiagSink& sink) {
        auto doc = job::load_document(dir + "/avtal.xml", schemas, sink);
        REQUIRE(doc);
        REQUIRE_FALSE(sink.has_errors());
        return *doc;
    };
    auto expect_located = [](const core::Diagnostic& d) {
        INFO(core::format(d));
        CHECK(d.kind == "image");
        CHECK(d.loc.file.find("avtal.xml") != std::string::npos);
        CHECK(d.loc.line == 287);
        CHECK(d.message.find("cannot be read") != std::string::npos);
    };
    SECTION("gone before layout") {
        core::DiagSink sink;
        const auto doc = load(sink);
        fs::remove(dir + "/" + kImage);
        (void)layout::compose(doc, style, fonts, &hyphenator, when, &sink);
        REQUIRE(sink.has_errors());
        expect_located(sink.diagnostics().front());
    }
    SECTION("gone before render") {
        core::DiagSink sink;
        const auto pages = layout::compose(load(sink), style, fonts, &hyphenator, when, &sink);
        REQUIRE_FALSE(sink.has_errors());
        fs::remove(dir + "/" + kImage);
        try {
            (void)render::render(pages);
            FAIL("expected core::Error");
        } catch (const core::Error& e) {
            CHECK(e.code() == core::ExitCode::Invalid);
            REQUIRE(e.diagnostics().size() == 1);
            expect_located(e.diagnostics().front());
        }
    }
}
