// UTF-8 ⇄ UTF-32, shared by layout (text) and render (PDF strings).
#pragma once

#include <string>
#include <string_view>

namespace kansli::core {

/// Decodes UTF-8. Invalid sequences (overlong, surrogates, > U+10FFFF, truncated) become U+FFFD,
/// resynchronising on the next byte; never throws.
std::u32string to_u32(std::string_view utf8);

/// Appends the UTF-8 encoding of c; an invalid code point (surrogate, > U+10FFFF) becomes U+FFFD.
void append_utf8(std::string& out, char32_t c);

/// Encodes UTF-32 as UTF-8 (invalid code points become U+FFFD).
std::string to_utf8(std::u32string_view text);

}  // namespace kansli::core
