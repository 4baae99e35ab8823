// A beslutsunderlag that is a kansli source (fil="….xml"): validated with its parent, built and
// appended on the fly; a cycle and a chain deeper than job::kMaxSourceDepth are located errors.
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

namespace t = kansli::test;
namespace fs = std::filesystem;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace source_attachment_test {

namespace {

/// A kallelse whose one ärende appends `fil` (none when empty).
std::string kallelse(const std::string& fil) {
    std::string s = R"(<?xml version="1.0" encoding="UTF-8"?>
<kallelse xmlns="urn:kansli:dokument:1">
  <huvud>
    <organisation>Region Jämtland Härjedalen</organisation>
    <organ>Sociala vård och omsorgsgruppen</organ>
    <datum>2022-12-02</datum>
    <tid start="13:00"/>
  </huvud>
  <ärenden>
    <ärende nr="1" tid="13:00"><rubrik>Mötet öppnas</rubrik>)";
    if (!fil.empty()) s += "<beslutsunderlag><dokument fil=\"" + fil + "\">Underlag</dokument></beslutsunderlag>";
    return s + "</ärende>\n  </ärenden>\n</kallelse>\n";
}

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

bool has(const std::string& s, const std::string& what) { return s.find(what) != std::string::npos; }

}  // namespace

TEST_CASE("the example kallelse validates and builds straight from the repository", "[cli][source]") {
    const std::string xml = t::source("templates/examples/kallelse-2022-12-02.xml");
    auto r = t::kansli({"validate", xml});
    INFO(r.err << r.out);
    CHECK(r.exit_code == 0);
    const std::string dir = t::temp_dir("source-example");
    r = t::kansli({"build", xml, "-o", dir + "/k.pdf", "--date", "2022-12-01T08:00:00Z"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(t::run({"qpdf", "--check", dir + "/k.pdf"}).exit_code == 0);
    // The appended HSN protokollsutdrag is there, built from its source.
    const auto text = t::run({"pdftotext", dir + "/k.pdf", "-"});
    CHECK(has(text.out, "Utredning konsekvenser efter nedläggning av TNE"));
    const auto outline = t::run({"qpdf", "--json", "--json-key=outlines", dir + "/k.pdf"});
    CHECK(has(outline.out, "§125 Hälso- och sjukvårdsnämnden"));
}

TEST_CASE("appended sources: nested build, errors located in the nested file, cycles, depth", "[cli][source]") {
    const std::string dir = t::temp_dir("source-nested");
    SECTION("a chain of four levels builds; the same twice gives the same bytes") {
        write(dir + "/a.xml", kallelse("b.xml"));
        write(dir + "/b.xml", kallelse("c.xml"));
        write(dir + "/c.xml", kallelse("d.xml"));
        write(dir + "/d.xml", kallelse(""));
        auto r = t::kansli({"build", dir + "/a.xml", "-o", dir + "/a.pdf", "--date", "2022-12-01T08:00:00Z"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        CHECK(has(r.out + r.err, "4 pages"));
        REQUIRE(
            t::kansli({"build", dir + "/a.xml", "-o", dir + "/a2.pdf", "--date", "2022-12-01T08:00:00Z"}).exit_code ==
            0);
        CHECK(t::run({"cmp", dir + "/a.pdf", dir + "/a2.pdf"}).exit_code == 0);
    }
    SECTION("an error in the appended source is reported in that file") {
        write(dir + "/a.xml", kallelse("b.xml"));
        std::string b = kallelse("");
        b.replace(b.find("<datum>2022-12-02"), 17, "<datum>2022-13-02");
        write(dir + "/b.xml", b);
        auto r = t::kansli({"validate", dir + "/a.xml"});
        CHECK(r.exit_code == 1);
        CHECK(has(r.err, dir + "/b.xml:6:"));
        CHECK(has(r.err, "a.xml:10:"));
        CHECK(has(r.err, "is not valid (see its errors)"));
    }
    SECTION("a cycle") {
        write(dir + "/a.xml", kallelse("b.xml"));
        write(dir + "/b.xml", kallelse("a.xml"));
        auto r = t::kansli({"build", dir + "/a.xml", "-o", dir + "/a.pdf"});
        CHECK(r.exit_code == 1);
        CHECK(has(r.err, "appends itself (a cycle)"));
        CHECK_FALSE(fs::exists(dir + "/a.pdf"));
        write(dir + "/s.xml", kallelse("s.xml"));
        r = t::kansli({"validate", dir + "/s.xml"});
        CHECK(r.exit_code == 1);
        CHECK(has(r.err, "appends itself (a cycle)"));
    }
    SECTION("deeper than four levels") {
        for (int i = 0; i < 6; ++i)
            write(dir + "/" + std::to_string(i) + ".xml", kallelse(i < 5 ? std::to_string(i + 1) + ".xml" : ""));
        auto r = t::kansli({"validate", dir + "/0.xml"});
        CHECK(r.exit_code == 1);
        CHECK(has(r.err, "nested more than 4 levels deep"));
    }
    SECTION("outside the root: refused like any file") {
        fs::create_directories(dir + "/case");
        write(dir + "/case/a.xml", kallelse("../b.xml"));
        write(dir + "/b.xml", kallelse(""));
        auto r = t::kansli({"validate", dir + "/case/a.xml"});
        CHECK(r.exit_code == 1);
        CHECK(has(r.err, "kansli reads only files under"));
    }
}

}  // namespace source_attachment_test
