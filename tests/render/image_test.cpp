// render/images: PNGs decoded with our libpng handlers give the same objects as PoDoFo's own
// LoadFromPngData; every class of broken image (truncated, bad CRC, a huge declared size, a
// bogus JPEG SOF, a file gone) is one located error, exit 1, with nothing printed by libpng.
#include "render/image_decode.hpp"
#include "render/render.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "render/png_maker.hpp"
#include "render/sample.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace kansli;
using test::make_png;
using test::PngSpec;

namespace {

/// Every object from `first` on, written as in a file (dictionary and stream bytes).
std::string objects_from(PoDoFo::PdfMemDocument& doc, int first) {
    PoDoFo::PdfRefCountedBuffer buffer;
    PoDoFo::PdfOutputDevice device(&buffer);
    for (PoDoFo::PdfObject* obj : doc.GetObjects()) {
        if (obj->Reference().ObjectNumber() >= static_cast<PoDoFo::pdf_objnum>(first)) {
            obj->WriteObject(&device, PoDoFo::ePdfWriteMode_Compact, nullptr);
        }
    }
    return std::string(buffer.GetBuffer(), device.GetLength());
}

std::string write_file(const std::string& dir, const std::string& name, const std::string& bytes) {
    const std::string path = dir + "/" + name;
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

/// Renders a page set with one image op at `loc`; returns the error (fails if none) and what
/// was written to stderr meanwhile.
std::pair<core::Diagnostic, std::string> render_error(const std::string& path, const core::SourceLoc& loc) {
    auto ps = test::sample_pageset(false);
    ps.pages[0].ops.push_back(layout::Image{0, 0, 1000, 1000, path, "alt", loc});
    const std::string err_path = test::temp_dir("stderr") + "/err.txt";
    std::fflush(stderr);
    const int saved = ::dup(2);
    const int fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 2);
    ::close(fd);
    std::optional<core::Error> caught;
    try {
        (void)render::render_pdf(ps);
    } catch (const core::Error& e) {
        caught = e;
    }
    std::fflush(stderr);
    ::dup2(saved, 2);
    ::close(saved);
    REQUIRE(caught);
    CHECK(caught->code() == core::ExitCode::Invalid);
    REQUIRE(caught->diagnostics().size() == 1);
    std::ifstream in(err_path, std::ios::binary);
    return {caught->diagnostics().front(), std::string(std::istreambuf_iterator<char>(in), {})};
}

std::string rgb_pixels(std::uint32_t w, std::uint32_t h) { return test::pattern(std::size_t{w} * h * 3); }

}  // namespace

TEST_CASE("image: our PNG decoding makes exactly PoDoFo's objects") {
    struct Case {
        const char* name;
        PngSpec spec;
        std::size_t bytes;  // of pixel data
    };
    const std::string palette = test::pattern(3 * 4);
    const Case cases[] = {
        {"RGB 8", {5, 3, 8, 2, "", ""}, 5 * 3 * 3},
        {"RGBA 8", {5, 3, 8, 6, "", ""}, 5 * 3 * 4},
        {"RGB 16", {4, 2, 16, 2, "", ""}, 4 * 2 * 6},
        {"RGB + tRNS", {4, 2, 8, 2, "", std::string("\0\x25\0\x4a\0\x6f", 6)}, 4 * 2 * 3},
        {"gray 8", {7, 2, 8, 0, "", ""}, 7 * 2},
        {"gray 1", {16, 2, 1, 0, "", ""}, 2 * 2},
        {"gray + alpha", {3, 3, 8, 4, "", ""}, 3 * 3 * 2},
        {"palette 8", {4, 2, 8, 3, palette, ""}, 4 * 2},
        {"palette 8 + tRNS", {4, 2, 8, 3, palette, std::string("\x10\x80", 2)}, 4 * 2},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        std::string pixels = test::pattern(c.bytes);
        if (c.spec.color_type == 3) {
            for (auto& p : pixels) p = static_cast<char>(static_cast<unsigned char>(p) % 4);
        }
        const std::string png = make_png(c.spec, pixels);
        const auto* data = reinterpret_cast<const std::uint8_t*>(png.data());
        PoDoFo::PdfMemDocument theirs, ours;
        PoDoFo::PdfImage a(&theirs, "Im");
        a.LoadFromPngData(data, static_cast<PoDoFo::pdf_long>(png.size()));
        PoDoFo::PdfImage b(&ours, "Im");
        render::load_png(b, std::span<const std::uint8_t>(data, png.size()));
        REQUIRE(a.GetObject()->Reference() == b.GetObject()->Reference());
        const std::string expected = objects_from(theirs, static_cast<int>(a.GetObject()->Reference().ObjectNumber()));
        CHECK(objects_from(ours, static_cast<int>(b.GetObject()->Reference().ObjectNumber())) == expected);
        CHECK(expected.find("/Subtype/Image") != std::string::npos);
    }
}

TEST_CASE("image: palette transparency at 4 and 1 bits becomes the right soft mask") {
    // 4 bits: indices 0 1 2 3 | 3 2 1 0 (two rows of four, high nibble first).
    const std::string palette = test::pattern(3 * 4);
    struct Case {
        std::uint8_t depth;
        std::string pixels, trns;
    };
    for (const Case& c : {Case{4, std::string("\x01\x23\x32\x10", 4), std::string("\x00\xff\x40\x80", 4)},
                          Case{1, std::string("\x50\xa0", 2), std::string("\x00\xff", 2)}}) {  // 0101 / 1010
        INFO(int(c.depth));
        const std::string png = make_png({4, 2, c.depth, 3, palette.substr(0, 3 * c.trns.size()), c.trns}, c.pixels);
        PoDoFo::PdfMemDocument doc;
        PoDoFo::PdfImage image(&doc, "Im");
        render::load_png(image, std::span(reinterpret_cast<const std::uint8_t*>(png.data()), png.size()));
        const PoDoFo::PdfObject* smask = image.GetObject()->GetIndirectKey("SMask");
        REQUIRE(smask);
        char* buf = nullptr;
        PoDoFo::pdf_long len = 0;
        smask->GetStream()->GetFilteredCopy(&buf, &len);
        const std::string alpha(buf, static_cast<std::size_t>(len));
        PoDoFo::podofo_free(buf);
        const std::string expected = c.depth == 4 ? std::string("\x00\xff\x40\x80\x80\x40\xff\x00", 8)
                                                  : std::string("\x00\xff\x00\xff\xff\x00\xff\x00", 8);
        CHECK(alpha == expected);
    }
}

TEST_CASE("image: every class of broken image is one located error, exit 1, and libpng prints nothing") {
    const std::string dir = test::temp_dir("images");
    const core::SourceLoc bild{"doc.xml", 12, 7};
    const std::string good = make_png({40, 30, 8, 2, "", ""}, rgb_pixels(40, 30));
    const core::Bytes jpeg = core::read_file(test::data("render/photo.jpg"));
    std::string bogus_sof(jpeg.begin(), jpeg.end());
    const std::size_t sof = bogus_sof.find("\xff\xc0");
    REQUIRE(sof != std::string::npos);
    bogus_sof[sof + 9] = '\0';  // no components: the SOF's length no longer fits
    std::string bad_crc = good;
    bad_crc[bad_crc.size() - 13] ^= 0x55;  // the last byte of IDAT's CRC (IEND is the last 12 bytes)
    struct Case {
        const char* name;
        std::string bytes;  // empty: no file at all
        const char* message;
    };
    const Case cases[] = {
        {"truncated PNG", good.substr(0, good.size() / 2), "is damaged: the file ends before the image does"},
        {"bad CRC", bad_crc, "is damaged: IDAT: CRC error"},
        {"huge declared size", make_png({50000, 50000, 8, 2, "", ""}, rgb_pixels(8, 1)),
         "is too large: 50000 × 50000 pixels; the limit is 16384 pixels per side and 40 megapixels in all"},
        {"one side too long", make_png({20000, 2, 8, 2, "", ""}, rgb_pixels(8, 1)), "is too large: 20000 × 2 pixels"},
        {"too many pixels", make_png({8000, 8000, 8, 2, "", ""}, rgb_pixels(8, 1)), "is too large: 8000 × 8000 pixels"},
        {"PNG without enough image data", make_png({40, 30, 8, 2, "", ""}, rgb_pixels(40, 10)), "is damaged: "},
        {"JPEG with a bogus SOF", bogus_sof, "the JPEG image"},
        {"truncated JPEG", std::string(jpeg.begin(), jpeg.begin() + static_cast<std::ptrdiff_t>(jpeg.size() * 2 / 3)),
         "is damaged: Premature end of JPEG file"},
        {"file gone", "", "cannot be read"},
    };
    for (const auto& c : cases) {
        INFO(c.name);
        const std::string path = dir + "/" + c.name + ".img";
        if (!c.bytes.empty()) write_file(dir, std::string(c.name) + ".img", c.bytes);
        const std::clock_t t0 = std::clock();  // CPU time: a hang shows, a loaded machine does not
        const auto [diag, err] = render_error(path, bild);
        INFO(core::format(diag));
        CHECK(static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC < 2.0);
        CHECK(diag.loc.file == "doc.xml");
        CHECK(diag.loc.line == 12);
        CHECK(diag.kind == "image");
        CHECK(diag.message.find(c.message) != std::string::npos);
        CHECK(diag.message.find(path) != std::string::npos);
        CHECK(err.empty());  // no raw libpng or libjpeg lines
    }
}

TEST_CASE("image: the PNGs of one document together stay within RenderLimits::max_png_pixels_total") {
    const std::string dir = test::temp_dir("png-budget");
    auto ps = test::sample_pageset(false);
    const core::SourceLoc bild{"doc.xml", 30, 5};
    for (int i = 0; i < 3; ++i) {  // 3 × 600 pixels; the same file twice counts once
        const std::string path =
            write_file(dir, "p" + std::to_string(i) + ".png", make_png({20, 30, 8, 2, "", ""}, rgb_pixels(20, 30)));
        ps.pages[0].ops.push_back(layout::Image{0, 0, 1000, 1000, path, "", bild});
        ps.pages[1].ops.push_back(layout::Image{0, 0, 1000, 1000, path, "", bild});
    }
    render::RenderLimits limits;
    limits.max_png_pixels_total = 1800;
    CHECK_NOTHROW(render::render_pdf(ps, limits));
    limits.max_png_pixels_total = 1799;
    try {
        (void)render::render_pdf(ps, limits);
        FAIL("expected core::Error");
    } catch (const core::Error& e) {
        CHECK(e.code() == core::ExitCode::Invalid);
        CHECK(e.diagnostics().front().loc.line == 30);
        CHECK(e.diagnostics().front().message.find(
                  "p2.png takes the document's PNG images to 1800 pixels; the limit is 1799 in all") !=
              std::string::npos);
    }
}
