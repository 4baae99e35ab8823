// Bounds that keep hostile XML from exhausting memory or time.
#pragma once

#include <cstddef>

namespace kansli::source {

/// Limits applied while reading and parsing a source. The defaults fit any real meeting
/// document with a wide margin (the largest seed is about 60 KiB of XML).
struct ParseLimits {
    std::size_t max_bytes = std::size_t{16} << 20;  ///< file size, bytes (16 MiB)
    int max_depth = 256;                            ///< element nesting depth
};

}  // namespace kansli::source
