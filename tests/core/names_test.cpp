#include "core/names.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace kansli::core;

TEST_CASE("same_person: the documented rule, case by case") {
    struct Case {
        std::string a, b;
        bool same;
        const char* why;
    };
    const std::vector<Case> cases = {
        {"Christian Åhrén", "Christian Åhrén", true, "identical"},
        {"Christian Åhrén", "CHRISTIAN ÅHRÉN", true, "case, Swedish capitals included"},
        {"Christian Åhrén",
         "Christian A\xcc\x8a"
         "hre\xcc\x81n",
         true, "decomposed (NFD) = composed (NFC)"},
        {"Björn Sandal", "Bjo\xcc\x88rn Sandal", true, "o + combining diaeresis = ö"},
        {"Hjemgaard-Svensson", "Hjemgaard Svensson", true, "hyphen = space"},
        {"Hjemgaard\xe2\x80\x91Svensson", "hjemgaard svensson", true, "non-breaking hyphen"},
        {"  Katarina   Nyberg\tFinn ", "Katarina Nyberg Finn", true, "whitespace collapsed and trimmed"},
        {"Katarina\xc2\xa0Nyberg Finn", "Katarina Nyberg Finn", true, "no-break space"},
        {"Christian \xe2\x80\x8b"
         "Åhrén",
         "Christian Åhrén", true, "zero-width space is invisible"},
        {"Christian Åhrén", "Christian Ahren", false, "diacritics are significant"},
        {"Björn Sandal", "Bjorn Sandal", false, "ö is a letter, not an accented o"},
        {"Björn Sandal", "Christian Åhrén", false, "another person"},
        {"Björn Sandal", "Björn Sandal Jr", false, "a longer name"},
        {"BjörnSandal", "Björn Sandal", false, "a missing space is a different name"},
        {"Björn Sandal (S)", "Björn Sandal", true, "the party after the name is not part of it"},
        {"Björn Sandal (S)", "Björn Sandal (M)", true, "so it does not tell two names apart either"},
        {"(S)", "", false, "a party alone names nobody"},
        {"", "", false, "an empty name names nobody"},
        {" - ", "", false, "nothing but separators names nobody"},
        {"a\xff", "a\xfe", false, "invalid bytes keep their identity"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.a, c.b, c.why);
        CHECK(same_person(c.a, c.b) == c.same);
        CHECK(same_person(c.b, c.a) == c.same);
    }
}
