// `kansli validate` end to end: the bundled examples, the malformed corpus, the rule cases,
// exit codes and the output format (nothing but our own diagnostics on stderr).
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace kt = kansli::test;
namespace fs = std::filesystem;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace validate_test {

namespace {

const std::vector<std::string> kEnv = {"KANSLI_HOME=" + kt::source("")};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Every stderr line is a diagnostic, a hint, or the closing count.
void check_only_diagnostics(const std::string& err) {
    static const std::regex line(
        R"(^([^:\n]+:(\d+:\d+:)? (error|warning|note): .+|  hint: .+|\d+ errors?, \d+ warnings?)$)");
    std::istringstream in(err);
    for (std::string l; std::getline(in, l);) {
        INFO(l);
        CHECK(std::regex_match(l, line));
    }
}

/// Copies templates/examples/*.xml and their images (bilder/) to a fresh folder and creates a
/// minimal stand-in PDF for every fil="….pdf" they reference (the real ones are made by `kansli build`);
/// with attachments, the kansli sources they append (handlingar/*.xml) too.
std::string examples_copy(bool with_attachments) {
    const fs::path dir = kt::temp_dir("validate-examples");
    const std::regex fil(R"re(fil="([^"]+\.pdf)")re");
    fs::copy(kt::source("templates/examples/bilder"), dir / "bilder", fs::copy_options::recursive);
    for (const auto& e : fs::directory_iterator(kt::source("templates/examples"))) {
        if (e.path().extension() != ".xml") continue;
        fs::copy_file(e.path(), dir / e.path().filename());
        if (!with_attachments) continue;
        if (!fs::exists(dir / "handlingar"))
            fs::copy(kt::source("templates/examples/handlingar"), dir / "handlingar", fs::copy_options::recursive);
        const std::string text = slurp(e.path());
        for (std::sregex_iterator it(text.begin(), text.end(), fil), end; it != end; ++it) {
            const fs::path pdf = dir / (*it)[1].str();
            fs::create_directories(pdf.parent_path());
            // A real one-page PDF: validate opens attachments with the reader build appends them with.
            fs::copy_file(kt::data("rules/handlingar/underlag.pdf"), pdf, fs::copy_options::overwrite_existing);
        }
    }
    return dir.string();
}

}  // namespace

TEST_CASE("the four bundled examples validate, each with a one-line summary") {
    const std::string dir = examples_copy(true);
    auto r = kt::kansli({"validate", dir + "/protokoll-2023-02-24.xml", dir + "/kallelse-2022-12-02.xml",
                         dir + "/kallelse-2025.xml", dir + "/overenskommelse-2025.xml"},
                        kEnv);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(r.out.find(dir + "/protokoll-2023-02-24.xml: valid (protokoll, 15 §§)\n") != std::string::npos);
    CHECK(r.out.find(dir + "/kallelse-2022-12-02.xml: valid (kallelse, ") != std::string::npos);
    CHECK(r.out.find(dir + "/kallelse-2025.xml: valid (kallelse, 13 ärenden)\n") != std::string::npos);
    CHECK(r.out.find(dir + "/overenskommelse-2025.xml: valid (överenskommelse, ") != std::string::npos);
}

TEST_CASE("a missing attachment makes the kallelse invalid, located at its <dokument>") {
    const std::string dir = examples_copy(false);
    auto r = kt::kansli({"validate", dir + "/kallelse-2022-12-02.xml"}, kEnv);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(std::regex_search(
        r.err,
        std::regex(
            R"(kallelse-2022-12-02\.xml:\d+:\d+: error: the beslutsunderlag file handlingar/\S+\.xml does not exist)")));
    check_only_diagnostics(r.err);
}

TEST_CASE("every malformed input gives exit 1 and a located message, nothing else on stderr") {
    for (const auto& e : fs::directory_iterator(kt::data("source/malformed"))) {
        if (e.path().extension() != ".xml") continue;
        SECTION(e.path().filename().string()) {
            auto r = kt::kansli({"validate", e.path().string()}, kEnv);
            CHECK(r.exit_code == 1);
            CHECK(r.err.rfind(e.path().string() + ":", 0) == 0);
            CHECK(std::regex_search(r.err, std::regex(R"(^[^\n]+\.xml:[1-9]\d*:[1-9]\d*: error: )")));
            check_only_diagnostics(r.err);
        }
    }
}

TEST_CASE("100 000 nested elements are refused quickly at the depth limit") {
    const fs::path file = fs::path(kt::temp_dir("validate-deep")) / "deep.xml";
    {
        std::ofstream out(file, std::ios::binary);
        out << "<protokoll xmlns=\"urn:kansli:dokument:1\">\n";
        for (int i = 0; i < 100000; ++i) out << "<stycke>";
        for (int i = 0; i < 100000; ++i) out << "</stycke>";
        out << "\n</protokoll>\n";
    }
    auto r = kt::kansli({"validate", file.string()}, kEnv);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(file.string() + ":2:") == 0);
    CHECK(r.err.find("nested more than 256 levels") != std::string::npos);
}

TEST_CASE("a rule case prints the message in the user's terms with its hint") {
    auto r = kt::kansli({"validate", kt::data("rules/reservation-not-serving.xml")}, kEnv);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(
              "reservation-not-serving.xml:49:7: error: §32: Bianca Zandén reserverar sig but does not serve in §32\n"
              "  hint: ") != std::string::npos);
}

TEST_CASE("exit codes: 2 for usage and missing files, which outrank invalid ones") {
    CHECK(kt::kansli({"validate"}, kEnv).exit_code == 2);
    CHECK(kt::kansli({"validate", "--no-such-option", "x.xml"}, kEnv).exit_code == 2);
    auto help = kt::kansli({"validate", "--help"}, kEnv);
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("Usage:") != std::string::npos);
    auto missing = kt::kansli({"validate", "/nonexistent/kansli/nothing.xml"}, kEnv);
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("/nonexistent/kansli/nothing.xml") == 0);
    auto mixed = kt::kansli({"validate", kt::data("rules/valid-protokoll.xml"), kt::data("rules/voter-jav.xml"),
                             "/nonexistent/kansli/nothing.xml"},
                            kEnv);
    CHECK(mixed.exit_code == 2);
    CHECK(mixed.out.find("valid-protokoll.xml: valid (protokoll, 3 §§)") != std::string::npos);
    CHECK(mixed.err.find("voter-jav.xml:") != std::string::npos);
    CHECK(kt::kansli({"validate", kt::data("rules/voter-jav.xml"), kt::data("rules/valid-kallelse.xml")}, kEnv)
              .exit_code == 1);
}

TEST_CASE("a kansli home without schemas is an I/O error naming the schema file") {
    auto r = kt::kansli({"validate", kt::data("rules/valid-protokoll.xml")},
                        {"KANSLI_HOME=" + kt::temp_dir("validate-nohome")});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("schemas/protokoll.xsd") != std::string::npos);
}

TEST_CASE("the starter files in templates/new validate and build as shipped", "[cli][validate]") {
    const fs::path dir = kt::temp_dir("validate-starters");
    for (const char* kind : {"protokoll", "kallelse", "avtal"}) {
        const std::string src = kt::source(std::string("templates/new/") + kind + ".xml");
        auto v = kt::kansli({"validate", src});
        INFO(kind << ": " << v.err);
        CHECK(v.exit_code == 0);
        CHECK(v.err.empty());
        auto b =
            kt::kansli({"build", src, "-o", (dir / (std::string(kind) + ".pdf")).string(), "--date", "2025-01-31"});
        INFO(b.err);
        CHECK(b.exit_code == 0);
    }
}

}  // namespace validate_test
