// Test inputs: PNG files written from scratch (IHDR, optional PLTE/tRNS, one IDAT of stored
// deflate blocks, IEND), so tests can make any header, size or damage they need.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kansli::test {

struct PngSpec {
    std::uint32_t width = 1, height = 1;
    std::uint8_t depth = 8;
    std::uint8_t color_type = 2;  ///< 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA
    std::string palette;          ///< PLTE payload (3 bytes per entry), palette images
    std::string trns;             ///< tRNS payload, when not empty
};

inline std::uint32_t png_crc(const std::string& bytes) {
    std::uint32_t c = 0xffffffffu;
    for (unsigned char b : bytes) {
        c ^= b;
        for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return c ^ 0xffffffffu;
}

inline std::string be32(std::uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

inline std::string png_chunk(const std::string& type, const std::string& payload) {
    return be32(static_cast<std::uint32_t>(payload.size())) + type + payload + be32(png_crc(type + payload));
}

/// A zlib stream of stored (uncompressed) deflate blocks.
inline std::string zlib_stored(const std::string& data) {
    std::string z = "\x78\x01";
    std::size_t at = 0;
    do {
        const std::size_t n = std::min<std::size_t>(data.size() - at, 65535);
        const bool last = at + n == data.size();
        z += static_cast<char>(last ? 1 : 0);
        z += {static_cast<char>(n & 0xff), static_cast<char>(n >> 8), static_cast<char>(~n & 0xff),
              static_cast<char>((~n >> 8) & 0xff)};
        z += data.substr(at, n);
        at += n;
    } while (at < data.size());
    std::uint32_t a = 1, b = 0;
    for (unsigned char c : data) {
        a = (a + c) % 65521;
        b = (b + a) % 65521;
    }
    return z + be32((b << 16) | a);
}

/// The PNG of `spec` whose rows are `pixels` (packed samples, no filter bytes; filter 0 is
/// added). `pixels` may be shorter than the header promises, to make damaged files.
inline std::string make_png(const PngSpec& spec, const std::string& pixels) {
    std::string ihdr = be32(spec.width) + be32(spec.height);
    ihdr += {static_cast<char>(spec.depth), static_cast<char>(spec.color_type), 0, 0, 0};
    const int channels = spec.color_type == 2 ? 3 : spec.color_type == 4 ? 2 : spec.color_type == 6 ? 4 : 1;
    const std::size_t row = (std::size_t{spec.width} * channels * spec.depth + 7) / 8;
    std::string raw;
    for (std::size_t at = 0; at < pixels.size(); at += row) raw += '\0' + pixels.substr(at, row);
    std::string png = "\x89PNG\r\n\x1a\n" + png_chunk("IHDR", ihdr);
    if (!spec.palette.empty()) png += png_chunk("PLTE", spec.palette);
    if (!spec.trns.empty()) png += png_chunk("tRNS", spec.trns);
    return png + png_chunk("IDAT", zlib_stored(raw)) + png_chunk("IEND", "");
}

/// `n` bytes of a simple pattern.
inline std::string pattern(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 37 + i / 7) & 0xff);
    return s;
}

}  // namespace kansli::test
