// Hand-made page sets for render tests (until layout/compose lands, and independent of it).
#pragma once

#include "layout/pageset.hpp"

#include "support/tools.hpp"

#include <fstream>
#include <string>
#include <vector>

namespace kansli::test {

inline const std::string kSwedish = "å ä ö Å Ä Ö § – “ ”";
inline const std::string kFontDir = "/usr/share/fonts/truetype/liberation2/";

using namespace kansli::layout;  // NOLINT: test helper header
using core::pt;

inline std::u32string u32(const std::string& s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
        char32_t cp = n == 0 ? c : c & (0x3f >> n);
        for (int k = 1; k <= n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
        out += cp;
        i += static_cast<std::size_t>(n) + 1;
    }
    return out;
}

inline TextRun text_run(Length x, Length y, FontId f, double size, const std::string& text) {
    TextRun t;
    t.x = x;
    t.y = y;
    t.font = f;
    t.size = pt(size);
    t.text = u32(text);
    return t;
}

inline PageSet sample_pageset(bool with_image = true) {
    PageSet ps;
    ps.fonts = {{"LiberationSans", kFontDir + "LiberationSans-Regular.ttf"},
                {"LiberationSans-Bold", kFontDir + "LiberationSans-Bold.ttf"}};
    ps.meta.title = "Protokoll Sociala vård och omsorgsgruppen 2023-02-24";
    ps.meta.author = "Region Jämtland Härjedalen";
    ps.meta.subject = "Sociala vård och omsorgsgruppen";
    ps.meta.keywords = "protokoll, SVOM";
    ps.meta.created = core::Instant{1677243600};  // 2023-02-24T13:00:00Z

    Page p1;
    p1.ops.push_back(text_run(pt(72), pt(770), 1, 16, "Protokoll § 1–3"));
    p1.ops.push_back(text_run(pt(72), pt(740), 0, 12, "Svenska tecken: " + kSwedish));
    // Kerned pairs: A-V, V-A, T-a, W-å; the word space is a real glyph.
    TextRun k = text_run(pt(72), pt(710), 0, 12, "AVATAR Tavla Wåg");
    k.kern.assign(k.text.size(), 0);
    k.kern[0] = -888;   // A|V
    k.kern[1] = -888;   // V|A
    k.kern[2] = -888;   // A|T
    k.kern[7] = -444;   // T|a
    k.kern[13] = -240;  // W|å
    p1.ops.push_back(k);
    TextRun c = text_run(pt(72), pt(690), 0, 10, "Röd text i Ärendelistan");
    c.color = {200, 0, 0};
    p1.ops.push_back(c);
    p1.ops.push_back(Rule{pt(72), pt(680), pt(523), pt(680), pt(0.5), {}});
    p1.ops.push_back(Box{pt(72), pt(600), pt(200), pt(60), pt(1), {0, 0, 0}, true, {230, 230, 230}});
    p1.ops.push_back(text_run(pt(80), pt(640), 0, 9, "Justerandes sign"));
    p1.ops.push_back(text_run(pt(72), pt(570), 0, 10, "https://www.regionjh.se"));
    p1.ops.push_back(Link{pt(72), pt(567), pt(110), pt(12), "https://www.regionjh.se"});
    if (with_image) p1.ops.push_back(Image{pt(400), pt(600), pt(100), pt(50), data("render/flag.png"), "flagga", {}});
    ps.pages.push_back(p1);

    Page p2;
    p2.ops.push_back(text_run(pt(72), pt(770), 1, 14, "Underskrifter"));
    const char* roles[][3] = {{"Sekreterare", "sekreterare", "Anna Andersson"},
                              {"Justerare", "justerare", "Örjan Östlund"},
                              {"Ordförande", "ordförande", "Åsa Åberg"}};
    Length y = pt(700);
    for (auto& r : roles) {
        p2.ops.push_back(SigSlot{pt(72), y, pt(200), pt(40), r[0], r[1], r[2]});
        p2.ops.push_back(Rule{pt(72), y, pt(272), y, pt(0.5), {}});
        p2.ops.push_back(text_run(pt(72), y - pt(12), 0, 9, std::string(r[0]) + ": " + r[2]));
        y -= pt(80);
    }
    ps.pages.push_back(p2);
    ps.signing_order = {"Sekreterare", "Justerare", "Ordförande"};
    ps.outline = {{"Protokoll", 0, 0, pt(790)},
                  {"§ 1 Mötets öppnande", 1, 0, pt(740)},
                  {"§ 2 Val av justerare", 1, 0, pt(710)},
                  {"Underskrifter", 0, 1, pt(790)}};
    return ps;
}

inline std::string save(const std::string& dir, const std::string& name, const std::vector<std::uint8_t>& bytes) {
    std::string path = dir + "/" + name;
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    return path;
}

inline std::string qdf_text(const std::string& pdf_path) {
    auto r = run({"qpdf", "--qdf", "--object-streams=disable", pdf_path, "-"});
    return r.out;
}

}  // namespace kansli::test
