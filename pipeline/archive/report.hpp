// What ingest, search and check print: JSON strings, a document's line, the progress line.
#pragma once

#include "core/utf8.hpp"

#include "archive/record.hpp"

#include <string>

namespace kansli::archive {

/// `s` as a JSON string literal (quotes included; control characters escaped; UTF-8 kept).
using core::json_quote;  ///< the one JSON string quoter (core/utf8.hpp)

/// The outcome of one document of an ingest.
enum class Outcome : std::uint8_t { Archived, Exists, Quarantined, Error };
const char* to_string(Outcome o);

/// "archived  uuid-…  X.pdf  (protokoll Organ 2023-02-24; 3 signatures passed; rebuild identical)"
std::string outcome_line(Outcome o, const Record& rec, const std::string& detail);
/// One JSON object on one line: {"file", "outcome", "objid", "sha256", "document", "kind", "organ",
/// "date", "verdict", "rebuild", "rebuild_detail", "signatures", "detail"}
std::string outcome_json(Outcome o, const Record& rec, const std::string& detail);

}  // namespace kansli::archive
