// Decoding the bytes of a stream that verify reads itself (a hybrid file's /XRefStm), before qpdf
// sees the file: the PNG/TIFF predictors of /DecodeParms (the capped zlib is pdf/decode.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace kansli::verify {

/// Undoes a PNG (10..15) or TIFF (2) predictor of 8-bit samples (predictor 1: unchanged); nullopt
/// for other predictors or sample layouts (colors 1..4, columns 1..4096) and unknown PNG row filters.
std::optional<std::vector<std::uint8_t>> unpredict(std::vector<std::uint8_t> in, std::int64_t predictor,
                                                   std::int64_t colors, std::int64_t bpc, std::int64_t columns);

}  // namespace kansli::verify
