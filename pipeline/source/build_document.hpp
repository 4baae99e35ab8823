// XML tree → model::Document.
#pragma once

#include "core/diagnostic.hpp"
#include "model/document.hpp"
#include "source/xml_tree.hpp"

#include <optional>
#include <string>

namespace kansli::source {

/// Builds the content model from a well-formed (and normally schema-valid) tree. Every node
/// gets the SourceLoc of its element; inline text is whitespace-collapsed as documented in
/// model/text.hpp; footnotes are numbered 1.. in document order; paths are kept as written.
/// `path` becomes Document::path and its folder Document::base_dir ("." when none).
/// Values the schema cannot check (dates that do not exist are kept for rules/ to report;
/// malformed §§ ranges, times and numbers are reported here as kinds "range", "time", "number")
/// go into `sink`. Returns nullopt on an unknown root or when errors were reported.
std::optional<model::Document> build_document(const XmlTree& tree, const std::string& path, core::DiagSink& sink);

/// Parses a §§ range list such as "7-15", "9", "1-7, 11" (an optional leading "§" or "§§" is
/// accepted). nullopt when malformed, empty or a range is reversed.
std::optional<model::ParagraphRanges> parse_ranges(std::string_view text);

}  // namespace kansli::source
