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

struct Known {
    std::string_view key;  // a fragment of a pattern or a type name in libxml2's message
    std::string_view hint;
};

// Hints for the simple types of schemas/common.xsd (and friends), keyed by their pattern and
// by their type name, so messages can drop the regular expression users cannot read.
constexpr Known kPatterns[] = {
    {"\\d{4}-\\d{2}-\\d{2}", "write dates as YYYY-MM-DD, e.g. 2023-02-24 (a real calendar date)"},
    {"([01]\\d|2[0-3])", "write times as HH:MM from 00:00 to 23:59, e.g. 13:05"},
    {"(, ?[1-9]", "write §§ ranges as 7-15, 9 or 1-7, 11 (numbers 1-99999, an ASCII hyphen)"},
    {"[1-9]\\d{0,4}(-[1-9]\\d{0,4})?", "write one §§ range such as 1-15 or 9 (an ASCII hyphen)"},
    {")?mm", "write a width in millimetres such as 60mm or 42.5mm"},
    {"( [1-9]", "write relative column widths separated by single spaces, e.g. 50 50"},
    {"[^/\\\\:", "write a path relative to the XML file's folder: no / at the start, no \\ or :"},
    {"(https?://|mailto:)", "links start with https://, http:// or mailto:"},
};

constexpr Known kTypes[] = {
    {"'Datum'", "write dates as YYYY-MM-DD, e.g. 2023-02-24 (a real calendar date)"},
    {"'Klockslag'", "write times as HH:MM from 00:00 to 23:59, e.g. 13:05"},
    {"'Nummer'", "write a whole number from 1 to 99999"},
    {"'Paragrafintervaller'", "write §§ ranges as 7-15, 9 or 1-7, 11 (numbers 1-99999, an ASCII hyphen)"},
    {"'Paragrafintervall'", "write one §§ range such as 1-15 or 9 (an ASCII hyphen)"},
    {"'Millimeter'", "write a width in millimetres such as 60mm or 42.5mm"},
    {"'Filväg'", "write a path relative to the XML file's folder: no / at the start, no \\ or :"},
    {"'Webbadress'", "links start with https://, http:// or mailto:"},
    {"'Organisationsnummer'", "write an organisationsnummer as NNNNNN-NNNN"},
    {"'xs:ID'", "an id starts with a letter, has no spaces, and is used only once in the document"},
};

/// Identity constraints of the schemas (README "Schema cases"): what a dangling reference means.
struct KeyRef {
    std::string_view name;
    std::string_view what;  // "<attribute> names no …"
    std::string_view hint;
};
constexpr KeyRef kKeyRefs[] = {
    {"'AvRef'", "av=\"%\" names no beslutande ledamot", "use the id=\"…\" of a <ledamot> in <beslutande>"},
    {"'JusterareRef'", "utses-att-justera ref=\"%\" names no beslutande ledamot",
     "the justerare must be a <ledamot> of <beslutande>: use its id"},
    {"'UnderskriftRef'", "ref=\"%\" names no person of <närvaro>",
     "use the id of a person in <närvaro>, or namn=\"…\" for someone not listed there"},
    {"'PartRef'", "part=\"%\" names no <part> of <parter>", "use the id=\"…\" of a <part>"},
};

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
    replace_all(m, "[facet 'enumeration'] ", "");

    const std::string xsd = "schemas/" + std::string(root.empty() ? "<kind>" : root) + ".xsd";
    std::string hint;

    // Dangling references (xs:keyref): say which reference, in the user's terms.
    if (contains(m, "No match found for key-sequence ['")) {
        const auto open = m.find("['") + 2;
        const auto close = m.find("']", open);
        const std::string value = close == std::string::npos ? std::string() : m.substr(open, close - open);
        for (const auto& k : kKeyRefs) {
            if (!contains(m, k.name)) continue;
            std::string what(k.what);
            what.replace(what.find('%'), 1, value);
            return {m.substr(0, m.find(':') + 2) + what, std::string(k.hint)};
        }
    }
    if (contains(m, "Duplicate key-sequence")) {
        return {m, "every id=\"…\" must be unique in the document"};
    }
    // Patterns: keep "The value 'x' is not accepted", drop the regular expression.
    if (auto at = m.find(" by the pattern '"); at != std::string::npos) {
        const std::string pattern = m.substr(at);
        m = m.substr(0, at) + ".";
        replace_all(m, "[facet 'pattern'] ", "");
        if (contains(pattern, "[\\s\\S]*[^")) {  // IckeTom: nothing visible
            auto colon = m.find(": ");
            return {m.substr(0, colon) + " is empty", "write some text"};
        }
        for (const auto& k : kPatterns) {
            if (contains(pattern, k.key)) return {m, std::string(k.hint)};
        }
        return {m, "the value has the wrong form (see " + xsd + ")"};
    }
    for (const auto& k : kTypes) {
        if (contains(m, k.key)) return {m, std::string(k.hint)};
    }
    switch (code) {
        case XML_SCHEMAV_ELEMENT_CONTENT:
            hint = "check the spelling and the order of the child elements (see " + xsd + ")";
            break;
        case XML_SCHEMAV_CVC_COMPLEX_TYPE_4: hint = "add the missing attribute"; break;
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
        case XML_SCHEMAV_CVC_ENUMERATION_VALID: hint = "use one of the listed values"; break;
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

std::string container_hint(std::string_view parent, std::string_view child, std::string_view root) {
    if (root != "protokoll") return {};
    if (parent == "paragrafer") {
        return "<paragrafer> holds <paragraf> and <grupp rubrik=\"…\"> elements, ungrouped §§ and groups in any "
               "order; <" +
               std::string(child) + "> does not belong there";
    }
    if (parent == "grupp") {
        return "a <grupp rubrik=\"…\"> holds only <paragraf> elements: groups do not nest; put an ungrouped § "
               "directly in <paragrafer>";
    }
    return {};
}

}  // namespace kansli::source
