// render/: PageSet → PDF, checked with tools we did not write (qpdf, pdffonts, pdftotext, pdfinfo).
#include "render/render.hpp"
#include "render/md5.hpp"
#include "render/nesting.hpp"

#include "core/diagnostic.hpp"
#include "render/sample.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <climits>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <regex>

using namespace kansli;
using test::run;

namespace {

struct Rendered {
    std::string dir;
    std::string path;
    core::Bytes bytes;
};

Rendered render_sample(const layout::PageSet& ps, const std::string& tag) {
    Rendered r;
    r.dir = test::temp_dir("render-" + tag);
    r.bytes = render::render_pdf(ps);
    r.path = test::save(r.dir, "out.pdf", r.bytes);
    return r;
}

std::string page_text(const std::string& pdf, int page) {
    auto p = std::to_string(page);
    return run({"pdftotext", "-enc", "UTF-8", "-f", p, "-l", p, pdf, "-"}).out;
}

// The dictionary (one object of a QDF dump) containing `needle`, for every such object.
std::vector<std::string> objects_with(const std::string& qdf, const std::string& needle) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while ((pos = qdf.find(needle, pos)) != std::string::npos) {
        auto begin = qdf.rfind(" obj\n", pos);
        auto end = qdf.find("endobj", pos);
        out.push_back(qdf.substr(begin, end - begin));
        pos = end;
    }
    return out;
}

int page_count(const std::string& pdf) {
    std::smatch m;
    auto info = run({"pdfinfo", pdf}).out;
    if (!std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)"))) return -1;
    return std::stoi(m[1]);
}

}  // namespace

TEST_CASE("render: qpdf --check finds no errors; PDF 1.7; classic xref only") {
    auto r = render_sample(test::sample_pageset(), "check");
    auto check = run({"qpdf", "--check", r.path});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(check.out.find("No syntax or stream encoding errors") != std::string::npos);
    CHECK(check.err.empty());
    std::string head(r.bytes.begin(), r.bytes.begin() + 8);
    CHECK(head == "%PDF-1.7");
    std::string all(r.bytes.begin(), r.bytes.end());
    CHECK(all.find("/ObjStm") == std::string::npos);
    CHECK(all.find("/XRef") == std::string::npos);
    CHECK(all.find("\nxref\n") != std::string::npos);
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
    REQUIRE(std::regex_search(qdf, m, std::regex("\\[<[0-9a-fA-F]{4}> 74 <[0-9a-fA-F]{4}> 74 <[0-9a-fA-F]{4}> 74 <[0-9a-fA-F]+> 37 <[0-9a-fA-F]+> 20 <[0-9a-fA-F]+>\\] TJ")));
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
    CHECK(std::regex_search(qdf, std::regex(
        "/KANS_SigningOrder \\[\\s*\\(Sekreterare\\)\\s*\\(Justerare\\)\\s*<feff004f00720064006600f600720061006e00640065>\\s*\\]")));
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
    if (old_tz) ::setenv("TZ", saved.c_str(), 1); else ::unsetenv("TZ");
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

TEST_CASE("render: errors name the file and carry the right exit code") {
    auto expect_error = [](const layout::PageSet& ps, core::ExitCode code, const std::string& path) {
        try {
            (void)render::render_pdf(ps);
            FAIL("expected core::Error");
        } catch (const core::Error& e) {
            CHECK(e.code() == code);
            REQUIRE(!e.diagnostics().empty());
            INFO(core::format(e.diagnostics().front()));
            CHECK(e.diagnostics().front().loc.file == path);
        }
    };
    SECTION("broken appended PDF → invalid input") {
        auto ps = test::sample_pageset();
        ps.appended.push_back({test::data("render/broken.pdf"), "Trasig", 0});
        expect_error(ps, core::ExitCode::Invalid, test::data("render/broken.pdf"));
    }
    SECTION("not a PDF at all → invalid input") {
        auto ps = test::sample_pageset();
        ps.appended.push_back({test::data("render/flag.png"), "Bild", 0});
        expect_error(ps, core::ExitCode::Invalid, test::data("render/flag.png"));
    }
    SECTION("missing appended PDF → I/O error") {
        auto ps = test::sample_pageset();
        ps.appended.push_back({"/nonexistent/bilaga.pdf", "Saknas", 0});
        expect_error(ps, core::ExitCode::Usage, "/nonexistent/bilaga.pdf");
    }
    SECTION("too large appended PDF → I/O error naming the limit") {
        auto ps = test::sample_pageset();
        ps.appended.push_back({test::data("render/bilaga.pdf"), "Stor", 0});
        try {
            (void)render::render_pdf(ps, render::RenderLimits{100, 1 << 20, 1 << 20});
            FAIL("expected core::Error");
        } catch (const core::Error& e) {
            CHECK(e.code() == core::ExitCode::Usage);
            CHECK(e.diagnostics().front().hint.find("100") != std::string::npos);
        }
    }
    SECTION("appended PDFs too large together → I/O error naming the limit") {
        auto ps = test::sample_pageset();
        ps.appended.push_back({test::data("render/bilaga.pdf"), "Ett", 0});
        ps.appended.push_back({test::data("render/bilaga.pdf"), "Två", 0});
        try {
            (void)render::render_pdf(ps, render::RenderLimits{1 << 20, 1500, 1 << 20});
            FAIL("expected core::Error");
        } catch (const core::Error& e) {
            CHECK(e.code() == core::ExitCode::Usage);
            CHECK(e.diagnostics().front().hint.find("1500") != std::string::npos);
        }
    }
    SECTION("missing font file → I/O error") {
        auto ps = test::sample_pageset();
        ps.fonts[1].path = "/nonexistent/Bold.ttf";
        expect_error(ps, core::ExitCode::Usage, "/nonexistent/Bold.ttf");
    }
    SECTION("image that is not PNG/JPEG → invalid input") {
        auto ps = test::sample_pageset(false);
        ps.pages[0].ops.push_back(layout::Image{0, 0, 1000, 1000, test::data("render/bilaga.pdf"), ""});
        expect_error(ps, core::ExitCode::Invalid, test::data("render/bilaga.pdf"));
    }
}

TEST_CASE("render: inconsistent page sets are refused, not drawn") {
    auto ps = test::sample_pageset();
    SECTION("font id out of range") {
        std::get<layout::TextRun>(ps.pages[0].ops[0]).font = 7;
    }
    SECTION("signing order names a missing field") {
        ps.signing_order.push_back("Part");
    }
    SECTION("duplicate field names") {
        ps.pages[1].ops.push_back(layout::SigSlot{0, 0, 1000, 1000, "Justerare", "justerare", ""});
    }
    SECTION("outline past the last page") {
        ps.outline.push_back({"Borta", 0, 9, 0});
    }
    SECTION("no pages") {
        ps.pages.clear();
    }
    try {
        (void)render::render_pdf(ps);
        FAIL("expected core::Error");
    } catch (const core::Error& e) {
        CHECK(e.code() == core::ExitCode::Invalid);
    }
}

TEST_CASE("md5: RFC 1321 test suite") {
    auto hex = [](const std::string& s) {
        auto d = render::md5(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
        std::string out;
        for (auto b : d) {
            out += "0123456789abcdef"[b >> 4];
            out += "0123456789abcdef"[b & 0xf];
        }
        return out;
    };
    CHECK(hex("") == "d41d8cd98f00b204e9800998ecf8427e");
    CHECK(hex("abc") == "900150983cd24fb0d6963f7d28e17f72");
    CHECK(hex("message digest") == "f96b697d7cb7938d525a2f31aaf161d0");
    CHECK(hex("12345678901234567890123456789012345678901234567890123456789012345678901234567890") ==
          "57edf4a22be3c955ac49da2e2107b67a");
    CHECK(hex(std::string(56, 'a')) == "3b0c8ac703f828b04c6c197006d17218");
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

TEST_CASE("render: PNG and JPEG images become image XObjects, each file embedded once") {
    auto ps = test::sample_pageset(false);
    using layout::Image;
    ps.pages[0].ops.push_back(Image{core::pt(400), core::pt(600), core::pt(100), core::pt(50), test::data("render/flag.png"), ""});
    ps.pages[0].ops.push_back(Image{core::pt(400), core::pt(500), core::pt(42), core::pt(59), test::data("render/photo.jpg"), ""});
    ps.pages[1].ops.push_back(Image{core::pt(300), core::pt(100), core::pt(20), core::pt(10), test::data("render/flag.png"), ""});
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

TEST_CASE("render: hostile text and geometry neither crash nor break the file") {
    auto ps = test::sample_pageset(false);
    layout::TextRun t;
    t.x = INT32_MIN;
    t.y = INT32_MAX;
    t.size = core::pt(10);
    t.text = {U'\0', U'\x01', static_cast<char32_t>(0xD800), U'\uFFFE', U'\uFFFF', U'\U0010FFFF', U'\U0001F600', U'\x7F', U'(', U')',
              U'\\', U'A', static_cast<char32_t>(0x7FFFFFFF)};
    t.kern = {INT32_MIN, INT32_MAX, -1, 1};  // shorter than the text
    ps.pages[0].ops.push_back(t);
    layout::TextRun tiny = t;
    tiny.size = 1;                          // 1/1000 pt: huge TJ numbers
    tiny.kern.assign(tiny.text.size() + 5, INT32_MAX);  // longer than the text
    ps.pages[0].ops.push_back(tiny);
    layout::TextRun zero = t;
    zero.size = 0;
    ps.pages[0].ops.push_back(zero);
    layout::TextRun negative = t;
    negative.size = -core::pt(12);
    ps.pages[0].ops.push_back(negative);
    ps.pages[0].ops.push_back(layout::Rule{INT32_MIN, INT32_MIN, INT32_MAX, INT32_MAX, -5, {}});
    ps.pages[0].ops.push_back(layout::Box{0, 0, -1000, -1000, INT32_MAX, {}, true, {255, 255, 255}});
    ps.pages[0].ops.push_back(layout::Link{0, 0, 0, 0, std::string("javascript:(alert)\\\n\r")});
    ps.meta.title = std::string("Titel med \0 nolla och )( parenteser", 35);
    ps.outline.push_back({"Djup", 99, 0, INT32_MAX});
    auto r = render_sample(ps, "hostile");
    auto check = run({"qpdf", "--check", r.path});
    INFO(check.out << check.err);
    CHECK(check.exit_code == 0);
    CHECK(run({"pdftotext", r.path, "/dev/null"}).exit_code == 0);
    CHECK(run({"pdffonts", r.path}).exit_code == 0);
}

TEST_CASE("render: a deeply nested appended PDF is refused at once, not parsed for minutes") {
    // A valid-looking PDF whose catalog holds 20000 nested dictionaries (PoDoFo 0.9.8 would
    // take minutes at 2000 levels and crash near 17000).
    auto dir = test::temp_dir("render-nested");
    std::string nested;
    for (int i = 0; i < 20000; ++i) nested += "<</A ";
    for (int i = 0; i < 20000; ++i) nested += ">>";
    std::string pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /X " + nested + " >>\nendobj\n"
                      "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n";
    std::string path = test::save(dir, "nested.pdf", core::Bytes(pdf.begin(), pdf.end()));
    auto ps = test::sample_pageset(false);
    ps.appended.push_back({path, "Djup", 0});
    auto t0 = std::chrono::steady_clock::now();
    try {
        (void)render::render_pdf(ps);
        FAIL("expected core::Error");
    } catch (const core::Error& e) {
        CHECK(e.code() == core::ExitCode::Invalid);
        CHECK(e.diagnostics().front().loc.file == path);
        CHECK(e.diagnostics().front().message.find("nested") != std::string::npos);
    }
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
}

TEST_CASE("render: the nesting pre-scan skips strings, comments and stream data") {
    // Brackets inside strings, comments and streams do not count; real structure does.
    CHECK(render::max_nesting("<< /A [ 1 2 ] >>", 10) == 2);
    CHECK(render::max_nesting("<< /A (((<<[[[) \\( ) /B <48656C6C6F> >>", 10) == 1);
    CHECK(render::max_nesting("% [[[[[[[[\n[ ]", 10) == 1);
    CHECK(render::max_nesting("<< /Length 6 >>\nstream\n[[[[[[\nendstream", 10) == 1);
    CHECK(render::max_nesting("[[[[[[[[[[[[", 5) == 6);  // stops once past the limit
}
