#include "core/utf8.hpp"

#include <catch2/catch.hpp>
#include <vector>

using namespace kansli::core;

TEST_CASE("utf8: Swedish text round-trips") {
    const std::string s = "Åhrén § – “ö” Ä 😀";
    CHECK(to_utf8(to_u32(s)) == s);
    CHECK(to_u32("§") == std::u32string{U'§'});
}

TEST_CASE("utf8: invalid input becomes U+FFFD and decoding resynchronises") {
    CHECK(to_u32("a\xff"
                 "b") == U"a\uFFFDb");
    CHECK(to_u32("\xc3") == U"\uFFFD");                      // truncated
    CHECK(to_u32("\xc0\xaf") == U"\uFFFD\uFFFD");            // overlong
    CHECK(to_u32("\xed\xa0\x80") == U"\uFFFD\uFFFD\uFFFD");  // surrogate
    std::string out;
    append_utf8(out, 0xD800);
    CHECK(out == "\xef\xbf\xbd");
}

TEST_CASE("escape_for_display: what could steer a terminal becomes a visible escape") {
    struct Case {
        std::string in, out;
    };
    const std::vector<Case> cases = {
        {"Christian Åhrén", "Christian Åhrén"},                // Swedish letters stay
        {"\x1b[32mPassed\x1b[0m", "\\x1b[32mPassed\\x1b[0m"},  // colour escape sequences
        {"a\rb\nc\td", "a\\x0db\\x0ac\\x09d"},                 // line control
        {"x\x7fy", "x\\x7fy"},                                 // DEL
        {"\xc2\x9b"
         "2J",
         "\\u009b2J"},  // C1 CSI
        {"\xe2\x80\xae"
         "fdp.exe",
         "\\u202efdp.exe"},  // RIGHT-TO-LEFT OVERRIDE
        {"\xe2\x81\xa6"
         "a"
         "\xe2\x81\xa9",
         "\\u2066a\\u2069"},  // isolates
        {"\xe2\x80\x8f"
         "\xe2\x80\x8b"
         "\xef\xbb\xbf",
         "\\u200f\\u200b\\ufeff"},    // RLM, ZWSP, BOM
        {"\xe2\x80\xa8", "\\u2028"},  // line separator
        {"a\xff"
         "b\xc3",
         "a\\xffb\\xc3"},                  // invalid UTF-8
        {"back\\slash", "back\\\\slash"},  // the escape character itself
    };
    for (const auto& c : cases) {
        CAPTURE(c.in);
        CHECK(escape_for_display(c.in) == c.out);
    }
    // Whatever the input, the output has no control or bidi code point left.
    std::string all;
    for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
    for (char32_t c : to_u32(escape_for_display(all))) CHECK((c >= 0x20 && c != 0x7F && !(c >= 0x80 && c <= 0x9F)));
}
