// core::ByteMemo: exact keys, least recently used out first, the entry and total limits.
#include "core/byte_memo.hpp"

#include <catch2/catch.hpp>

#include <string>

using kansli::core::ByteMemo;

TEST_CASE("byte memo: a hit is the value kept for exactly that key") {
    ByteMemo m(100, 1000);
    CHECK(m.find("abc") == nullptr);
    m.add("abc", "1");
    m.add(std::string("ab\0c", 4), "2");  // embedded NUL: a different key
    REQUIRE(m.find("abc") != nullptr);
    CHECK(*m.find("abc") == "1");
    CHECK(*m.find(std::string("ab\0c", 4)) == "2");
    CHECK(m.find("ab") == nullptr);
    CHECK(m.find("abcd") == nullptr);
    const auto s = m.stats();
    CHECK(s.entries == 2);
    CHECK(s.bytes == 3 + 1 + 4 + 1);
    CHECK(s.hits == 3);
    CHECK(s.misses == 3);
}

TEST_CASE("byte memo: bounded, the least recently used dropped first") {
    ByteMemo m(40, 100);
    m.add("a", std::string(29, 'a'));  // 30 bytes each
    m.add("b", std::string(29, 'b'));
    m.add("c", std::string(29, 'c'));
    CHECK(m.find("a") != nullptr);  // a is now newer than b and c
    m.add("d", std::string(29, 'd'));  // 120 > 100: b goes
    CHECK(m.find("b") == nullptr);
    CHECK(m.find("a") != nullptr);
    CHECK(m.find("c") != nullptr);
    CHECK(m.find("d") != nullptr);
    CHECK(m.stats().bytes == 90);
    m.add("e", std::string(40, 'e'));  // over the entry limit: not kept, nothing dropped
    CHECK(m.find("e") == nullptr);
    CHECK(m.stats().entries == 3);
    m.add("f", std::string(39, 'f'));  // 40 bytes: 130 > 100, the oldest (a) goes
    CHECK(m.find("a") == nullptr);
    CHECK(m.stats().bytes == 100);
}
