// Loading a source document: read, parse, schema, model, rules, in one call.
#pragma once

#include "core/diagnostic.hpp"
#include "model/document.hpp"
#include "source/limits.hpp"
#include "source/schema_set.hpp"

#include <optional>
#include <string>

namespace kansli::job {

/// How deep kansli XML sources may append each other (a kallelse → its handling → …).
inline constexpr std::size_t kMaxSourceDepth = 4;

/// Reads `path` (at most limits.max_bytes), parses it safely, validates it against the schema
/// of its root element, builds the model and runs every rule. All findings go into `sink`
/// (file:line:col, message, hint), in source order within each stage. Returns the document
/// when no error was found, nullopt otherwise (a schema-invalid document is not built further).
/// Files the document names (fil="…") are read only beneath `root` (default: the document's
/// folder; see core/confine.hpp); in the document returned, each such path is replaced by the
/// absolute, link-free path of the file that was checked, so later stages read that very file.
/// A beslutsunderlag that is a kansli source (fil="….xml") is loaded the same way (its findings
/// located in its own file), at most kMaxSourceDepth levels deep and never in a cycle.
/// Throws core::Error (exit 2, kind "io") when the file cannot be read or exceeds the limit.
std::optional<model::Document> load_document(const std::string& path, const source::SchemaSet& schemas,
                                             core::DiagSink& sink, const source::ParseLimits& limits = {},
                                             const std::string& root = {});

/// Same, from `text` already read (e.g. the source a protokoll PDF carries); `path` names it in
/// diagnostics and its folder is the document's folder.
std::optional<model::Document> load_document_text(std::string_view text, const std::string& path,
                                                  const source::SchemaSet& schemas, core::DiagSink& sink,
                                                  const std::string& root = {});

/// Same, loading the schemas from `schemas_dir` first (throws core::Error, exit 2, when they
/// cannot be loaded). Prefer the SchemaSet overload when loading several documents.
std::optional<model::Document> load_document(const std::string& path, const std::string& schemas_dir,
                                             core::DiagSink& sink, const std::string& root = {});

/// "protokoll, 15 §§", "kallelse, 12 ärenden", "avtal, 9 avsnitt": a one-line summary.
std::string describe(const model::Document& doc);

}  // namespace kansli::job
