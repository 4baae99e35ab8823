// PDF lexical classes and token skipping on raw bytes (ISO 32000-1 7.2), shared by every byte
// scanner of untrusted PDF (pdf/syntax.cpp, pdf/structure_content.cpp, verify/scan.cpp,
// verify/xref.cpp). Every function is bounded by the span: positions at or past its end are
// returned as they are, never read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>

namespace kansli::pdf::lexical {

using Span = std::span<const std::uint8_t>;

inline bool is_ws(std::uint8_t c) { return c == 0 || c == 9 || c == 10 || c == 12 || c == 13 || c == 32; }
inline bool is_delim(std::uint8_t c) {
    switch (c) {  // "()<>[]{}/%" (a jump table, not a strchr per byte: every scanner asks per byte)
        case '(':
        case ')':
        case '<':
        case '>':
        case '[':
        case ']':
        case '{':
        case '}':
        case '/':
        case '%': return true;
        default: return false;
    }
}
inline bool is_regular(std::uint8_t c) { return !is_ws(c) && !is_delim(c); }
inline bool is_hex(std::uint8_t c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/// First offset at or after p that is neither white space nor inside a comment.
inline std::size_t skip_ws(Span s, std::size_t p) {
    while (p < s.size()) {
        if (is_ws(s[p])) {
            ++p;
        } else if (s[p] == '%') {
            while (p < s.size() && s[p] != '\n' && s[p] != '\r') ++p;
        } else {
            break;
        }
    }
    return p;
}

/// End of a literal string starting at s[p] == '(' (balanced parentheses, backslash escapes);
/// nullopt when it does not end inside the span.
inline std::optional<std::size_t> skip_literal(Span s, std::size_t p) {
    int level = 0;
    for (; p < s.size(); ++p) {
        if (s[p] == '\\') {
            ++p;
        } else if (s[p] == '(') {
            ++level;
        } else if (s[p] == ')') {
            if (--level == 0) return p + 1;
        }
    }
    return std::nullopt;
}

/// End of a hex string starting at s[p] == '<' (hex digits and white space up to '>'); nullopt at
/// any other character or when it does not end inside the span.
inline std::optional<std::size_t> skip_hex(Span s, std::size_t p) {
    for (std::size_t q = p + 1; q < s.size(); ++q) {
        if (s[q] == '>') return q + 1;
        if (!is_hex(s[q]) && !is_ws(s[q])) return std::nullopt;
    }
    return std::nullopt;
}

/// End of the run of regular characters starting at p.
inline std::size_t skip_regular(Span s, std::size_t p) {
    while (p < s.size() && is_regular(s[p])) ++p;
    return p;
}

/// True when s[b, e) is a non-empty run of decimal digits.
inline bool is_uint_token(Span s, std::size_t b, std::size_t e) {
    if (b >= e) return false;
    for (std::size_t i = b; i < e; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    return true;
}

}  // namespace kansli::pdf::lexical
