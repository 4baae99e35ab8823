// XMP packets as PDF/A and PDF/UA use them: the identification claims (pdfaid, pdfuaid), simple
// properties read and replaced by name. A bounded string scan, not an XML parser: ISO 19005-2
// 6.6.4 and ISO 14289-1 5 fix the prefixes ("pdfaid", "pdfuaid"), and kansli writes and rewrites
// only simple properties. Shared by render (attachments' claims), sign (the dates) and inspect.
#pragma once

#include "core/utf8.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace kansli::pdf {

/// What an XMP packet claims (0 / empty: nothing).
struct XmpClaims {
    int pdfa_part = 0;             ///< pdfaid:part (1, 2, 3, 4)
    std::string pdfa_conformance;  ///< pdfaid:conformance ("A", "B", "U"), as written
    int pdfua_part = 0;            ///< pdfuaid:part
};

/// The value of simple property `name` ("xmp:ModifyDate"), written as an element
/// (<xmp:ModifyDate>v</xmp:ModifyDate>) or as an attribute (xmp:ModifyDate="v") of an
/// rdf:Description; the first occurrence, entities &amp; &lt; &gt; &quot; &apos; decoded.
/// nullopt when absent.
[[nodiscard]] std::optional<std::string> xmp_property(std::string_view xmp, std::string_view name);

/// The claims of `xmp` (pdfaid:part, pdfaid:conformance, pdfuaid:part).
[[nodiscard]] XmpClaims xmp_claims(std::string_view xmp);

/// `xmp` with the value of every occurrence of simple property `name` replaced by `value`
/// (escaped), element or attribute form; false when the property does not occur (xmp unchanged).
bool replace_xmp_property(std::string& xmp, std::string_view name, std::string_view value);

using core::xml_escape;

}  // namespace kansli::pdf
