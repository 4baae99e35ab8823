// Decoding the bytes of a stream that verify reads itself (a hybrid file's /XRefStm), before qpdf
// sees the file: zlib with a hard cap, and the PNG/TIFF predictors of /DecodeParms.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace kansli::verify {

/// Inflates zlib `data` to at most `cap` bytes, in 1 KiB steps so a decompression bomb stops at the
/// cap. Corrupt data keeps what came out before the error (a lax reader may see it too); nullopt
/// only when no decompressor is available.
std::optional<std::vector<std::uint8_t>> inflate(std::span<const std::uint8_t> data, std::size_t cap);

/// Undoes a PNG (10..15) or TIFF (2) predictor of 8-bit samples (predictor 1: unchanged); nullopt
/// for other predictors or sample layouts (colors 1..4, columns 1..4096) and unknown PNG row filters.
std::optional<std::vector<std::uint8_t>> unpredict(std::vector<std::uint8_t> in, std::int64_t predictor,
                                                   std::int64_t colors, std::int64_t bpc, std::int64_t columns);

}  // namespace kansli::verify
