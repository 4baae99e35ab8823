// Careless and hostile source input (issue 9), end to end through the kansli binary, on inputs
// generated here from the starter templates: nothing is dropped or clipped silently (tables,
// nested lists, overlong words), fil="…" is read only beneath --root with a precise message per
// kind of file, and times out of range or malformed are refused by name.
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace t = kansli::test;
namespace fs = std::filesystem;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace careless_input_test {

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void spit(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

/// The starter protokoll (or kallelse) with `from` replaced by `to`.
std::string starter(const std::string& kind, const std::string& from, const std::string& to) {
    std::string s = slurp(t::source("templates/new/" + kind + ".xml"));
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

const std::string kSummary = "<sammanfattning>Ordföranden hälsar välkommen och öppnar mötet.</sammanfattning>";

/// Writes `xml` to a fresh folder and builds it; returns the result and the PDF path.
std::pair<t::RunResult, std::string> build(const std::string& xml, const std::vector<std::string>& env = {}) {
    const std::string dir = t::temp_dir("careless");
    spit(dir + "/doc.xml", xml);
    const std::string pdf = dir + "/doc.pdf";
    return {t::kansli({"build", dir + "/doc.xml", "-o", pdf, "--date", "2025-01-31T12:00:00Z"}, env), pdf};
}

/// Words of the PDF whose box leaves the page (pdftotext -bbox), and all its text joined.
std::pair<int, std::string> words_off_page(const std::string& pdf) {
    const std::string xml = t::run({"pdftotext", "-bbox", pdf, "-"}).out;
    const std::regex page(R"re(<page width="([\d.]+)" height="([\d.]+)")re");
    const std::regex word(
        R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
    double w = 0, h = 0;
    int off = 0;
    std::string text;
    std::istringstream lines(xml);
    for (std::string line; std::getline(lines, line);) {
        std::smatch m;
        if (std::regex_search(line, m, page)) {
            w = std::stod(m[1]);
            h = std::stod(m[2]);
        } else if (std::regex_search(line, m, word)) {
            const double x0 = std::stod(m[1]), y0 = std::stod(m[2]), x1 = std::stod(m[3]), y1 = std::stod(m[4]);
            if (x0 < 28 || x1 > w - 28 || y0 < 0 || y1 > h) ++off;  // inside a 10 mm band of the edge
            text += m[5].str();
        }
    }
    return {off, text};
}

}  // namespace

TEST_CASE("a 300-character word is broken at any character, never clipped: name, heading, cell") {
    const std::string word = "A" + std::string(298, 'b') + "Z";
    const std::vector<std::pair<std::string, std::string>> places = {
        {"namn=\"Förnamn Tjänsteperson\"", "namn=\"" + word + "\""},
        {"<rubrik>Mötet öppnas</rubrik>", "<rubrik>" + word + "</rubrik>"},
        {kSummary, "<sammanfattning><tabell kolumnbredder=\"1 3\"><rad><cell>" + word +
                       "</cell><cell>x</cell></rad>"
                       "</tabell></sammanfattning>"}};
    for (const auto& [from, to] : places) {
        INFO(from);
        auto [r, pdf] = build(starter("protokoll", from, to));
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        const auto [off, text] = words_off_page(pdf);
        CHECK(off == 0);
        // Every character is drawn: the broken pieces add up to at least the whole word.
        const auto count = [](const std::string& s, char c) { return std::count(s.begin(), s.end(), c); };
        CHECK(count(text, 'b') >= 298);
        CHECK(text.find('Z') != std::string::npos);
    }
}

TEST_CASE("text too long for a line that cannot wrap is refused at its place in the source, not clipped") {
    const std::string word = "A" + std::string(298, 'b') + "Z";
    struct Case {
        std::string from, to, where;
    };
    const std::vector<Case> cases = {
        {"namn=\"Förnamn Sekreterare\"", "namn=\"" + word + "\"", "doc.xml:40:45:"},  // signature line
        {"<organ>Sociala vård och omsorgsgruppen</organ>", "<organ>" + word + "</organ>",
         "doc.xml:10:12:"},  // page header
        {"förvaringsplats=\"Samordningskansliet\"", "förvaringsplats=\"" + word + "\"", "doc.xml:46:87:"}};  // ANSLAG
    for (const auto& c : cases) {
        INFO(c.from);
        auto [r, pdf] = build(starter("protokoll", c.from, c.to));
        INFO(r.err);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find(c.where + " error: the text \"Abbbbbbbbbbbbbbbbbbbbbbb…\" does not fit on its line") !=
              std::string::npos);
        CHECK_FALSE(fs::exists(pdf));
    }
}

TEST_CASE("a table of more than 64 columns is refused by validate, located, not truncated by build") {
    for (int n : {65, 70, 500}) {
        std::string cells;
        for (int i = 0; i < n; ++i) cells += "<cell>k" + std::to_string(i) + "</cell>";
        const std::string xml = starter("protokoll", kSummary,
                                        "<sammanfattning><tabell>\n<rad>" + cells + "</rad></tabell></sammanfattning>");
        auto [r, pdf] = build(xml);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("doc.xml:54:1: error: the table has " + std::to_string(n) +
                         " columns; kansli lays out at most 64") != std::string::npos);
        CHECK_FALSE(fs::exists(pdf));
    }
}

TEST_CASE("table columns too narrow to hold a letter are a located build error, naming the column") {
    std::string cells;
    for (int i = 0; i < 40; ++i) cells += "<cell>k" + std::to_string(i) + "</cell>";
    auto [r, pdf] = build(
        starter("protokoll", kSummary, "<sammanfattning><tabell><rad>" + cells + "</rad></tabell></sammanfattning>"));
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("doc.xml:53:") != std::string::npos);
    CHECK(r.err.find("column 1 of 40 of this table would be") != std::string::npos);
    CHECK_FALSE(fs::exists(pdf));
    // Wrong number of kolumnbredder: refused, not silently made equal.
    auto [r2, pdf2] = build(starter("protokoll", kSummary,
                                    "<sammanfattning><tabell kolumnbredder=\"1 2 3\"><rad>"
                                    "<cell>a</cell><cell>b</cell></rad></tabell></sammanfattning>"));
    CHECK(r2.exit_code == 1);
    CHECK(r2.err.find("kolumnbredder=\"…\" gives 3 widths for 2 columns") != std::string::npos);
    // 20 equal columns still fit (5 mm of text each) and every cell is drawn.
    cells.clear();
    for (int i = 0; i < 20; ++i) cells += "<cell>k" + std::to_string(i) + "</cell>";
    auto [r3, pdf3] = build(
        starter("protokoll", kSummary, "<sammanfattning><tabell><rad>" + cells + "</rad></tabell></sammanfattning>"));
    INFO(r3.err);
    REQUIRE(r3.exit_code == 0);
    const auto [off, text] = words_off_page(pdf3);
    CHECK(off == 0);
    CHECK(text.find("k19") != std::string::npos);
}

TEST_CASE("lists nest until their text gets too narrow, then build refuses at the deepest <lista>") {
    auto nested = [](int depth) {
        std::string s = "botten";
        for (int i = depth; i >= 1; --i) s = "<lista><punkt>nivå" + std::to_string(i) + " " + s + "</punkt></lista>";
        return starter("protokoll", kSummary, "<sammanfattning>" + s + "</sammanfattning>");
    };
    auto [ok, pdf] = build(nested(12));
    INFO(ok.err);
    REQUIRE(ok.exit_code == 0);
    const auto [off, text] = words_off_page(pdf);
    CHECK(off == 0);
    CHECK(text.find("botten") != std::string::npos);
    for (int depth : {20, 30, 100}) {
        auto [r, pdf2] = build(nested(depth));
        INFO(r.err);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("doc.xml:53:") != std::string::npos);
        CHECK(r.err.find("error: the text of this list (nested 20 levels deep) would be 29.9 mm wide") !=
              std::string::npos);
        CHECK_FALSE(fs::exists(pdf2));
    }
}

TEST_CASE("a character no font has is warned about at the element it comes from") {
    auto [r, pdf] =
        build(starter("protokoll", "<rubrik>Mötet öppnas</rubrik>", "<rubrik>Mötet \xF0\x9F\x99\x82</rubrik>"));
    REQUIRE(r.exit_code == 0);
    CHECK(std::regex_search(r.err, std::regex(R"(doc\.xml:5\d:\d+: warning: no font has the character U\+1F642)")));
    CHECK(r.err.find("\nwarning:") == std::string::npos);
    CHECK(r.err.rfind("warning:", 0) == std::string::npos);
}

TEST_CASE("fil= is read only beneath --root; each kind of unreadable file has its own message") {
    const std::string top = t::temp_dir("root");
    const std::string doc = top + "/case";
    fs::create_directories(doc + "/sub");
    fs::create_directories(top + "/shared");
    // A real one-page PDF: validate opens attachments with the hardened reader build uses.
    fs::copy_file(t::data("rules/handlingar/underlag.pdf"), top + "/shared/x.pdf");
    fs::copy_file(t::data("rules/handlingar/underlag.pdf"), doc + "/ok.pdf");
    spit(doc + "/sub/file", "x");
    REQUIRE(::mkfifo((doc + "/fifo.pdf").c_str(), 0600) == 0);
    fs::create_directory(doc + "/dir.pdf");
    fs::create_symlink("loop.pdf", doc + "/loop.pdf");
    fs::create_symlink("../shared/x.pdf", doc + "/escape.pdf");
    fs::create_symlink("sub/../ok.pdf", doc + "/inside.pdf");
    fs::create_symlink(doc + "/ok.pdf", doc + "/absolute.pdf");
    fs::create_symlink("nothing.pdf", doc + "/dangling.pdf");
    fs::create_symlink("..", doc + "/up");
    struct Case {
        std::string fil, message;
    };
    const std::vector<Case> cases = {
        {"ok.pdf", ""},
        {"inside.pdf", ""},
        {"missing.pdf", "missing.pdf does not exist"},
        {"dir.pdf", "dir.pdf is a folder, not a file"},
        {"fifo.pdf", "fifo.pdf is a FIFO (named pipe), not a regular file"},
        {"loop.pdf", "loop.pdf is a loop of symbolic links"},
        {"../shared/x.pdf", "../shared/x.pdf lies outside the folder kansli may read (--root)"},
        {"escape.pdf", "escape.pdf lies outside the folder kansli may read (--root)"},
        {"up/shared/x.pdf", "up/shared/x.pdf lies outside the folder kansli may read (--root)"},
        {"absolute.pdf", "absolute.pdf is an absolute symbolic link"},
        {"dangling.pdf", "dangling.pdf does not exist"},
        {"sub/file/x.pdf", "sub/file/x.pdf has a path through something that is not a folder"}};
    std::string docs;
    for (const auto& c : cases) docs += "\n<dokument fil=\"" + c.fil + "\">D</dokument>";
    spit(doc + "/k.xml", starter("kallelse", "<dokument>Tjänsteskrivelse 2025-01-15</dokument>", docs));
    const auto r = t::kansli({"validate", doc + "/k.xml"});
    CHECK(r.exit_code == 1);
    int errors = 0;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        if (cases[i].message.empty()) continue;
        ++errors;
        INFO(cases[i].fil << "\n" << r.err);
        // Line of the <dokument>: the starter's line of <dokument> + i.
        CHECK(std::regex_search(r.err,
                                std::regex("k\\.xml:\\d+:\\d+: error: the beslutsunderlag file " +
                                           std::regex_replace(cases[i].message, std::regex(R"([.()+])"), "\\$&"))));
    }
    CHECK(r.err.find(std::to_string(errors) + " errors") != std::string::npos);
    CHECK(r.err.find("kansli reads only files under " + fs::canonical(doc).string()) != std::string::npos);
    // With the parent as root, the files of the shared folder can be read; the rest stay refused.
    const auto wide = t::kansli({"validate", "--root", top, doc + "/k.xml"});
    CHECK(wide.err.find("../shared/x.pdf") == std::string::npos);
    CHECK(wide.err.find("escape.pdf") == std::string::npos);
    CHECK(wide.err.find("fifo.pdf is a FIFO") != std::string::npos);
    // A root that does not hold the document refuses everything it names.
    const auto narrow = t::kansli({"validate", "--root", doc + "/sub", doc + "/k.xml"});
    CHECK(narrow.err.find("ok.pdf lies outside") != std::string::npos);
}

TEST_CASE("images are confined like handlingar: bild fil= outside the root is refused by validate and build") {
    const std::string top = t::temp_dir("root-img");
    fs::create_directories(top + "/case");
    fs::copy_file(t::source("templates/examples/bilder/delaktighetstrappa.png"), top + "/secret.png");
    spit(top + "/case/doc.xml",
         starter("protokoll", kSummary, "<sammanfattning><bild fil=\"../secret.png\" alt=\"a\"/></sammanfattning>"));
    const auto r = t::kansli({"build", top + "/case/doc.xml", "-o", top + "/case/doc.pdf", "--date", "2025-01-31"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("error: the image file ../secret.png lies outside the folder kansli may read") !=
          std::string::npos);
    CHECK_FALSE(fs::exists(top + "/case/doc.pdf"));
}

TEST_CASE("SOURCE_DATE_EPOCH and --date: malformed or past year 9999 is an error that names the value") {
    const std::string dir = t::temp_dir("dates");
    spit(dir + "/doc.xml", slurp(t::source("templates/new/protokoll.xml")));
    const std::vector<std::string> build = {"build", dir + "/doc.xml", "-o", dir + "/doc.pdf"};
    for (const std::string bad : {"abc", "-1", "1.5", "253402300800", "99999999999999999999"}) {
        INFO(bad);
        const auto r = t::kansli(build, {"SOURCE_DATE_EPOCH=" + bad});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("SOURCE_DATE_EPOCH='" + bad + "'") != std::string::npos);
        CHECK_FALSE(fs::exists(dir + "/doc.pdf"));
    }
    CHECK(t::kansli(build, {"SOURCE_DATE_EPOCH=253402300800"}).err.find("after 9999-12-31T23:59:59Z") !=
          std::string::npos);
    // --date wins over a bad SOURCE_DATE_EPOCH; --date itself is range-checked.
    auto with_date = build;
    with_date.insert(with_date.end(), {"--date", "+10000-01-01"});
    CHECK(t::kansli(with_date).exit_code == 2);
    with_date.back() = "9999-12-31T23:00:00-05:00";
    const auto late = t::kansli(with_date);
    CHECK(late.exit_code == 2);
    CHECK(late.err.find("--date '9999-12-31T23:00:00-05:00' is after 9999-12-31T23:59:59Z") != std::string::npos);
    with_date.back() = "9999-12-31T23:59:59Z";
    const auto last = t::kansli(with_date, {"SOURCE_DATE_EPOCH=junk"});
    INFO(last.err);
    REQUIRE(last.exit_code == 0);
    CHECK(t::run({"pdfinfo", "-rawdates", dir + "/doc.pdf"}).out.find("D:99991231235959") != std::string::npos);
    CHECK(t::run({"qpdf", "--check", dir + "/doc.pdf"}).exit_code == 0);
}

}  // namespace careless_input_test
