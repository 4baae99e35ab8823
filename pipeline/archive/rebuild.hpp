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
#include <string_view>

namespace kansli::archive {

/// The SHA-256 over the names, sizes and bytes of every *.xsd directly in `dir`: the key of the
/// compiled schemas (a different byte in any schema file gives a different key).
std::string schemas_key(const std::string& dir);

/// This thread's SchemaSet for <home>/schemas: compiled on first use and again whenever
/// schemas_key() changes (the files are read and hashed again only when a core::FileStamp of the
/// folder or of a file changed); one per thread (memory independent of the batch). Valid until the
/// thread's next call. Throws core::Error as SchemaSet::load does.
const source::SchemaSet& thread_schemas(const std::string& home);

/// job::load_document with thread_schemas(home).
std::optional<model::Document> load_source(const std::string& path, const std::string& home, core::DiagSink& sink);
/// The same with `schemas` (thread_schemas(home), asked once for a document's load and rebuild)
/// and `text`: the file's bytes, read by the caller (at most 16 MiB, as load_document reads it).
std::optional<model::Document> load_source(std::string_view text, const std::string& path,
                                           const source::SchemaSet& schemas, core::DiagSink& sink);

/// The PDF `kansli build` writes for the source at `time` with the default style of `home`
/// (job::build_bytes). Throws core::Error as job::build does (exit 1 invalid source, broken
/// attachment or image; exit 2 style/fonts/I/O).
core::Bytes build_bytes(const std::string& source, const std::string& home, core::Instant time);
/// The same with `schemas` and, when not null, `loaded`: what load_source(source, schemas) gave
/// (the source is then not read, parsed and validated a second time).
core::Bytes build_bytes(const std::string& source, const std::string& home, core::Instant time,
                        const source::SchemaSet& schemas, const model::Document* loaded);

}  // namespace kansli::archive
