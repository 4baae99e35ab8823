// Loading and rebuilding a source in memory, with the schemas compiled once per worker thread
// (recompiled when a schema file's bytes change): the same calls as job::build (load_document,
// compose, render), without its output file.
#pragma once

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "core/time.hpp"
#include "model/document.hpp"
#include "source/schema_set.hpp"

#include <optional>
#include <string>

namespace kansli::archive {

/// The SHA-256 over the names, sizes and bytes of every *.xsd directly in `dir`: the key of the
/// compiled schemas (a different byte in any schema file gives a different key).
std::string schemas_key(const std::string& dir);

/// This thread's SchemaSet for <home>/schemas: compiled on first use and again whenever
/// schemas_key() changes (the files are read and hashed again only when a file's core::FileStamp
/// or the set of files changed); one per thread (memory independent of the batch). Valid until the
/// thread's next call. Throws core::Error as SchemaSet::load does.
const source::SchemaSet& thread_schemas(const std::string& home);

/// job::load_document with thread_schemas(home).
std::optional<model::Document> load_source(const std::string& path, const std::string& home, core::DiagSink& sink);

/// The PDF `kansli build` writes for the source at `time` with the default style of `home`
/// (job::build_bytes). Throws core::Error as job::build does (exit 1 invalid source, broken
/// attachment or image; exit 2 style/fonts/I/O).
core::Bytes build_bytes(const std::string& source, const std::string& home, core::Instant time);

}  // namespace kansli::archive
