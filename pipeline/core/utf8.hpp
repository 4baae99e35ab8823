// UTF-8 ⇄ UTF-32, shared by layout (text) and render (PDF strings).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kansli::core {

/// One step of the decoder: the code point at s[i] and its length in bytes; valid = false (and
/// length 1) for a byte that does not start a well-formed sequence (overlong, surrogate,
/// > U+10FFFF, truncated, stray continuation byte).
struct Decoded {
    char32_t cp = 0;
    std::size_t length = 1;
    bool valid = false;
};
Decoded decode_at(std::string_view s, std::size_t i);

/// Decodes UTF-8. Invalid sequences (overlong, surrogates, > U+10FFFF, truncated) become U+FFFD,
/// resynchronising on the next byte; never throws.
std::u32string to_u32(std::string_view utf8);

/// Appends the UTF-8 encoding of c; an invalid code point (surrogate, > U+10FFFF) becomes U+FFFD.
void append_utf8(std::string& out, char32_t c);

/// Encodes UTF-32 as UTF-8 (invalid code points become U+FFFD).
std::string to_utf8(std::u32string_view text);

/// An untrusted string made safe to print on a terminal: every code point that could move the
/// cursor, change colours, hide text or reorder it is shown as a visible escape instead:
/// C0 controls and DEL (\x1b, \n, \t as \x09, ...), C1 controls (\u009b), bidirectional
/// embeddings, overrides, isolates and marks (\u202e, \u2066, \u200f, \u061c), zero-width
/// and invisible formatting characters (\u200b, \u2060, \ufeff), line and paragraph
/// separators (\u2028); a byte that is not valid UTF-8 as \xNN; the backslash itself as \\.
/// Everything else (Swedish letters included) is kept as is.
std::string escape_for_display(std::string_view untrusted);

/// `s` as a JSON string literal with its quotes: " and \ escaped, control characters as \n, \r,
/// \t or \u00XX; every other byte as it is (UTF-8 stays UTF-8). The one JSON string encoder.
std::string json_quote(std::string_view s);

/// `s` escaped for XML (and HTML) text and attribute values: & < > " ' as entities; control
/// characters other than tab and line feed, which XML 1.0 forbids, are dropped. The one XML
/// escaper (XMP, METS/PREMIS, the portal's pages).
[[nodiscard]] std::string xml_escape(std::string_view s);

}  // namespace kansli::core
