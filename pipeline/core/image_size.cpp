#include "core/image_size.hpp"

#include "core/diagnostic.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace kansli::core {
namespace {

std::uint32_t be32(std::span<const std::uint8_t> b, std::size_t at) {
    return (std::uint32_t{b[at]} << 24) | (std::uint32_t{b[at + 1]} << 16) | (std::uint32_t{b[at + 2]} << 8) |
           b[at + 3];
}
std::uint32_t be16(std::span<const std::uint8_t> b, std::size_t at) { return (std::uint32_t{b[at]} << 8) | b[at + 1]; }

std::optional<ImageSize> png_size(std::span<const std::uint8_t> b) {
    // Signature (8), IHDR length (4) "IHDR" (4), width (4), height (4).
    static constexpr std::uint8_t kSig[8] = {0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
    if (b.size() < 24) return std::nullopt;
    for (std::size_t i = 0; i < 8; ++i)
        if (b[i] != kSig[i]) return std::nullopt;
    if (b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') return std::nullopt;
    const ImageSize s{ImageFormat::Png, be32(b, 16), be32(b, 20)};
    if (s.width == 0 || s.height == 0 || s.width > 0x7fffffff || s.height > 0x7fffffff) return std::nullopt;
    return s;
}

std::optional<ImageSize> jpeg_size(std::span<const std::uint8_t> b) {
    if (b.size() < 4 || b[0] != 0xff || b[1] != 0xd8) return std::nullopt;
    std::size_t at = 2;
    // Walk the marker segments; each step moves forward, so this ends on any input.
    while (at + 4 <= b.size()) {
        if (b[at] != 0xff) return std::nullopt;
        const std::uint8_t marker = b[at + 1];
        if (marker == 0xff) {  // fill byte
            ++at;
            continue;
        }
        if (marker == 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
            at += 2;
            continue;
        }
        if (marker == 0xd9 || marker == 0xda) return std::nullopt;  // end or scan before any SOF
        const std::uint32_t len = be16(b, at + 2);
        if (len < 2) return std::nullopt;
        const bool sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
        if (sof) {
            if (at + 9 > b.size() || len < 7) return std::nullopt;
            const ImageSize s{ImageFormat::Jpeg, be16(b, at + 7), be16(b, at + 5)};
            if (s.width == 0 || s.height == 0) return std::nullopt;
            return s;
        }
        at += 2 + len;
    }
    return std::nullopt;
}

}  // namespace

std::optional<ImageSize> try_image_size(std::span<const std::uint8_t> bytes) {
    if (auto s = png_size(bytes)) return s;
    return jpeg_size(bytes);
}

std::optional<ImageSize> try_image_size_of_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw_io(path, std::string("cannot open the image: ") + std::strerror(errno));
    std::vector<std::uint8_t> head(kImageHeaderBytes);
    in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    if (in.bad()) throw_io(path, "cannot read the image");
    head.resize(static_cast<std::size_t>(in.gcount()));
    return try_image_size(head);
}

std::optional<std::string> image_limit_problem(const ImageSize& s) {
    const std::uint64_t pixels = std::uint64_t{s.width} * s.height;
    if (s.width <= kMaxImageSide && s.height <= kMaxImageSide && pixels <= kMaxImagePixels) return std::nullopt;
    return std::to_string(s.width) + " × " + std::to_string(s.height) + " pixels; the limit is " +
           std::to_string(kMaxImageSide) + " pixels per side and " + std::to_string(kMaxImagePixels / 1'000'000) +
           " megapixels in all";
}

const char* image_format_name(ImageFormat f) {
    return f == ImageFormat::Png ? "PNG" : f == ImageFormat::Jpeg ? "JPEG" : "image";
}

}  // namespace kansli::core
