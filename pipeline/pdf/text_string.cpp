#include "pdf/text_string.hpp"

#include "core/utf8.hpp"

#include <algorithm>

namespace kansli::pdf {

bool is_plain_ascii(std::string_view utf8) {
    return std::all_of(utf8.begin(), utf8.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7F;
    });
}

std::string text_string_bytes(std::string_view utf8) {
    if (is_plain_ascii(utf8)) return std::string(utf8);
    std::string utf16 = "\xFE\xFF";
    auto unit = [&utf16](std::uint32_t v) {
        utf16 += static_cast<char>(v >> 8);
        utf16 += static_cast<char>(v & 0xFF);
    };
    for (char32_t u : core::to_u32(utf8)) {
        if (u >= 0x10000) {
            unit(0xD800 + ((u - 0x10000) >> 10));
            unit(0xDC00 + ((u - 0x10000) & 0x3FF));
        } else {
            unit(u);
        }
    }
    return utf16;
}

std::string text_string_token(std::string_view utf8) {
    if (is_plain_ascii(utf8)) {
        std::string s = "(";
        append_literal_bytes(s, utf8);
        return s + ")";
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string s = "<";
    for (unsigned char c : text_string_bytes(utf8)) {
        s += kHex[c >> 4];
        s += kHex[c & 0xF];
    }
    return s + ">";
}

}  // namespace kansli::pdf
