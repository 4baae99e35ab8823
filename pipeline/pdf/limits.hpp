// The limits kansli applies to every PDF it reads from outside (appended handlingar, PDFs to
// sign, PDFs under verification). One set of numbers, documented in README "Limits".
#pragma once

#include <cstddef>
#include <cstdint>

namespace kansli::pdf {

struct Limits {
    std::uint64_t file_bytes = 64ull << 20;            ///< size of the file itself
    std::uint64_t stream_decoded_bytes = 64ull << 20;  ///< one stream after its filters
    std::uint64_t total_decoded_bytes = 256ull << 20;  ///< all streams of one file together
    std::size_t objects = 500'000;                     ///< indirect objects (xref entries, "obj" keywords)
    std::size_t container_items = 500'000;             ///< tokens directly inside one array or dictionary
    std::size_t total_items = 1'000'000;               ///< tokens inside arrays/dictionaries, whole file
    std::size_t nesting = 64;                          ///< arrays/dictionaries inside each other
    std::size_t pages = 20'000;                        ///< pages of one document
    std::size_t page_tree_depth = 64;                  ///< levels of /Kids
    friend bool operator==(const Limits&, const Limits&) = default;  ///< every field (pdf/loaded.hpp relies on it)
};

/// The limits in force unless a caller narrows them.
const Limits& default_limits();

}  // namespace kansli::pdf
