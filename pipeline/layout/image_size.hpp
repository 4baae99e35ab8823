// Pixel size of PNG and JPEG images, read from the file header (no decoding).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace kansli::layout {

enum class ImageFormat : std::uint8_t { Unknown = 0, Png, Jpeg };

struct ImageSize {
    ImageFormat format = ImageFormat::Unknown;
    std::uint32_t width = 0;   ///< pixels
    std::uint32_t height = 0;  ///< pixels
};

/// Reads the size from the first bytes of a PNG (IHDR) or JPEG (first SOFn marker). Returns
/// nullopt for anything else, for truncated or hostile data, and for zero sizes. Never throws.
std::optional<ImageSize> try_image_size(std::span<const std::uint8_t> bytes);

/// Reads the file (at most 16 MiB) and returns try_image_size of it. Throws core::Error (exit 2)
/// when it cannot be read; returns nullopt when it is not a PNG or JPEG.
std::optional<ImageSize> try_image_size_of_file(const std::string& path);

}  // namespace kansli::layout
