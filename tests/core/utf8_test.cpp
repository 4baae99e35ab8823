#include "core/utf8.hpp"

#include <catch2/catch.hpp>

using namespace kansli::core;

TEST_CASE("utf8: Swedish text round-trips") {
    const std::string s = "Åhrén § – “ö” Ä 😀";
    CHECK(to_utf8(to_u32(s)) == s);
    CHECK(to_u32("§") == std::u32string{U'§'});
}

TEST_CASE("utf8: invalid input becomes U+FFFD and decoding resynchronises") {
    CHECK(to_u32("a\xff" "b") == U"a\uFFFDb");
    CHECK(to_u32("\xc3") == U"\uFFFD");                 // truncated
    CHECK(to_u32("\xc0\xaf") == U"\uFFFD\uFFFD");       // overlong
    CHECK(to_u32("\xed\xa0\x80") == U"\uFFFD\uFFFD\uFFFD");  // surrogate
    std::string out;
    append_utf8(out, 0xD800);
    CHECK(out == "\xef\xbf\xbd");
}
