// How the PDF writer compresses: PoDoFo's own Flate filter (zlib, level 6) is replaced by
// libdeflate at level 6 for every stream PoDoFo writes for a rendered document whose one filter is
// /FlateDecode (content streams, font subsets, ToUnicode maps, kansli's data). What qpdf writes
// afterwards (object streams, the cross-reference stream, the ICC profile) stays qpdf's zlib. libdeflate compresses the same
// data ~2.5 times faster than zlib and a little smaller (measured on a protokoll's streams: 1.75 vs
// 4.40 ms, 72,255 vs 72,540 bytes); its output is a plain zlib stream that any reader inflates.
// The bytes depend only on the input, the level and libdeflate's version (Debian 12: 1.14), as
// zlib's did on zlib's.
//
// On top of that, a per-thread memo of the compressed data of font subsets (FontFile2, ToUnicode):
// in a batch most documents use the same glyphs of a face, so the same subset is compressed again
// and again. The memo maps the exact input bytes to the bytes the compressor produced for them; a
// hit writes those bytes, so the stream is what a cold compression would have written.
//
// Bounds (core::ByteMemo): entries of at most kMemoMaxEntryBytes (input + output); at most
// kMemoMaxBytes per thread, the least recently used dropped first.
#pragma once

#include <podofo/podofo.h>

#include <cstddef>
#include <string>
#include <string_view>

namespace kansli::render {

constexpr std::size_t kMemoMaxEntryBytes = std::size_t{4} << 20;
constexpr std::size_t kMemoMaxBytes = std::size_t{8} << 20;
/// libdeflate's compression level for every Flate stream kansli's renderer writes.
constexpr int kFlateLevel = 6;

/// `data` as a zlib stream (RFC 1950), compressed by this thread's libdeflate compressor.
[[nodiscard]] std::string flate_compress(std::string_view data);

/// While alive, the streams created in `objects` (PdfObject::GetStream on an object without one)
/// are compressed by flate_compress() when their one filter is /FlateDecode; other streams are
/// PoDoFo's own. `objects` must have no stream factory of its own (a PdfMemDocument's has none);
/// it has none again afterwards.
class FlateStreamScope final {
public:
    explicit FlateStreamScope(PoDoFo::PdfVecObjects& objects);
    ~FlateStreamScope();
    FlateStreamScope(const FlateStreamScope&) = delete;
    FlateStreamScope& operator=(const FlateStreamScope&) = delete;

private:
    PoDoFo::PdfVecObjects& m_objects;
};

/// While alive (inside a FlateStreamScope), the Flate streams this thread writes are looked up in
/// and added to this thread's memo: for the font subsets, which recur from document to document.
class DeflateMemoScope final {
public:
    DeflateMemoScope();
    ~DeflateMemoScope();
    DeflateMemoScope(const DeflateMemoScope&) = delete;
    DeflateMemoScope& operator=(const DeflateMemoScope&) = delete;

private:
    bool m_was;
};

/// This thread's memo, for tests and diagnostics.
struct DeflateMemoStats {
    std::size_t entries = 0, bytes = 0, hits = 0, misses = 0;
};
DeflateMemoStats deflate_memo_stats();

}  // namespace kansli::render
