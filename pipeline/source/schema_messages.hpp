// libxml2 schema error messages rewritten in the user's terms.
#pragma once

#include <string>
#include <string_view>

namespace kansli::source {

struct UserMessage {
    std::string message;
    std::string hint;
};

/// Rewrites one libxml2 schema validation message (`code` is libxml2's xmlParserErrors value):
/// drops the "{urn:kansli:dokument:1}" namespace noise and the trailing newline, writes
/// "Element 'x'" as "<x>", and picks a hint from the code and the message. `root` is the
/// document's root element name, used to name the schema file in hints.
UserMessage rewrite_schema_message(int code, std::string_view raw, std::string_view root);

/// A hint for an element `child` that its parent element `parent` does not allow, when the
/// parent's content rule is worth saying in words (a protokoll's <paragrafer> and <grupp>);
/// "" otherwise.
std::string container_hint(std::string_view parent, std::string_view child, std::string_view root);

}  // namespace kansli::source
