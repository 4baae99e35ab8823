// Tests of layout/hyphenate.{hpp,cpp} with the Debian hyph_sv_SE dictionary (hyphen-sv).
#include "layout/hyphenate.hpp"
#include "layout/text.hpp"

#include "core/diagnostic.hpp"

#include <catch2/catch.hpp>

using namespace kansli;
using namespace kansli::layout;

namespace {
std::string show(Hyphenator& h, const char* word) { return to_utf8(h.show(to_u32(word))); }
}  // namespace

TEST_CASE("Swedish words from the documents get their syllable breaks", "[hyphenate]") {
    Hyphenator h;
    // Expected breaks: Swedish syllabification as in Svenska skrivregler; the patterns must find
    // at least the compound joints we care about.
    const std::string a = show(h, "sammanträdesdatum");
    INFO(a);
    CHECK(a.find("trä-des") != std::string::npos);
    CHECK(a.find("des-da") != std::string::npos);
    const std::string b = show(h, "utdragsbestyrkande");
    INFO(b);
    CHECK(b.find("drags-be") != std::string::npos);
    const std::string c = show(h, "samverkansavtal");
    INFO(c);
    CHECK(c.find("kans-av") != std::string::npos);
}

TEST_CASE("breaks keep two letters before and three after", "[hyphenate]") {
    Hyphenator h;
    for (const char* w : {"sammanträdesdatum", "utdragsbestyrkande", "samverkansavtal", "förvaringsplats",
                          "anslagstavla", "överenskommelse", "ärendebeskrivning", "beslutsunderlag"}) {
        const std::u32string word = to_u32(w);
        const auto& pts = h.points(word);
        INFO(w);
        CHECK_FALSE(pts.empty());
        for (const auto& p : pts) {
            CHECK(p.index >= Hyphenator::kMinBefore);
            CHECK(word.size() - p.index >= static_cast<std::size_t>(Hyphenator::kMinAfter));
            CHECK(p.cost > 0);
        }
    }
}

TEST_CASE("names, numbers and short words are never hyphenated", "[hyphenate]") {
    Hyphenator h;
    for (const char* w : {"Katarina", "Häggkvist", "Östersunds", "Sammanträdesdatum", "SAMMANTRÄDE", "ab12cdefgh",
                          "2023abcdef", "kansli", "möte", "avtal", "", "x"}) {
        INFO(w);
        CHECK(h.points(to_u32(w)).empty());
    }
    // Not Latin-1: outside the dictionary's encoding.
    CHECK(h.points(U"sammanträde\u0142x").empty());
}

TEST_CASE("compound joints after a linking s are preferred", "[hyphenate]") {
    Hyphenator h;
    const std::u32string w = to_u32("utdragsbestyrkande");
    const auto& pts = h.points(w);
    const auto joint = std::find_if(pts.begin(), pts.end(), [](const HyphenPoint& p) { return p.index == 7; });
    REQUIRE(joint != pts.end());  // utdrags|bestyrkande
    for (const auto& p : pts) {
        if (p.index != 7) CHECK(p.cost > joint->cost);
    }
}

TEST_CASE("results are cached per instance", "[hyphenate]") {
    Hyphenator h;
    const auto first = h.points(U"sammanträde");
    CHECK(h.cache_size() == 1);
    CHECK(h.points(U"sammanträde") == first);
    CHECK(h.cache_size() == 1);
    Hyphenator other;
    CHECK(other.cache_size() == 0);
}

TEST_CASE("a missing dictionary is a located error", "[hyphenate]") {
    try {
        Hyphenator h("/nonexistent/hyph_xx.dic");
        FAIL("no error");
    } catch (const core::Error& e) {
        CHECK(e.diagnostics().front().loc.file == "/nonexistent/hyph_xx.dic");
        CHECK(e.code() == core::ExitCode::Usage);
    }
}
