#include "pdf/text_string.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace kansli;

TEST_CASE("text strings: plain ASCII stays literal, anything else is UTF-16BE with a byte order mark") {
    struct Case {
        std::string in, bytes, token;
    };
    const std::vector<Case> cases = {
        {"Protokoll", "Protokoll", "(Protokoll)"},
        {"a(b)c\\d", "a(b)c\\d", "(a\\(b\\)c\\\\d)"},
        {"", "", "()"},
        {"Å", std::string("\xFE\xFF\x00\xC5", 4), "<feff00c5>"},
        {"Ordförande",
         std::string("\xFE\xFF\x00O\x00r\x00"
                     "d\x00"
                     "f\x00\xF6\x00r\x00"
                     "a\x00n\x00"
                     "d\x00"
                     "e",
                     22),
         "<feff004f00720064006600f600720061006e00640065>"},
        {"\xF0\x9F\x98\x80", std::string("\xFE\xFF\xD8\x3D\xDE\x00", 6), "<feffd83dde00>"},  // surrogate pair
        {"a\tb",
         std::string("\xFE\xFF\x00"
                     "a\x00\x09\x00"
                     "b",
                     8),
         "<feff006100090062>"},                                                // control: not plain
        {"x\xFF", std::string("\xFE\xFF\x00x\xFF\xFD", 6), "<feff0078fffd>"},  // invalid UTF-8
    };
    for (const auto& c : cases) {
        CAPTURE(c.in);
        CHECK(pdf::text_string_bytes(c.in) == c.bytes);
        std::string token = c.token;
        token.erase(std::remove(token.begin(), token.end(), ' '), token.end());
        CHECK(pdf::text_string_token(c.in) == token);
    }
}
