// `kansli build` end to end: the real binary on the bundled examples, checked with qpdf,
// pdffonts, pdftotext and pdfinfo.
#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

namespace t = kansli::test;
using t::run;
namespace fs = std::filesystem;

namespace {

const std::string kProtokoll = t::source("templates/examples/protokoll-2023-02-24.xml");
const std::string kAvtal = t::source("templates/examples/overenskommelse-2025.xml");

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

int pages_of(const std::string& pdf) {
    std::smatch m;
    auto info = run({"pdfinfo", pdf}).out;
    return std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)")) ? std::stoi(m[1]) : -1;
}

}  // namespace

TEST_CASE("kansli build: the example protokoll becomes a clean PDF with empty signature fields") {
    auto dir = t::temp_dir("build");
    auto out = dir + "/protokoll.pdf";
    auto r = t::kansli({"build", kProtokoll, "-o", out, "--date", "2023-02-24T13:00:00Z"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const int pages = pages_of(out);
    CHECK(pages > 1);
    CHECK(r.out == out + ": " + std::to_string(pages) + " pages, " + std::to_string(fs::file_size(out)) + " bytes\n");
    CHECK(run({"qpdf", "--check", out}).exit_code == 0);
    auto fonts = run({"pdffonts", out}).out;
    CHECK(fonts.find(" no ") == std::string::npos);  // every font: emb, sub, uni = yes
    auto text = run({"pdftotext", "-enc", "UTF-8", out, "-"}).out;
    CHECK(text.find("Sociala vård och omsorgsgruppen") != std::string::npos);
    CHECK(text.find("Justerandes sign") != std::string::npos);
    auto qdf = run({"qpdf", "--qdf", "--object-streams=disable", out, "-"}).out;
    CHECK(qdf.find("/KANS_SigningOrder") != std::string::npos);
    CHECK(qdf.find("/FT /Sig") != std::string::npos);
    CHECK(qdf.find("/Type /Sig") == std::string::npos);  // no signature value yet
    auto info = run({"pdfinfo", "-isodates", out}).out;
    CHECK(std::regex_search(info, std::regex("CreationDate:\\s+2023-02-24T13:00:00Z")));
}

TEST_CASE("kansli build: same --date gives identical bytes under TZ=UTC and TZ=Pacific/Auckland") {
    auto dir = t::temp_dir("build-tz");
    auto a = dir + "/a.pdf", b = dir + "/b.pdf", c = dir + "/c.pdf";
    REQUIRE(t::kansli({"build", kProtokoll, "-o", a, "--date", "2023-02-24"}, {"TZ=UTC"}).exit_code == 0);
    REQUIRE(t::kansli({"build", kProtokoll, "-o", b, "--date", "2023-02-24"}, {"TZ=Pacific/Auckland"}).exit_code == 0);
    // SOURCE_DATE_EPOCH stands in for --date: 2023-02-24T00:00:00Z.
    REQUIRE(
        t::kansli({"build", kProtokoll, "-o", c}, {"TZ=Pacific/Auckland", "SOURCE_DATE_EPOCH=1677196800"}).exit_code ==
        0);
    CHECK(slurp(a) == slurp(b));
    CHECK(slurp(a) == slurp(c));
    auto d = dir + "/d.pdf";
    REQUIRE(t::kansli({"build", kProtokoll, "-o", d, "--date", "2023-02-25"}).exit_code == 0);
    CHECK(slurp(a) != slurp(d));
}

TEST_CASE("kansli build: the example agreement builds too") {
    auto dir = t::temp_dir("build-avtal");
    auto out = dir + "/avtal.pdf";
    auto r = t::kansli({"build", kAvtal, "-o", out, "--date", "2025-01-01"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(run({"qpdf", "--check", out}).exit_code == 0);
}

TEST_CASE("kansli build: invalid input → exit 1, diagnostics, and no output file") {
    auto dir = t::temp_dir("build-bad");
    auto src = dir + "/bad.xml";
    auto xml = slurp(kProtokoll);
    // Break the document: an element the schema does not know.
    auto pos = xml.find('>', xml.find("<protokoll"));
    REQUIRE(pos != std::string::npos);
    xml.insert(pos + 1, "<okänt/>");
    std::ofstream(src) << xml;
    auto r = t::kansli({"build", src, "--date", "2023-02-24"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(src + ":") != std::string::npos);
    CHECK(r.err.find("error:") != std::string::npos);
    CHECK_FALSE(fs::exists(dir + "/bad.pdf"));
    // Same messages as `kansli validate`.
    auto v = t::kansli({"validate", src});
    CHECK(v.exit_code == 1);
    CHECK(v.err == r.err);
}

TEST_CASE("kansli build: usage and I/O errors → exit 2, nothing written") {
    auto dir = t::temp_dir("build-usage");
    SECTION("no file") { CHECK(t::kansli({"build"}).exit_code == 2); }
    SECTION("unknown option") { CHECK(t::kansli({"build", kProtokoll, "--nope"}).exit_code == 2); }
    SECTION("bad --date") {
        auto r = t::kansli({"build", kProtokoll, "-o", dir + "/x.pdf", "--date", "igår"});
        CHECK(r.exit_code == 2);
        CHECK_FALSE(fs::exists(dir + "/x.pdf"));
    }
    SECTION("missing input") {
        auto r = t::kansli({"build", dir + "/finns-inte.xml", "--date", "2023-02-24"});
        CHECK(r.exit_code == 2);
        CHECK(r.err.find("finns-inte.xml") != std::string::npos);
    }
    SECTION("output is the input") {
        auto src = dir + "/p.xml";
        fs::copy_file(kProtokoll, src);
        auto before = slurp(src);
        auto r = t::kansli({"build", src, "-o", dir + "/./p.xml", "--date", "2023-02-24"});
        CHECK(r.exit_code == 2);
        CHECK(slurp(src) == before);
    }
    SECTION("output folder missing") {
        auto r = t::kansli({"build", kProtokoll, "-o", dir + "/nope/x.pdf", "--date", "2023-02-24"});
        CHECK(r.exit_code == 2);
    }
    SECTION("--help") {
        auto r = t::kansli({"build", "--help"});
        CHECK(r.exit_code == 0);
        CHECK(r.out.find("--date") != std::string::npos);
    }
}

TEST_CASE("kansli build: default output is beside the input; a failed rebuild keeps the old PDF") {
    auto dir = t::temp_dir("build-default");
    auto src = dir + "/p.xml";
    fs::copy_file(kProtokoll, src);
    // The source names images relative to its folder; give it the examples' images.
    fs::create_directory_symlink(t::source("templates/examples/bilder"), dir + "/bilder");
    auto r = t::kansli({"build", src, "--date", "2023-02-24"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    REQUIRE(fs::exists(dir + "/p.pdf"));
    auto good = slurp(dir + "/p.pdf");
    std::ofstream(src) << "<protokoll>";  // now broken
    CHECK(t::kansli({"build", src, "--date", "2023-02-24"}).exit_code == 1);
    CHECK(slurp(dir + "/p.pdf") == good);
    int entries = 0;
    for ([[maybe_unused]] auto& e : fs::directory_iterator(dir)) ++entries;
    CHECK(entries == 3);  // p.xml, p.pdf, bilder: no temporary left behind
}

TEST_CASE("kansli build: kallelse with handlingar appends the beslutsunderlag PDFs with bookmarks") {
    auto dir = t::temp_dir("build-handlingar");
    fs::copy(t::source("templates/examples"), dir, fs::copy_options::recursive);
    // The beslutsunderlag are kansli sources themselves, which the example appends as sources
    // (source_attachment_test.cpp); here they are built first and appended as PDFs.
    {
        const std::string k = dir + "/kallelse-2022-12-02.xml";
        const std::string text = slurp(k);
        std::ofstream(k, std::ios::trunc)
            << std::regex_replace(text, std::regex(R"re(fil="([^"]+)\.xml")re"), "fil=\"$1.pdf\"");
    }
    int attached_pages = 0;
    std::vector<std::string> attachments;
    for (const auto& e : fs::directory_iterator(dir + "/handlingar")) {
        if (e.path().extension() == ".xml") attachments.push_back(e.path().string());
    }
    std::sort(attachments.begin(), attachments.end());
    REQUIRE(!attachments.empty());
    for (const auto& src : attachments) {
        auto r = t::kansli({"build", src, "--date", "2022-11-25"});
        INFO(r.err);
        REQUIRE(r.exit_code == 0);
        attached_pages += pages_of(src.substr(0, src.size() - 4) + ".pdf");
    }
    const std::string kallelse = dir + "/kallelse-2022-12-02.xml";
    auto r = t::kansli({"build", kallelse, "--date", "2022-11-25"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const std::string pdf = dir + "/kallelse-2022-12-02.pdf";
    CHECK(run({"qpdf", "--check", pdf}).exit_code == 0);
    const int pages = pages_of(pdf);
    CHECK(pages > attached_pages);
    CHECK(r.out.find(": " + std::to_string(pages) + " pages") != std::string::npos);
    auto json = run({"qpdf", "--json", "--json-key=outlines", pdf}).out;
    CHECK(json.find("\"title\": \"§125 Hälso- och sjukvårdsnämnden") != std::string::npos);
    // The attachments' own signature fields are not carried into the kallelse.
    auto qdf = run({"qpdf", "--qdf", "--object-streams=disable", pdf, "-"}).out;
    CHECK(qdf.find("/FT /Sig") == std::string::npos);
    // The last page is the last page of the last attachment, untouched.
    auto last =
        run({"pdftotext", "-enc", "UTF-8", "-f", std::to_string(pages), "-l", std::to_string(pages), pdf, "-"}).out;
    CHECK(!last.empty());

    SECTION("a missing attachment is reported by validation: exit 1, no PDF") {
        fs::remove(pdf);
        fs::remove(dir + "/handlingar/hsn-2022-10-20-p125.pdf");
        auto bad = t::kansli({"build", kallelse, "--date", "2022-11-25"});
        CHECK(bad.exit_code == 1);
        CHECK(bad.err.find("hsn-2022-10-20-p125.pdf") != std::string::npos);
        CHECK_FALSE(fs::exists(pdf));
    }
    SECTION("a damaged attachment: exit 1 naming it, no PDF") {
        fs::remove(pdf);
        const std::string victim = dir + "/handlingar/hsn-2022-10-20-p125.pdf";
        fs::resize_file(victim, fs::file_size(victim) / 2);
        auto bad = t::kansli({"build", kallelse, "--date", "2022-11-25"});
        CHECK(bad.exit_code == 1);
        CHECK(bad.err.find("hsn-2022-10-20-p125.pdf") != std::string::npos);
        CHECK_FALSE(fs::exists(pdf));
    }
    SECTION("-o naming an attachment is refused") {
        const std::string victim = dir + "/handlingar/hsn-2022-10-20-p125.pdf";
        auto before = slurp(victim);
        auto bad = t::kansli({"build", kallelse, "-o", victim, "--date", "2022-11-25"});
        CHECK(bad.exit_code == 2);
        CHECK(slurp(victim) == before);
    }
}
