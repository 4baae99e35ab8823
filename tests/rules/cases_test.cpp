// Data-driven: every tests/data/rules/<case>.xml gives exactly the diagnostics in <case>.expected
// (empty for the valid bases). UPDATE_GOLDEN=1 rewrites the expected files.
#include "core/files.hpp"
#include "rules/check.hpp"
#include "source/build_document.hpp"
#include "source/schema_set.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kansli;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// parse → schema → model → rules, reporting with the file's own name (not its full path).
std::string diagnostics_of(const fs::path& xml, const source::SchemaSet& schemas) {
    core::DiagSink sink;
    const std::string name = xml.filename().string();
    const std::string text = slurp(xml);
    if (auto tree = source::parse_xml(text, name, sink); tree && schemas.validate(*tree, sink)) {
        if (auto doc = source::build_document(*tree, xml.string(), sink)) rules::check_document(*doc, sink);
    }
    std::string out;
    for (auto d : sink.diagnostics()) {
        d.loc.file = name;
        out += core::format(d) + "\n";
    }
    return out;
}

}  // namespace

TEST_CASE("rule cases give their expected diagnostics") {
    const auto schemas = source::SchemaSet::load(test::source("schemas"));
    const fs::path dir = test::data("rules");
    const bool update = std::getenv("UPDATE_GOLDEN") != nullptr;
    std::vector<fs::path> cases;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".xml") cases.push_back(e.path());
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 30);
    for (const auto& xml : cases) {
        const std::string name = xml.stem().string();
        SECTION(name) {
            const std::string got = diagnostics_of(xml, schemas);
            fs::path expected = xml;
            expected.replace_extension(".expected");
            if (update) {
                std::ofstream(expected, std::ios::binary) << got;
                continue;
            }
            INFO("case " << name);
            CHECK(got == slurp(expected));
            // A valid base has no findings; every other case has at least one.
            CHECK((name.rfind("valid-", 0) == 0) == got.empty());
        }
    }
}
