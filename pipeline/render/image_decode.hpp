// Decoding of PNG and JPEG files for render/images, internal to render/. libpng and libjpeg are
// called with our own error and warning handlers, so nothing is printed to stderr and every
// failure becomes one message; the pixel limits (core/image_size.hpp) bound what is decoded.
#pragma once

#include <podofo/podofo.h>

#include <cstdint>
#include <span>
#include <stdexcept>

namespace kansli::render {

/// What is wrong with an image file, in the user's terms ("IDAT: CRC error").
class ImageError final : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Decodes the PNG `data` into `image` as PoDoFo 0.9.8's PdfImage::LoadFromPngData does (the
/// same transformations and objects, so the same PDF bytes; palette transparency is read
/// correctly at 1, 2 and 4 bits), but checks every chunk to IEND and never reads past `data`.
/// Throws ImageError for a damaged or truncated file or one beyond the pixel limits.
void load_png(PoDoFo::PdfImage& image, std::span<const std::uint8_t> data);

/// Decodes the whole JPEG `data` (at 1/8 scale: every entropy-coded byte is still read) to prove
/// it is intact; PoDoFo then embeds the file as it is (DCTDecode). Throws ImageError for a
/// damaged or truncated file or one beyond the pixel limits.
void check_jpeg(std::span<const std::uint8_t> data);

}  // namespace kansli::render
