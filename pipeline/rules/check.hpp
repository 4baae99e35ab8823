// Checks beyond the XML schema. Each check reports into a DiagSink with its own kind and
// never stops at the first error; messages are in the user's terms with a hint.
#pragma once

#include "core/diagnostic.hpp"
#include "model/document.hpp"

namespace kansli::rules {

/// Runs every check that applies to the document's kind (see protokoll_rules.hpp,
/// kallelse_rules.hpp and common_rules.hpp). Attachment checks read files under
/// doc.base_dir. Findings are added to `sink` sorted by line and column. Returns true when no
/// error was found.
bool check_document(const model::Document& doc, core::DiagSink& sink);

}  // namespace kansli::rules
