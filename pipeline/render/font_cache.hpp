// The font files that render embeds, read and parsed by FreeType once per thread rather than once
// per document (a batch such as `kansli archive ingest` builds thousands of documents with the
// same six faces). Only what does not depend on the document is kept: the file's bytes, the
// FreeType face made from them, PoDoFo's metrics of that face and the advance width of each glyph.
// The subset prefix, the used glyphs and every PDF object stay per document, so a document's
// bytes are the same whether the cache was warm, cold or bypassed.
//
// Freshness: every use stats the file; an entry is used only while the file's core::FileStamp
// (device, inode, size, mtime, ctime) is the one it was read with, else the file is read again.
// A file that changed while it was read is used for that document and not kept.
// Bounds: at most kFontCacheEntries files per thread (least recently used dropped first), each
// at most kMaxFontFileBytes; an entry holds the file's bytes plus FreeType's face.
#pragma once

#include <podofo/podofo.h>

#include <cstddef>
#include <memory>
#include <string>

namespace kansli::render {

constexpr std::size_t kFontCacheEntries = 16;
constexpr std::size_t kMaxFontFileBytes = std::size_t{64} << 20;  // as layout's sfnt reader

/// Metrics for one subset font of one document: what PdfFontMetricsFreetype::CreateForSubsetting
/// (FreeType, path, not symbol, subset_prefix) gives, backed by this thread's cached face of
/// `path`. The caller owns the result (a PdfFont it is handed to deletes it); it must be used on
/// this thread only. Throws core::Error (exit 2) when the file cannot be read or is too large,
/// PoDoFo::PdfError (ePdfError_FreeType) when FreeType cannot parse it, as PoDoFo itself does.
std::unique_ptr<PoDoFo::PdfFontMetrics> subset_metrics(const std::string& path, const char* subset_prefix);

/// This thread's cache, for tests and diagnostics: files held, and files read since the thread
/// started (a warm document reads none).
struct FontCacheStats {
    std::size_t entries = 0;
    std::size_t reads = 0;
};
FontCacheStats font_cache_stats();

}  // namespace kansli::render
