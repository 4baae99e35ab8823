// A lexical pre-scan of PDF bytes for nesting depth, run before PoDoFo parses an appended PDF:
// PoDoFo 0.9.8 takes cubic time on deeply nested dictionaries and overflows its stack at
// ~17k levels (PODOFO-BOTAN-FACTS.md §6). Internal to render/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kansli::render {

/// The deepest nesting of dictionaries and arrays in `pdf`, skipping comments, literal and
/// hex strings and stream data. Stops counting (and returns) as soon as `limit` is exceeded.
/// Linear in the size of the input. Limitation: objects inside compressed object streams
/// (/Type /ObjStm) are not seen; appended PDFs are chosen by the secretary, so this guards
/// against accidents and crude attacks, not against a determined one.
std::size_t max_nesting(std::string_view pdf, std::size_t limit);

}  // namespace kansli::render
