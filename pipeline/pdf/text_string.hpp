// The one PDF text-string encoder (PDF 32000-1 §7.9.2.2), shared by render/ (through PoDoFo)
// and sign/ (written by hand).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kansli::pdf {

/// True when the encoded text string keeps `utf8` as is: printable ASCII only (0x20–0x7E, a
/// subset of PDFDocEncoding).
[[nodiscard]] bool is_plain_ascii(std::string_view utf8);

/// The bytes of the text string, without delimiters: `utf8` itself when is_plain_ascii, else
/// the byte order mark FE FF followed by UTF-16BE (surrogate pairs above U+FFFF; invalid UTF-8
/// becomes U+FFFD, core::to_u32).
[[nodiscard]] std::string text_string_bytes(std::string_view utf8);

/// The same as a PDF token: a literal string "(...)" with '(', ')' and '\' escaped when plain
/// ASCII, else a hex string "<feff...>" (lower-case digits).
[[nodiscard]] std::string text_string_token(std::string_view utf8);

/// The one literal-string writer (text strings here, rewritten objects in sign/, glyph codes in
/// render/): appends `bytes` as the inside of "(...)", the parentheses left to the caller.
/// '(', ')' and '\' are escaped, CR and LF written \r and \n (a reader turns an unescaped end of
/// line in a literal string into LF, ISO 32000-1 7.3.4.2), every other byte is itself.
inline void append_literal_bytes(std::string& out, std::string_view bytes) {
    for (const char c : bytes) {
        switch (c) {
            case '(':
            case ')':
            case '\\':
                out += '\\';
                out += c;
                break;
            case '\r': out += "\\r"; break;
            case '\n': out += "\\n"; break;
            default: out += c;
        }
    }
}

/// The one name writer (ISO 32000-1 7.3.5), for render/'s serialiser and sign/'s rewritten
/// objects: appends `name` in qpdf's form ("/Type", raw bytes after the slash) as a token, bytes
/// outside '!'..'~', the delimiters and '#' as #xx. Not qpdf's unparse: qpdf 11.3 writes a '#' in
/// a name as it is, which reads back as the start of an escape (/A#23B comes back as "/A#B").
inline void append_name(std::string& out, std::string_view name) {
    constexpr char kHex[] = "0123456789abcdef";
    out += '/';
    for (std::size_t i = name.empty() || name[0] != '/' ? 0 : 1; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(name[i]);
        if (c < 33 || c > 126 || std::string_view("#()<>[]{}/%").find(static_cast<char>(c)) != std::string_view::npos) {
            out += '#';
            out += kHex[c >> 4];
            out += kHex[c & 0xf];
        } else {
            out += static_cast<char>(c);
        }
    }
}

}  // namespace kansli::pdf
