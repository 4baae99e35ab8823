// render/append: other PDFs appended after the document's pages.

#include "core/diagnostic.hpp"
#include "render/checks.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <ctime>
#include <regex>

using namespace kansli;
using test::objects_with;
using test::page_count;
using test::page_text;
using test::render_sample;
using test::run;

TEST_CASE("render: appended PDFs keep their pages and get an outline entry") {
    auto ps = test::sample_pageset();
    ps.appended.push_back({test::data("render/bilaga.pdf"), "Bilaga 1 Överenskommelse", 0});
    ps.appended.push_back({test::data("render/bilaga.pdf"), "Bilaga 2", 1});
    auto r = render_sample(ps, "append");
    CHECK(page_count(r.path) == 6);
    CHECK(run({"qpdf", "--check", r.path}).exit_code == 0);
    CHECK(page_text(r.path, 3).find("Bilaga sida 1") != std::string::npos);
    CHECK(page_text(r.path, 6).find("Bilaga sida 2") != std::string::npos);
    auto json = run({"qpdf", "--json", "--json-key=outlines", r.path}).out;
    CHECK(json.find("\"title\": \"Bilaga 1 Överenskommelse\"") != std::string::npos);
    CHECK(json.find("\"title\": \"Bilaga 2\"") != std::string::npos);
    CHECK(json.find("Foreign bookmark") == std::string::npos);
    CHECK(json.find("\n      \"destpageposfrom1\": 3,") != std::string::npos);
    CHECK(json.find("\n      \"title\": \"Bilaga 1 Överenskommelse\"") != std::string::npos);
    CHECK(json.find("\n          \"destpageposfrom1\": 5,") != std::string::npos);
    CHECK(json.find("\n          \"title\": \"Bilaga 2\"") != std::string::npos);
}

TEST_CASE("render: an appended PDF's own signature fields are left out; ours stay") {
    // A kansli PDF with three empty signature fields becomes an attachment of another one.
    auto inner = render_sample(test::sample_pageset(), "inner");
    auto ps = test::sample_pageset();
    ps.appended.push_back({inner.path, "Bilaga med egna underskriftsfält", 0});
    auto r = render_sample(ps, "outer");
    CHECK(page_count(r.path) == 4);
    CHECK(run({"qpdf", "--check", r.path}).exit_code == 0);
    auto qdf = test::qdf_text(r.path);
    auto fields = objects_with(qdf, "/FT /Sig");
    CHECK(fields.size() == 3);
    // Page 4 (the attachment's signature page) keeps its text but has no widgets left.
    CHECK(page_text(r.path, 4).find("Justerare: Örjan Östlund") != std::string::npos);
    auto pages = objects_with(qdf, "/Type /Page\n");
    REQUIRE(pages.size() == 4);
    CHECK(pages[3].find("/Annots") == std::string::npos);
}

TEST_CASE("render: a deeply nested appended PDF is refused at once, not parsed for minutes") {
    // A valid-looking PDF whose catalog holds 20000 nested dictionaries (PoDoFo 0.9.8 would
    // take minutes at 2000 levels and crash near 17000).
    auto dir = test::temp_dir("render-nested");
    std::string nested;
    for (int i = 0; i < 20000; ++i) nested += "<</A ";
    for (int i = 0; i < 20000; ++i) nested += ">>";
    std::string pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /X " + nested +
                      " >>\nendobj\n"
                      "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n";
    std::string path = test::save(dir, "nested.pdf", core::Bytes(pdf.begin(), pdf.end()));
    auto ps = test::sample_pageset(false);
    ps.appended.push_back({path, "Djup", 0});
    const std::clock_t t0 = std::clock();  // CPU time: a hang shows, a loaded machine does not
    try {
        (void)render::render_pdf(ps);
        FAIL("expected core::Error");
    } catch (const core::Error& e) {
        CHECK(e.code() == core::ExitCode::Invalid);
        CHECK(e.diagnostics().front().loc.file == path);
        CHECK(e.diagnostics().front().message.find("nested") != std::string::npos);
    }
    CHECK(static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC < 2.0);
}

TEST_CASE("render: several attachments with pruned objects keep a consistent object numbering") {
    // A kansli PDF loses its signature widgets and form when appended, which leaves gaps in its
    // object numbers; the next attachment must still be numbered after all of them.
    auto inner = render_sample(test::sample_pageset(), "inner-multi");
    auto ps = test::sample_pageset();
    ps.appended.push_back({inner.path, "Första", 0});
    ps.appended.push_back({inner.path, "Andra", 0});
    ps.appended.push_back({test::data("render/bilaga.pdf"), "Tredje", 0});
    auto r = render_sample(ps, "multi");
    auto check = run({"qpdf", "--check", r.path});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.err.empty());
    REQUIRE(page_count(r.path) == 8);
    CHECK(page_text(r.path, 4).find("Justerare: Örjan Östlund") != std::string::npos);
    CHECK(page_text(r.path, 6).find("Justerare: Örjan Östlund") != std::string::npos);
    CHECK(page_text(r.path, 8).find("Bilaga sida 2") != std::string::npos);
    // Nothing of the attachments' forms survives, not even unreferenced.
    // Objects are packed in object streams: count them in qpdf's unpacked, uncompressed form.
    const std::string all = run({"qpdf", "--qdf", "--object-streams=disable", r.path, "-"}).out;
    const std::regex sig_field("/FT\\s*/Sig");
    CHECK(std::distance(std::sregex_iterator(all.begin(), all.end(), sig_field), std::sregex_iterator()) == 3);
    CHECK(all.find("Foreign bookmark") == std::string::npos);
}

TEST_CASE("render: an appended page keeps what it inherits from its page tree (media box, resources)") {
    const auto dir = test::temp_dir("render-inherited");
    const std::string path = dir + "/inherited.pdf";
    REQUIRE(run({"python3", test::source("tests/support/hostile_pdf.py"), "inherited", path}).exit_code == 0);
    auto ps = test::sample_pageset();
    ps.appended.push_back({path, "Ärvd", 0});
    auto r = render_sample(ps, "inherited");
    CHECK(run({"qpdf", "--check", r.path}).exit_code == 0);
    REQUIRE(page_count(r.path) == 4);
    CHECK(page_text(r.path, 3).find("Arvd sida 1") != std::string::npos);
    CHECK(page_text(r.path, 4).find("Arvd sida 2") != std::string::npos);
    const auto info = run({"pdfinfo", "-f", "3", "-l", "4", r.path}).out;
    CHECK(info.find("Page    3 size:  300 x 400 pts") != std::string::npos);
    CHECK(info.find("Page    4 size:  300 x 400 pts") != std::string::npos);
    // The bookmark points at the appended document's first page, at its top (y = 400).
    const auto json = run({"qpdf", "--json", "--json-key=outlines", r.path}).out;
    CHECK(json.find("\"destpageposfrom1\": 3") != std::string::npos);
    CHECK(std::regex_search(json, std::regex("\"dest\": \\[\\s*\"[0-9]+ 0 R\",\\s*\"/XYZ\",\\s*0,\\s*400")));
}
