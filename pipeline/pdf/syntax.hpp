// The lexical pre-scan of untrusted PDF bytes, run before any parser builds objects from them:
// how deep arrays and dictionaries nest, how many tokens one of them holds, how many indirect
// objects the bytes define, and where the cross-reference streams are (qpdf decodes those while
// opening, so their size is checked here). The one nesting scanner of kansli (build, sign, verify).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace kansli::pdf {

/// A stream whose dictionary says /Type /XRef: the dictionary's and the data's first offsets.
struct RawStream {
    std::size_t dict_begin = 0;  ///< offset of its "<<"
    std::size_t dict_end = 0;    ///< offset just after its ">>"
    std::size_t data_begin = 0;  ///< first byte after "stream" and its end-of-line
};

/// What the scan found; when a cap was exceeded it stopped there (the figure is then cap + 1).
struct SyntaxStats {
    std::size_t nesting = 0;            ///< deepest nesting of << and [
    std::size_t largest_container = 0;  ///< most tokens directly inside one array or dictionary
    std::size_t objects = 0;            ///< "obj" keywords outside containers (indirect objects)
    std::size_t items = 0;              ///< tokens inside arrays and dictionaries, all together
    std::vector<RawStream> xref_streams;
};

/// Caps at which the scan stops (0: no cap).
struct SyntaxCaps {
    std::size_t nesting = 0;
    std::size_t container_items = 0;
    std::size_t objects = 0;
    std::size_t total_items = 0;
};

/// Scans `pdf` skipping comments, literal and hex strings and stream data. A token is a number,
/// name, string, keyword, array or dictionary: "1 0 R" counts three. Linear time, no recursion,
/// memory bounded by the nesting cap.
SyntaxStats scan_syntax(std::span<const std::uint8_t> pdf, const SyntaxCaps& caps);

/// Largest nesting of << and [ (stops counting, returning a value > cap, once `cap` is exceeded).
std::size_t max_nesting_depth(std::span<const std::uint8_t> pdf, std::size_t cap);

}  // namespace kansli::pdf
