// Pixel size of PNG and JPEG images, read from the file header (no decoding), and the pixel
// limits every stage applies before an image is decoded: validate (rules/), layout and render.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace kansli::core {

enum class ImageFormat : std::uint8_t { Unknown = 0, Png, Jpeg };

struct ImageSize {
    ImageFormat format = ImageFormat::Unknown;
    std::uint32_t width = 0;   ///< pixels
    std::uint32_t height = 0;  ///< pixels
};

/// Largest width and largest height accepted, in pixels.
inline constexpr std::uint32_t kMaxImageSide = 16'384;
/// Largest width × height accepted: 40 megapixels (an A4 page scanned at 600 dpi is 34.8 MP, a
/// 24-megapixel photograph fits). Decoded, that is at most 160 MB (RGBA, 8 bits per sample).
inline constexpr std::uint64_t kMaxImagePixels = 40'000'000;
/// How much of a file is read to find the size (a JPEG's SOF may follow large APPn segments).
inline constexpr std::size_t kImageHeaderBytes = std::size_t{16} << 20;

/// Reads the size from the first bytes of a PNG (IHDR) or JPEG (first SOFn marker). Returns
/// nullopt for anything else, for truncated or hostile data, and for zero sizes. Never throws.
std::optional<ImageSize> try_image_size(std::span<const std::uint8_t> bytes);

/// Reads at most kImageHeaderBytes of the file and returns try_image_size of them. Throws
/// core::Error (exit 2) when the file cannot be read; nullopt when no size is found.
std::optional<ImageSize> try_image_size_of_file(const std::string& path);

/// Why `s` is beyond the pixel limits ("50000 × 50000 pixels; the limit is …"), or nullopt.
std::optional<std::string> image_limit_problem(const ImageSize& s);

/// "PNG" or "JPEG".
const char* image_format_name(ImageFormat f);

}  // namespace kansli::core
