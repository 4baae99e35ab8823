// The plain tokens of a content stream, typed as qpdf's QPDFTokenizer types them, read straight
// from the bytes (no InputSource, no std::string per token). For the marked-content scan
// (structure_content.cpp): whatever this reader is unsure of, it says so, and the caller reads the
// content with QPDFTokenizer instead. Internal to pdf/.
#pragma once

#include "pdf/lexical.hpp"

#include <qpdf/QPDFTokenizer.hh>

#include <cstddef>
#include <string_view>

namespace kansli::pdf::content_lexer {

struct Token {
    QPDFTokenizer::token_type_e type = QPDFTokenizer::tt_bad;
    std::string_view value;  ///< as QPDFTokenizer::Token::getValue() (a name with its '/'); "" for a string
    std::size_t end = 0;     ///< offset after the token
    bool unsure = false;     ///< not read: ask QPDFTokenizer (type and value are then meaningless)
};

/// The token at or after `p` (white space and comments skipped). Read here: integers, reals,
/// booleans, null, words (operators), names without '#', '[' ']' '<<' '>>', literal and hex strings
/// (through lexical::skip_literal / skip_hex), the end (tt_eof). Unsure: a name with '#' (escapes),
/// a byte outside printable ASCII and the white space lexical::skip_ws knows, braces, a stray ')'
/// or '>', a string that does not end as those functions read it.
Token next(lexical::Span s, std::size_t p);

}  // namespace kansli::pdf::content_lexer
