// render/: PageSet → PDF, checked with tools we did not write (qpdf, pdffonts, pdftotext, pdfinfo,
// pdfimages).
#include "render/render.hpp"

#include "core/diagnostic.hpp"
#include "render/checks.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <climits>
#include <cstdlib>
#include <ctime>
#include <regex>

using namespace kansli;
using test::objects_with;
using test::page_count;
using test::page_text;
using test::render_sample;
using test::run;

TEST_CASE("render: qpdf --check finds no errors; PDF 1.7; small objects in object streams, an xref stream") {
    auto r = render_sample(test::sample_pageset(), "check");
    auto check = run({"qpdf", "--check", r.path});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("No syntax or stream encoding errors") != std::string::npos);
    CHECK(check.err.empty());
    std::string head(r.bytes.begin(), r.bytes.begin() + 8);
    CHECK(head == "%PDF-1.7");
    std::string all(r.bytes.begin(), r.bytes.end());
    // The structure tree's hundreds of small dictionaries are packed into object streams (render/append.cpp, write_merged).
    CHECK(all.find("/ObjStm") != std::string::npos);
    CHECK(all.find("/XRef") != std::string::npos);
    CHECK(all.find("\nxref\n") == std::string::npos);
    CHECK(page_count(r.path) == 2);
}

TEST_CASE("render: every font is embedded, subset, Identity-H with ToUnicode") {
    auto r = render_sample(test::sample_pageset(), "fonts");
    auto fonts = run({"pdffonts", r.path});
    REQUIRE(fonts.exit_code == 0);
    std::istringstream lines(fonts.out);
    std::string line;
    int rows = 0;
    while (std::getline(lines, line)) {
        if (line.rfind("name", 0) == 0 || line.rfind("----", 0) == 0 || line.empty()) continue;
        ++rows;
        INFO(line);
        // name type encoding emb sub uni object ID
        CHECK(std::regex_search(line, std::regex("^[A-Z]{6}\\+LiberationSans")));
        CHECK(std::regex_search(line, std::regex("CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes")));
    }
    CHECK(rows == 2);
}

TEST_CASE("render: pdftotext gives back Swedish text exactly") {
    auto r = render_sample(test::sample_pageset(), "text");
    auto text = page_text(r.path, 1);
    INFO(text);
    // In context: pdftotext's layout mode drops the spaces of a line made only of one-letter
    // words (a poppler heuristic for letter-spaced text), so the sample puts a word first.
    CHECK(text.find("Svenska tecken: " + test::kSwedish + "\n") != std::string::npos);
    CHECK(text.find("Protokoll § 1–3") != std::string::npos);
    CHECK(text.find("Röd text i Ärendelistan") != std::string::npos);
    auto p2 = page_text(r.path, 2);
    CHECK(p2.find("Justerare: Örjan Östlund") != std::string::npos);
}

TEST_CASE("render: kerning reaches the content stream as TJ numbers, words stay intact") {
    auto r = render_sample(test::sample_pageset(), "kern");
    auto qdf = test::qdf_text(r.path);
    // -888/1000 pt at 12 pt = -74 thousandths of an em → TJ number 74.
    std::smatch m;
    REQUIRE(std::regex_search(qdf, m,
                              std::regex("\\[<[0-9a-fA-F]{4}> 74 <[0-9a-fA-F]{4}> 74 <[0-9a-fA-F]{4}> 74 "
                                         "<[0-9a-fA-F]+> 37 <[0-9a-fA-F]+> 20 <[0-9a-fA-F]+>\\] TJ")));
    auto text = page_text(r.path, 1);
    INFO(text);
    CHECK(text.find("AVATAR Tavla Wåg") != std::string::npos);
}

TEST_CASE("render: empty signature fields, /SigFlags 1, /KANS_SigningOrder") {
    auto r = render_sample(test::sample_pageset(), "sig");
    auto qdf = test::qdf_text(r.path);
    auto fields = objects_with(qdf, "/FT /Sig");
    REQUIRE(fields.size() == 3);
    for (const auto& f : fields) {
        INFO(f);
        CHECK(f.find("/V ") == std::string::npos);
        CHECK(f.find("/Subtype /Widget") != std::string::npos);
        CHECK(f.find("/F 4") != std::string::npos);
        CHECK(f.find("/T ") != std::string::npos);
    }
    CHECK(fields[0].find("/T (Sekreterare)") != std::string::npos);
    // "Ordförande" is not ASCII: a UTF-16BE text string with BOM.
    CHECK(fields[2].find("/T <feff004f00720064006600f600720061006e00640065>") != std::string::npos);
    auto acro = objects_with(qdf, "/SigFlags");
    REQUIRE(acro.size() == 1);
    CHECK(acro[0].find("/SigFlags 1") != std::string::npos);
    CHECK(acro[0].find("/DA") == std::string::npos);  // no default appearance (facts §1 trap 4)
    CHECK(std::regex_search(
        qdf,
        std::regex(
            "/KANS_SigningOrder "
            "\\[\\s*\\(Sekreterare\\)\\s*\\(Justerare\\)\\s*<feff004f00720064006600f600720061006e00640065>\\s*\\]")));
    // Every widget is on page 2, at its slot's rectangle.
    auto pages = objects_with(qdf, "/Type /Page\n");
    REQUIRE(pages.size() == 2);
    CHECK(pages[0].find("/Annots") != std::string::npos);  // the link only
    CHECK(std::regex_search(fields[1], std::regex("/Rect \\[\\s*72\\s+620\\s+272\\s+660\\s*\\]")));
}

TEST_CASE("render: no signature slots → no AcroForm, no signing order") {
    auto ps = test::sample_pageset();
    ps.pages.pop_back();
    ps.outline.pop_back();
    ps.signing_order.clear();
    auto r = render_sample(ps, "nosig");
    auto qdf = test::qdf_text(r.path);
    CHECK(qdf.find("/AcroForm") == std::string::npos);
    CHECK(qdf.find("/KANS_SigningOrder") == std::string::npos);
}

TEST_CASE("render: outline entries nested by level, info, XMP, /Lang") {
    auto r = render_sample(test::sample_pageset(), "meta");
    auto json = run({"qpdf", "--json", "--json-key=outlines", r.path}).out;
    // qpdf pretty-prints top-level entries' keys at 6 spaces, their kids' at 10.
    CHECK(json.find("\n      \"title\": \"Protokoll\"") != std::string::npos);
    CHECK(json.find("\n          \"title\": \"§ 1 Mötets öppnande\"") != std::string::npos);
    CHECK(json.find("\n          \"title\": \"§ 2 Val av justerare\"") != std::string::npos);
    CHECK(json.find("\n      \"title\": \"Underskrifter\"") != std::string::npos);
    CHECK(json.find("\n      \"destpageposfrom1\": 2,") != std::string::npos);
    // /Count on the root and on items with kids (all open).
    auto qdf_outline = test::qdf_text(r.path);
    auto roots = objects_with(qdf_outline, "/Type /Outlines");
    REQUIRE(roots.size() == 1);
    CHECK(roots[0].find("/Count 4") != std::string::npos);
    auto parents = objects_with(qdf_outline, "/Title (Protokoll)");
    REQUIRE(parents.size() == 1);
    CHECK(parents[0].find("/Count 2") != std::string::npos);
    auto info = "\n" + run({"pdfinfo", "-isodates", r.path}).out;
    INFO(info);
    auto has = [&](const std::string& key, const std::string& value) {
        return std::regex_search(info, std::regex("\n" + key + ":\\s+" + value + "\n"));
    };
    CHECK(has("Title", "Protokoll Sociala vård och omsorgsgruppen 2023-02-24"));
    CHECK(has("Author", "Region Jämtland Härjedalen"));
    CHECK(has("Subject", "Sociala vård och omsorgsgruppen"));
    CHECK(has("Creator", "kansli"));
    CHECK(has("CreationDate", "2023-02-24T13:00:00Z"));
    CHECK(has("ModDate", "2023-02-24T13:00:00Z"));
    auto meta = run({"pdfinfo", "-meta", r.path}).out;
    CHECK(meta.find("<dc:language><rdf:Bag><rdf:li>sv-SE</rdf:li>") != std::string::npos);
    CHECK(meta.find("<xmp:CreateDate>2023-02-24T13:00:00Z</xmp:CreateDate>") != std::string::npos);
    auto qdf = test::qdf_text(r.path);
    CHECK(qdf.find("/Lang (sv-SE)") != std::string::npos);
    CHECK(std::regex_search(qdf, std::regex("/DisplayDocTitle true")));
    CHECK(qdf.find("/URI (https://www.regionjh.se)") != std::string::npos);
}

TEST_CASE("render: same PageSet ⇒ same bytes, in any time zone; /ID follows content") {
    auto ps = test::sample_pageset();
    const char* old_tz = std::getenv("TZ");
    std::string saved = old_tz ? old_tz : "";
    ::setenv("TZ", "UTC", 1);
    ::tzset();
    auto a = render::render_pdf(ps);
    ::setenv("TZ", "Pacific/Auckland", 1);
    ::tzset();
    auto b = render::render_pdf(ps);
    if (old_tz)
        ::setenv("TZ", saved.c_str(), 1);
    else
        ::unsetenv("TZ");
    ::tzset();
    CHECK(a == b);
    ps.meta.title += " (ändrad)";
    auto c = render::render_pdf(ps);
    std::string sa(a.begin(), a.end()), sc(c.begin(), c.end());
    std::smatch ma, mc;
    REQUIRE(std::regex_search(sa, ma, std::regex("/ID ?\\[ ?<([0-9A-F]{32})>")));
    REQUIRE(std::regex_search(sc, mc, std::regex("/ID ?\\[ ?<([0-9A-F]{32})>")));
    CHECK(ma[1] != mc[1]);
}

TEST_CASE("render: PNG and JPEG images become image XObjects, each file embedded once") {
    auto ps = test::sample_pageset(false);
    using layout::Image;
    ps.pages[0].ops.push_back(
        Image{core::pt(400), core::pt(600), core::pt(100), core::pt(50), test::data("render/flag.png"), "", {}});
    ps.pages[0].ops.push_back(
        Image{core::pt(400), core::pt(500), core::pt(42), core::pt(59), test::data("render/photo.jpg"), "", {}});
    ps.pages[1].ops.push_back(
        Image{core::pt(300), core::pt(100), core::pt(20), core::pt(10), test::data("render/flag.png"), "", {}});
    auto r = render_sample(ps, "images");
    CHECK(run({"qpdf", "--check", r.path}).exit_code == 0);
    auto list = run({"pdfimages", "-list", r.path}).out;
    INFO(list);
    // page num type width height color comp bpc enc interp objectID …
    CHECK(std::regex_search(list, std::regex("\\n +1 +\\d+ image +4 +2 +rgb +3 +8 +image")));
    CHECK(std::regex_search(list, std::regex("\\n +1 +\\d+ image +42 +59 +rgb +3 +8 +jpeg")));
    CHECK(std::regex_search(list, std::regex("\\n +2 +\\d+ image +4 +2 +rgb")));
    // The flag on both pages is the same object.
    std::smatch a, b;
    REQUIRE(std::regex_search(list, a, std::regex("\\n +1 +\\d+ image +4 +2 +rgb +3 +8 +image +no +(\\d+)")));
    REQUIRE(std::regex_search(list, b, std::regex("\\n +2 +\\d+ image +4 +2 +rgb +3 +8 +image +no +(\\d+)")));
    CHECK(a[1] == b[1]);
}

TEST_CASE("render: glyph codes with a delimiter, backslash, CR or LF byte are escaped and read back") {
    // LiberationSans (Mac glyph order): E = 0x0028 '(', F = 0x0029 ')', y = 0x005C '\',
    // * = 0x000D CR, ' = 0x000A LF.
    layout::PageSet ps = test::sample_pageset(false);
    ps.pages.resize(1);
    ps.pages[0].ops.clear();
    ps.signing_order.clear();
    ps.outline.clear();
    ps.pages[0].ops.push_back(test::text_run(core::pt(72), core::pt(700), 0, 12, "Every Fy* 'x'"));
    auto r = render_sample(ps, "escapes");
    // The content as written (qpdf --qdf would normalise every string to hex).
    const auto raw = run({"qpdf", "--object-streams=disable", "--stream-data=uncompress", r.path, "-"}).out;
    for (const char* escaped : {"\\(", "\\)", "\\\\", "\\r", "\\n"}) {
        INFO(escaped);
        const bool found = raw.find(std::string(1, '\0') + escaped) != std::string::npos;
        CHECK(found);
    }
    auto text = page_text(r.path, 1);
    INFO(text);
    CHECK(text.find("Every Fy* 'x'") != std::string::npos);
    auto check = run({"qpdf", "--check", r.path});
    CHECK(check.exit_code == 0);
}
