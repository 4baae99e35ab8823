#include "pdf/content_lexer.hpp"

#include <array>

namespace kansli::pdf::content_lexer {

namespace {

using TT = QPDFTokenizer::token_type_e;

bool is_digit(std::uint8_t c) { return c >= '0' && c <= '9'; }

/// Byte classes, as a table (lexical::is_delim is a strchr per byte): kPlain may stand in a name,
/// a number or a word (printable ASCII that is no delimiter); kEnds ends such a token (a delimiter
/// or white space as lexical:: knows them). QPDFTokenizer ends those tokens at the same bytes; any
/// other byte is left to it.
constexpr std::uint8_t kPlain = 1, kEnds = 2;
constexpr std::array<std::uint8_t, 256> kClass = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0x21; c < 0x7f; ++c) t[c] = kPlain;
    for (const char c : std::string_view("()<>[]{}/%")) t[static_cast<std::uint8_t>(c)] = kEnds;
    for (const int c : {0, 9, 10, 12, 13, 32}) t[c] = kEnds;
    return t;
}();

bool is_plain(std::uint8_t c) { return kClass[c] == kPlain; }
bool ends_token(std::uint8_t c) { return kClass[c] == kEnds; }

/// The type QPDFTokenizer gives the run of regular characters `w`: [+-]?[0-9]+ an integer,
/// [+-]?([0-9]+.[0-9]*|.[0-9]+) a real, true/false a boolean, null, anything else a word.
TT classify(std::string_view w) {
    std::size_t i = 0;
    if (w[0] == '+' || w[0] == '-') ++i;
    std::size_t digits = 0;
    while (i < w.size() && is_digit(static_cast<std::uint8_t>(w[i]))) ++i, ++digits;
    if (i == w.size() && digits > 0) return QPDFTokenizer::tt_integer;
    if (i < w.size() && w[i] == '.' && (digits > 0 || w[0] == '.' || (w.size() > 1 && w[1] == '.'))) {
        std::size_t after = 0;
        for (++i; i < w.size() && is_digit(static_cast<std::uint8_t>(w[i])); ++i) ++after;
        if (i == w.size() && digits + after > 0) return QPDFTokenizer::tt_real;
    }
    if (w == "true" || w == "false") return QPDFTokenizer::tt_bool;
    if (w == "null") return QPDFTokenizer::tt_null;
    return QPDFTokenizer::tt_word;
}

std::string_view view(lexical::Span s, std::size_t b, std::size_t e) {
    return {reinterpret_cast<const char*>(s.data()) + b, e - b};
}

}  // namespace

Token next(lexical::Span s, std::size_t p) {
    Token t;
    while (p < s.size() && (lexical::is_ws(s[p]) || s[p] == '%')) {
        if (s[p] == '%') {
            while (p < s.size() && s[p] != '\n' && s[p] != '\r') ++p;
            if (p == s.size()) {  // content that ends in a comment: left to QPDFTokenizer
                t.unsure = true;
                return t;
            }
        }
        ++p;
    }
    if (p >= s.size()) {
        t.type = QPDFTokenizer::tt_eof;
        t.end = p;
        return t;
    }
    const std::uint8_t c = s[p];
    const auto single = [&](TT type, std::size_t len) {
        t.type = type;
        t.value = view(s, p, p + len);
        t.end = p + len;
        return t;
    };
    if (c == '[') return single(QPDFTokenizer::tt_array_open, 1);
    if (c == ']') return single(QPDFTokenizer::tt_array_close, 1);
    if (c == '<' && p + 1 < s.size() && s[p + 1] == '<') return single(QPDFTokenizer::tt_dict_open, 2);
    if (c == '>' && p + 1 < s.size() && s[p + 1] == '>') return single(QPDFTokenizer::tt_dict_close, 2);
    if (c == '(' || c == '<') {
        const auto end = c == '(' ? lexical::skip_literal(s, p) : lexical::skip_hex(s, p);
        if (!end) {
            t.unsure = true;
            return t;
        }
        t.type = QPDFTokenizer::tt_string;
        t.end = *end;
        return t;
    }
    if (c == '/') {
        std::size_t e = p + 1;
        while (e < s.size() && is_plain(s[e]) && s[e] != '#') ++e;
        // The name ends at a delimiter, white space or the end; a '#' or another byte: unsure.
        if (e < s.size() && !ends_token(s[e])) {
            t.unsure = true;
            return t;
        }
        t.type = QPDFTokenizer::tt_name;
        t.value = view(s, p, e);
        t.end = e;
        return t;
    }
    if (!is_plain(c)) {
        t.unsure = true;  // braces, a stray ')' or '>', control bytes, bytes above 127
        return t;
    }
    std::size_t e = p;
    while (e < s.size() && is_plain(s[e])) ++e;
    if (e < s.size() && !ends_token(s[e])) {
        t.unsure = true;
        return t;
    }
    t.value = view(s, p, e);
    t.type = classify(t.value);
    t.end = e;
    return t;
}

}  // namespace kansli::pdf::content_lexer
