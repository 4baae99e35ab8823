#include "render/nesting.hpp"

#include <cstring>

namespace kansli::render {

namespace {
bool is_eol(char c) { return c == '\n' || c == '\r'; }
bool is_delimiter_or_space(char c) {
    return std::strchr(" \t\r\n\f()<>[]{}/%", c) != nullptr || c == '\0';
}
}  // namespace

std::size_t max_nesting(std::string_view s, std::size_t limit) {
    std::size_t depth = 0, deepest = 0;
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const char c = s[i];
        if (c == '%') {  // comment to end of line
            while (i < n && !is_eol(s[i])) ++i;
        } else if (c == '(') {  // literal string: balanced parentheses, backslash escapes
            int parens = 1;
            ++i;
            while (i < n && parens > 0) {
                if (s[i] == '\\') {
                    i += 2;
                    continue;
                }
                if (s[i] == '(') ++parens;
                if (s[i] == ')') --parens;
                ++i;
            }
        } else if (c == '<' && i + 1 < n && s[i + 1] == '<') {
            i += 2;
            if (++depth > deepest) deepest = depth;
        } else if (c == '<') {  // hex string
            while (i < n && s[i] != '>') ++i;
            ++i;
        } else if (c == '>' && i + 1 < n && s[i + 1] == '>') {
            if (depth > 0) --depth;
            i += 2;
        } else if (c == '[') {
            if (++depth > deepest) deepest = depth;
            ++i;
        } else if (c == ']') {
            if (depth > 0) --depth;
            ++i;
        } else if (c == 's' && s.compare(i, 6, "stream") == 0 && (i == 0 || is_delimiter_or_space(s[i - 1])) &&
                   i + 6 < n && is_eol(s[i + 6])) {
            // Stream data is binary: skip to "endstream".
            const auto end = s.find("endstream", i + 6);
            i = end == std::string_view::npos ? n : end + 9;
        } else {
            ++i;
        }
        if (deepest > limit) return deepest;
    }
    return deepest;
}

}  // namespace kansli::render
