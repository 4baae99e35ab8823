#include "source/schema_messages.hpp"

#include <libxml/xmlerror.h>

namespace kansli::source {

namespace {

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    if (from.empty()) return;
    for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size())) {
        s.replace(pos, from.size(), to);
    }
}

bool contains(std::string_view s, std::string_view what) { return s.find(what) != std::string_view::npos; }

/// "Element 'rubrik': rest" → "<rubrik>: rest"; "Element 'a', attribute 'b': rest" → "<a> attribute 'b': rest".
std::string tidy_element_prefix(std::string m) {
    constexpr std::string_view kPrefix = "Element '";
    if (m.rfind(kPrefix, 0) != 0) return m;
    auto close = m.find('\'', kPrefix.size());
    if (close == std::string::npos) return m;
    std::string name = m.substr(kPrefix.size(), close - kPrefix.size());
    std::string rest = m.substr(close + 1);
    if (rest.rfind(", attribute", 0) == 0) rest = rest.substr(1);  // keep " attribute 'x': …"
    return "<" + name + ">" + rest;
}

}  // namespace

UserMessage rewrite_schema_message(int code, std::string_view raw, std::string_view root) {
    std::string m(raw);
    while (!m.empty() && (m.back() == '\n' || m.back() == ' ')) m.pop_back();
    replace_all(m, "\n", " ");
    replace_all(m, "{urn:kansli:dokument:1}", "");
    m = tidy_element_prefix(std::move(m));
    replace_all(m, "Expected is one of (", "expected one of (");
    replace_all(m, "Expected is (", "expected (");
    replace_all(m, "This element is not expected.", "this element is not expected here;");

    const std::string xsd = "schemas/" + std::string(root.empty() ? "<kind>" : root) + ".xsd";
    std::string hint;
    switch (code) {
        case XML_SCHEMAV_ELEMENT_CONTENT:
            hint = "check the spelling and the order of the child elements (see " + xsd + ")";
            break;
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_4:
            hint = "add the missing attribute";
            break;
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_1:
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_3_2_2:
            hint = "remove the attribute or check its spelling (see " + xsd + ")";
            break;
        case XML_SCHEMAV_CVC_ELT_1:
            hint = "the root element must be <protokoll>, <kallelse> or <avtal> with xmlns=\"urn:kansli:dokument:1\"";
            break;
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_1:
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_2_3:
            hint = "this element takes no text here; move the text into the right child element";
            break;
        case XML_SCHEMAV_CVC_ENUMERATION_VALID:
            hint = "use one of the listed values";
            break;
        case XML_SCHEMAV_CVC_IDC:
            hint = "every id=\"…\" must be unique in the document";
            break;
        default: break;
    }
    if (hint.empty()) {
        if (contains(m, "xs:date")) {
            hint = "write dates as YYYY-MM-DD, e.g. 2023-02-24 (a real calendar date)";
        } else if (contains(m, "xs:time") || contains(m, "HH:MM") || contains(m, "[0-5][0-9]")) {
            hint = "write times as HH:MM, e.g. 13:05";
        } else if (contains(m, "xs:integer") || contains(m, "xs:positiveInteger") ||
                   contains(m, "xs:nonNegativeInteger")) {
            hint = "write a whole number, e.g. 7";
        } else if (contains(m, "IDREF")) {
            hint = "refer to a person by the id=\"…\" given in <närvaro>";
        } else if (contains(m, "xs:ID")) {
            hint = "an id starts with a letter and has no spaces, e.g. id=\"bs\"";
        } else if (contains(m, "minLength") || contains(m, "is not accepted by the pattern")) {
            hint = "the value is empty or has the wrong form (see " + xsd + ")";
        } else if (contains(m, "Missing child element")) {
            hint = "add the missing element (see " + xsd + ")";
        } else {
            hint = "see " + xsd + " for what is allowed here";
        }
    }
    return {std::move(m), std::move(hint)};
}

}  // namespace kansli::source
