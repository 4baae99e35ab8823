#include "verify/stream_decode.hpp"

#include <algorithm>
#include <cstdlib>
#include <exception>
#include <memory>

namespace kansli::verify {

// Undoes a PNG (10..15) or TIFF (2) predictor of 8-bit samples; nullopt for anything else.
std::optional<std::vector<std::uint8_t>> unpredict(std::vector<std::uint8_t> in, std::int64_t predictor,
                                                   std::int64_t colors, std::int64_t bpc, std::int64_t columns) {
    if (predictor == 1) return in;
    if (bpc != 8 || colors < 1 || colors > 4 || columns < 1 || columns > 4096) return std::nullopt;
    const auto bpp = static_cast<std::size_t>(colors), row = static_cast<std::size_t>(columns * colors);
    std::vector<std::uint8_t> out;
    if (predictor == 2) {
        for (std::size_t i = 0; i < in.size(); ++i) {
            if (i % row >= bpp) in[i] = static_cast<std::uint8_t>(in[i] + in[i - bpp]);
        }
        return in;
    }
    if (predictor < 10 || predictor > 15) return std::nullopt;
    std::vector<std::uint8_t> prev(row, 0), cur(row);
    for (std::size_t p = 0; p + row + 1 <= in.size(); p += row + 1) {
        const auto filter = in[p];
        for (std::size_t i = 0; i < row; ++i) {
            const int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
            int x = in[p + 1 + i];
            switch (filter) {
                case 0: break;
                case 1: x += a; break;
                case 2: x += b; break;
                case 3: x += (a + b) / 2; break;
                case 4: {
                    const int pa = std::abs(b - c), pb = std::abs(a - c), pc = std::abs(a + b - 2 * c);
                    x += (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
                    break;
                }
                default: return std::nullopt;
            }
            cur[i] = static_cast<std::uint8_t>(x);
        }
        out.insert(out.end(), cur.begin(), cur.end());
        prev = cur;
    }
    return out;
}

}  // namespace kansli::verify
