// A per-thread memo of Flate-compressed stream data, for the streams PoDoFo makes when it embeds
// font subsets (FontFile2, ToUnicode, CIDSet). In a batch most documents use the same glyphs of
// a face, so the same subset is compressed again and again (the FontFile2 alone was ~10 M
// instructions a document). The memo maps the exact bytes PoDoFo hands to its Flate filter (and
// how it handed them: the chunk sizes) to the bytes that filter produced; a hit writes those
// bytes, so the stream is what PoDoFo would have written. Streams with no filter or other
// filters pass through untouched.
//
// Bounds: entries of at most kMemoMaxEntryBytes of input; at most kMemoMaxBytes (input + output)
// per thread, the least recently used dropped first.
#pragma once

#include <podofo/podofo.h>

#include <cstddef>

namespace kansli::render {

constexpr std::size_t kMemoMaxEntryBytes = std::size_t{4} << 20;
constexpr std::size_t kMemoMaxBytes = std::size_t{8} << 20;

/// While alive, the streams created in `objects` (PdfObject::GetStream on an object without one)
/// are memo streams of this thread. `objects` must have no stream factory of its own (a
/// PdfMemDocument's has none); it has none again afterwards.
class DeflateMemoScope final {
public:
    explicit DeflateMemoScope(PoDoFo::PdfVecObjects& objects);
    ~DeflateMemoScope();
    DeflateMemoScope(const DeflateMemoScope&) = delete;
    DeflateMemoScope& operator=(const DeflateMemoScope&) = delete;

private:
    PoDoFo::PdfVecObjects& m_objects;
};

/// This thread's memo, for tests and diagnostics.
struct DeflateMemoStats {
    std::size_t entries = 0, bytes = 0, hits = 0, misses = 0;
};
DeflateMemoStats deflate_memo_stats();

}  // namespace kansli::render
