// Hostile and broken inputs: every one is refused with a located message, quickly, and the
// diagnostics match tests/data/source/malformed/<case>.expected (UPDATE_GOLDEN=1 rewrites them).
#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "source/schema_set.hpp"
#include "source/xml_tree.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <ctime>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kansli;
namespace fs = std::filesystem;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace malformed_test {

namespace {

const source::SchemaSet& schemas() {
    static const auto set = source::SchemaSet::load(test::source("schemas"));
    return set;
}

/// parse + root check + schema, as `kansli validate` runs them; diagnostics formatted.
std::string run_case(const std::string& bytes, const std::string& name, bool& accepted) {
    core::DiagSink sink;
    accepted = false;
    if (auto tree = source::parse_xml(bytes, name, sink)) accepted = schemas().validate(*tree, sink);
    std::string out;
    for (const auto& d : sink.diagnostics()) out += core::format(d) + "\n";
    return out;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("every file of the malformed corpus is refused with its expected, located diagnostics") {
    const fs::path dir = test::data("source/malformed");
    const bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
    int cases = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() != ".xml") continue;
        ++cases;
        const std::string name = entry.path().filename().string();
        SECTION(name) {
            bool accepted = true;
            const std::clock_t start = std::clock();  // CPU time: a hang shows, a loaded machine does not
            const std::string got = run_case(slurp(entry.path()), name, accepted);
            CHECK_FALSE(accepted);
            CHECK(static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC < 2.0);
            REQUIRE_FALSE(got.empty());
            CHECK(got.rfind(name + ":", 0) == 0);  // located: starts with file:line
            CHECK(got.find(name + ":0:") == std::string::npos);
            fs::path expected = entry.path();
            expected.replace_extension(".expected");
            if (update) {
                std::ofstream(expected, std::ios::binary) << got;
            } else {
                CHECK(got == slurp(expected));
            }
        }
    }
    CHECK(cases >= 10);
}

TEST_CASE("100 000 levels of nesting stop at the depth limit, located at the first element too deep") {
    std::string xml = "<?xml version=\"1.0\"?>\n";
    for (int i = 0; i < 100000; ++i) xml += "<punkt>";
    for (int i = 0; i < 100000; ++i) xml += "</punkt>";
    bool accepted = true;
    const std::clock_t start = std::clock();  // CPU time
    const std::string got = run_case(xml, "deep.xml", accepted);
    CHECK_FALSE(accepted);
    CHECK(static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC < 2.0);
    // 256 levels allowed: element 257 starts at column 1 + 256 * len("<punkt>").
    CHECK(got == "deep.xml:2:" + std::to_string(1 + 256 * 7) +
                     ": error: elements are nested more than 256 levels deep\n"
                     "  hint: a kansli source needs only a few levels; check for unclosed elements\n");
}

TEST_CASE("the depth limit is a parameter") {
    core::DiagSink sink;
    source::ParseLimits limits;
    limits.max_depth = 3;
    CHECK(source::parse_xml("<a><b><c/></b></a>", "ok.xml", sink, limits));
    CHECK_FALSE(source::parse_xml("<a><b><c><d/></c></b></a>", "deep.xml", sink, limits));
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].loc.col == 10);
}

TEST_CASE("inputs over the size limit are refused before parsing") {
    core::DiagSink sink;
    source::ParseLimits limits;
    limits.max_bytes = 10;
    CHECK_FALSE(source::parse_xml("<protokoll/>", "big.xml", sink, limits));
    REQUIRE(sink.diagnostics().size() == 1);
    CHECK(sink.diagnostics()[0].message.find("more than the limit of 10") != std::string::npos);
}

TEST_CASE("random byte strings never crash the parser and always yield a located error") {
    std::uint32_t state = 12345;
    auto next = [&state]() {
        state = state * 1664525u + 1013904223u;
        return static_cast<char>(state >> 24);
    };
    for (int round = 0; round < 200; ++round) {
        std::string bytes = round % 2 ? "<protokoll xmlns=\"urn:kansli:dokument:1\">" : "";
        for (int i = 0; i < 300; ++i) bytes += next();
        bool accepted = true;
        const std::string got = run_case(bytes, "fuzz.xml", accepted);
        CHECK_FALSE(accepted);
        CHECK(got.rfind("fuzz.xml:", 0) == 0);
    }
}

}  // namespace malformed_test
