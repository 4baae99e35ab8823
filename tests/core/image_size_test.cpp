// Image sizes from headers: real files written by ImageMagick/Python, and hostile truncations.
#include "core/image_size.hpp"

#include "core/files.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

using namespace kansli;

TEST_CASE("PNG and JPEG sizes are read from the header") {
    struct Case {
        const char* file;
        core::ImageFormat fmt;
        std::uint32_t w, h;
    };
    for (const Case c : {Case{"layout/images/logo-120x45.png", core::ImageFormat::Png, 120, 45},
                         Case{"layout/images/photo-64x48.jpg", core::ImageFormat::Jpeg, 64, 48},
                         Case{"layout/images/progressive-33x77.jpg", core::ImageFormat::Jpeg, 33, 77}}) {
        INFO(c.file);
        const auto s = core::try_image_size_of_file(test::data(c.file));
        REQUIRE(s);
        CHECK(s->format == c.fmt);
        CHECK(s->width == c.w);
        CHECK(s->height == c.h);
    }
}

TEST_CASE("truncated or foreign data gives no size and never reads out of bounds") {
    for (const char* f : {"layout/images/logo-120x45.png", "layout/images/photo-64x48.jpg"}) {
        const core::Bytes b = core::read_file(test::data(f));
        const auto full = core::try_image_size(b);
        REQUIRE(full);
        for (std::size_t n = 0; n < std::min<std::size_t>(b.size(), 400); ++n) {
            const auto s = core::try_image_size(std::span<const std::uint8_t>(b.data(), n));
            if (s) CHECK((s->width == full->width && s->height == full->height));  // only once the size is there
        }
    }
    const std::uint8_t gif[] = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};
    CHECK_FALSE(core::try_image_size(gif));
    const std::uint8_t loop[] = {0xff, 0xd8, 0xff, 0xe0, 0x00, 0x00, 0xff, 0xe0};
    CHECK_FALSE(core::try_image_size(loop));
}
