// A protokoll's <paragrafer>: ungrouped §§ before, between and after groups validate; what is
// wrong there gets a message that says what <paragrafer> and <grupp> hold.
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

namespace t = kansli::test;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace paragrafer_test {

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool has(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

}  // namespace

TEST_CASE("kansli validate: ungrouped §§ around groups, and clear messages", "[cli][paragrafer]") {
    const std::string mixed = t::data("source/schema/valid/mixed-groups-protokoll.xml");
    auto r = t::kansli({"validate", mixed});
    INFO(r.err);
    // Schema-valid: only the rules about the example's attendance ranges remain, no schema error.
    CHECK_FALSE(has(r.err, "not expected"));
    CHECK(t::kansli({"validate", t::source("templates/examples/protokoll-2025-11-14.xml")}).exit_code == 0);

    const std::string dir = t::temp_dir("paragrafer");
    std::string text = slurp(mixed);
    SECTION("an element that does not belong in <paragrafer>") {
        const std::string from = "<paragraf><rubrik>Mötet avslutas</rubrik><beslut>Mötet avslutas.</beslut></paragraf>";
        REQUIRE(text.find(from) != std::string::npos);
        text.replace(text.find(from), from.size(), "<ärende><rubrik>Mötet avslutas</rubrik></ärende>");
        std::ofstream(dir + "/p.xml") << text;
        r = t::kansli({"validate", dir + "/p.xml"});
        CHECK(r.exit_code == 1);
        CHECK(has(r.err, "<ärende>: this element is not expected here"));
        CHECK(has(r.err,
                  "<paragrafer> holds <paragraf> and <grupp rubrik=\"…\"> elements, ungrouped §§ and "
                  "groups in any order; <ärende> does not belong there"));
    }
    SECTION("a group inside a group") {
        const std::string opening = "<grupp rubrik=\"Beslutsärenden\">";
        REQUIRE(text.find(opening) != std::string::npos);
        text.replace(text.find(opening), opening.size(),
                     "<grupp rubrik=\"Beslutsärenden\"><grupp rubrik=\"Inre\"><paragraf><rubrik>X</rubrik>"
                     "</paragraf></grupp>");
        std::ofstream(dir + "/g.xml") << text;
        r = t::kansli({"validate", dir + "/g.xml"});
        CHECK(r.exit_code == 1);
        CHECK(has(r.err, "groups do not nest"));
    }
}

}  // namespace paragrafer_test
