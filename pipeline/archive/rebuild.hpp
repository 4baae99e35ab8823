// Loading and rebuilding a source in memory, with the schemas, style, fonts and hyphenator
// loaded once per worker thread: the same calls as job::build (load_document, compose, render),
// without its output file.
#pragma once

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "core/time.hpp"
#include "model/document.hpp"

#include <optional>
#include <string>

namespace kansli::archive {

/// job::load_document with this thread's SchemaSet for `home` (loaded on first use).
std::optional<model::Document> load_source(const std::string& path, const std::string& home, core::DiagSink& sink);

/// The PDF `kansli build` writes for the source at `time` with the default style of `home`
/// (job::build_bytes). Throws core::Error as job::build does (exit 1 invalid source, broken
/// attachment or image; exit 2 style/fonts/I/O).
core::Bytes build_bytes(const std::string& source, const std::string& home, core::Instant time);

}  // namespace kansli::archive
