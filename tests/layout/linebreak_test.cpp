// Tests of layout/linebreak.{hpp,cpp} and layout/text.{hpp,cpp}: properties over the seed texts,
// behaviour of the paragraph API, and a readable golden dump (tests/data/layout/text/).
#include "font_fixture.hpp"
#include "layout/linebreak.hpp"
#include "layout/text.hpp"

#include "core/files.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

using namespace kansli;
using namespace kansli::layout;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace linebreak_test {

namespace {
const FontSet& fonts() { return test::default_fonts(); }

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Paragraphs of a seed text: blocks separated by blank lines, lines joined with a space.
std::vector<std::u32string> seed_paragraphs(const std::string& file) {
    std::vector<std::u32string> out;
    std::istringstream in(slurp("/work/shared/seeds/" + file));
    std::string line, para;
    auto flush = [&] {
        if (!para.empty()) out.push_back(to_u32(para));
        para.clear();
    };
    while (std::getline(in, line)) {
        if (line.find_first_not_of(" \t\r\f") == std::string::npos) {
            flush();
        } else {
            para += (para.empty() ? "" : " ") + line;
        }
    }
    flush();
    return out;
}

std::vector<std::u32string> all_seed_paragraphs() {
    std::vector<std::u32string> all;
    for (const char* f : {"protokoll-svom-2023-02-24.txt", "kallelse-svom-2025-med-overenskommelse.txt",
                          "kallelse-svom-2022-12-02-med-handlingar.txt"}) {
        const auto p = seed_paragraphs(f);
        all.insert(all.end(), p.begin(), p.end());
    }
    return all;
}

bool is_space(char32_t c) { return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n' || c == 0x2028 || c < 0x20; }

// The visible characters of the input as the fonts will draw them (replacements applied).
std::u32string expected_visible(const std::vector<Span>& spans) {
    std::u32string out;
    for (const auto& s : spans) {
        for (const char32_t c : s.text) {
            if (is_space(c) || (c >= 0x7F && c < 0xA0) || c == 0xAD || c == 0x200B || c == 0x2029) continue;
            out += fonts().resolve(c, s.style).cp;
        }
    }
    return out;
}

std::u32string visible_of(const std::vector<Line>& lines) {
    std::u32string out;
    for (const auto& l : lines) {
        for (const auto& r : l.runs) {
            std::u32string t = r.text;
            if (r.hyphen_added) {
                REQUIRE(!t.empty());
                t.pop_back();
            }
            for (const char32_t c : t) {
                if (c != U' ') out += c;
            }
        }
    }
    return out;
}

void check_lines(const std::vector<Line>& lines, const ParagraphStyle& st) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& l = lines[i];
        for (const auto& r : l.runs) {
            REQUIRE(r.kern.size() == r.text.size());
            core::Length w = 0;
            for (std::size_t k = 0; k < r.text.size(); ++k) {
                const auto& f = fonts().face(r.font);
                w += f.scale(f.advance(r.text[k]), r.size) + r.kern[k];
                CHECK(f.has_glyph(r.text[k]));
            }
            CHECK(w == r.width);
            CHECK(r.x >= (i == 0 ? std::min<core::Length>(0, st.first_line_indent) : 0));
            // No overfull line, ever (1 unit of rounding allowed for centred lines).
            CHECK(r.x + r.width <= st.width + 1);
        }
        CHECK(l.ascent > 0);
        CHECK(l.descent > 0);
    }
}

std::string fmt_len(core::Length l) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", core::to_pt(l));
    return buf;
}
}  // namespace

TEST_CASE("seed paragraphs: no overfull line, nothing dropped", "[linebreak][seeds]") {
    Hyphenator hyph;
    const auto paras = all_seed_paragraphs();
    REQUIRE(paras.size() > 300);
    for (const core::Length width : {core::pt(90), core::pt(200), core::mm(160)}) {
        for (const Alignment align : {Alignment::Left, Alignment::Justify, Alignment::Center}) {
            for (const bool optimal : {true, false}) {
                ParagraphStyle st;
                st.width = width;
                st.align = align;
                st.optimal = optimal;
                st.first_line_indent = align == Alignment::Justify ? core::pt(10) : 0;
                for (const auto& text : paras) {
                    const std::vector<Span> spans{Span{text}};
                    const auto lines = typeset_paragraph(spans, st, fonts(), &hyph);
                    INFO(to_utf8(text) << " width " << width << " align " << int(align) << " optimal " << optimal);
                    check_lines(lines, st);
                    CHECK(visible_of(lines) == expected_visible(spans));
                }
            }
        }
    }
}

TEST_CASE("total fit is optimal under its cost model: never worse than first fit", "[linebreak]") {
    // Synthetic atoms: words of the seed texts, each letter 5 pt, spaces 2.5 pt, a hyphenation
    // point in the middle of every word of 8+ letters (hyphen 3 pt).
    std::mt19937 rng(7);
    int compared = 0, strictly_better = 0;
    for (const auto& text : all_seed_paragraphs()) {
        AtomWidths w;
        std::vector<Breakpoint> points;
        w.width.push_back(0);
        std::uint32_t n = 0, word_start = 0;
        auto add_atom = [&](core::Length adv, bool space) {
            w.width.push_back(w.width.back() + adv);
            w.kern_after.push_back(0);
            (void)space;
            ++n;
        };
        for (std::size_t i = 0; i <= text.size(); ++i) {
            const bool end_of_word = i == text.size() || text[i] == U' ';
            if (end_of_word && n > word_start) {
                if (n - word_start >= 8) {
                    const std::uint32_t mid = word_start + (n - word_start) / 2;
                    Breakpoint b;
                    b.end = b.next = mid;
                    b.extra = core::pt(3);
                    b.hyphen = true;
                    b.penalty = 50 + static_cast<int>(rng() % 400);
                    points.push_back(b);
                }
            }
            if (i == text.size()) break;
            if (text[i] == U' ') {
                if (n == 0 || (!points.empty() && points.back().next == n)) continue;
                Breakpoint b;
                b.end = n;
                b.next = n + 1;
                points.push_back(b);
                add_atom(core::pt(2.5), true);
                word_start = n;
            } else {
                add_atom(core::pt(5), false);
            }
        }
        if (n == 0) continue;
        Breakpoint last;
        last.end = last.next = n;
        last.forced = true;
        points.push_back(last);
        w.stretch.assign(n + 1, 0);
        w.shrink.assign(n + 1, 0);
        for (const Alignment align : {Alignment::Left, Alignment::Justify}) {
            BreakParams p;
            p.align = align;
            p.width = p.first_width = core::pt(static_cast<double>(150 + rng() % 300));
            p.ragged_stretch = core::pt(30);
            if (align == Alignment::Justify) {  // spaces stretch by half and shrink by a third
                for (std::uint32_t k = 0; k < n; ++k) {
                    const bool space = w.width[k + 1] - w.width[k] == core::pt(2.5);
                    w.stretch[k + 1] = w.stretch[k] + (space ? core::pt(1.25) : 0);
                    w.shrink[k + 1] = w.shrink[k] + (space ? core::pt(0.833) : 0);
                }
            }
            const BreakResult opt = break_optimal(w, points, p);
            const BreakResult greedy = break_greedy(w, points, p);
            REQUIRE(!opt.breaks.empty());
            CHECK(opt.breaks.back() + 1 == points.size());
            CHECK(greedy.breaks.back() + 1 == points.size());
            CHECK(opt.demerits == Approx(demerits_of(w, points, p, opt.breaks)));
            CHECK(opt.demerits <= greedy.demerits * (1 + 1e-12));
            ++compared;
            strictly_better += opt.demerits < greedy.demerits ? 1 : 0;
        }
    }
    CHECK(compared > 500);
    CHECK(strictly_better > 50);
}

TEST_CASE("total fit hyphenates ragged text less than first fit", "[linebreak][seeds]") {
    Hyphenator hyph;
    int hyphens[2] = {0, 0};
    for (const auto& text : all_seed_paragraphs()) {
        for (const bool opt : {true, false}) {
            ParagraphStyle st;
            st.width = core::pt(200);
            st.optimal = opt;
            for (const auto& l : typeset_paragraph({Span{text}}, st, fonts(), &hyph))
                hyphens[opt ? 0 : 1] += l.hyphenated;
        }
    }
    CHECK(hyphens[0] > 0);
    CHECK(hyphens[0] * 2 < hyphens[1]);
}

TEST_CASE("Swedish characters and punctuation come back in the runs", "[linebreak]") {
    const std::u32string text = to_u32("å ä ö Å Ä Ö § – “citat” sammanträde");
    ParagraphStyle st;
    st.width = core::pt(400);
    const auto lines = typeset_paragraph({Span{text}}, st, fonts(), nullptr);
    REQUIRE(lines.size() == 1);
    REQUIRE(lines[0].runs.size() == 1);
    CHECK(lines[0].runs[0].text == text);
    CHECK(lines[0].runs[0].font == fonts().primary(FaceStyle::Regular));
    CHECK(lines[0].width == measure(text, FaceStyle::Regular, core::pt(10), fonts()));
}

TEST_CASE("kerning is carried in TextRun::kern", "[linebreak]") {
    ParagraphStyle st;
    st.width = core::pt(400);
    const auto lines = typeset_paragraph({Span{U"AVTe"}}, st, fonts(), nullptr);
    REQUIRE(lines.size() == 1);
    const auto& r = lines[0].runs.at(0);
    const auto& f = fonts().face(0);
    CHECK(r.kern[0] == f.scale(f.kerning(U'A', U'V'), r.size));
    CHECK(r.kern[0] < 0);
    CHECK(r.kern[2] == f.scale(f.kerning(U'T', U'e'), r.size));
    CHECK(r.kern[3] == 0);  // nothing after the last character
}

TEST_CASE("forced line breaks: newline and U+2028", "[linebreak]") {
    ParagraphStyle st;
    st.width = core::pt(400);
    const auto lines = typeset_paragraph({Span{U"första\nandra\u2028tredje \n"}}, st, fonts(), nullptr);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].runs.at(0).text == U"första");
    CHECK(lines[1].runs.at(0).text == U"andra");
    CHECK(lines[2].runs.at(0).text == U"tredje");
    const auto empty_line = typeset_paragraph({Span{U"a\n\nb"}}, st, fonts(), nullptr);
    REQUIRE(empty_line.size() == 3);
    CHECK(empty_line[1].runs.empty());
    CHECK(empty_line[1].ascent > 0);
    CHECK(typeset_paragraph({Span{U"   "}}, st, fonts(), nullptr).empty());
    CHECK(typeset_paragraph({}, st, fonts(), nullptr).empty());
}

TEST_CASE("runs split at font changes: styles and the fallback font", "[linebreak]") {
    ParagraphStyle st;
    st.width = core::pt(400);
    const std::vector<Span> spans{Span{U"Bock ✓ "}, Span{U"fet", FaceStyle::Bold}, Span{U" kursiv", FaceStyle::Italic}};
    const auto lines = typeset_paragraph(spans, st, fonts(), nullptr);
    REQUIRE(lines.size() == 1);
    const auto& runs = lines[0].runs;
    REQUIRE(runs.size() == 5);
    CHECK(runs[0].text == U"Bock ");
    CHECK(runs[1].text == U"✓");
    CHECK(runs[1].font == 4);  // DejaVu Sans
    CHECK(runs[2].text == U" ");
    CHECK(runs[3].text == U"fet");
    CHECK(runs[3].font == fonts().primary(FaceStyle::Bold));
    CHECK(runs[4].text == U" kursiv");
    CHECK(runs[4].font == fonts().primary(FaceStyle::Italic));
    for (std::size_t i = 1; i < runs.size(); ++i) CHECK(runs[i].x == runs[i - 1].x + runs[i - 1].width);
}

TEST_CASE("a character no font has becomes U+FFFD with a located warning", "[linebreak]") {
    ParagraphStyle st;
    st.width = core::pt(400);
    core::DiagSink diags;
    Span s{U"möte 中 中"};
    s.loc = core::SourceLoc{"protokoll.xml", 12, 5};
    const auto lines = typeset_paragraph({s}, st, fonts(), nullptr, &diags);
    REQUIRE(lines.size() == 1);
    std::u32string all;
    for (const auto& r : lines[0].runs) all += r.text;
    CHECK(all == U"möte \uFFFD \uFFFD");
    REQUIRE(diags.diagnostics().size() == 1);  // one warning per character, not per occurrence
    const auto& d = diags.diagnostics()[0];
    CHECK(d.severity == core::Severity::Warning);
    CHECK(d.loc.line == 12);
    CHECK(d.message.find("U+4E2D") != std::string::npos);
}

TEST_CASE("alignment and indent place the runs", "[linebreak]") {
    const std::u32string text = U"Paragrafen är justerad";
    const core::Length w = measure(text, FaceStyle::Regular, core::pt(10), fonts());
    ParagraphStyle st;
    st.width = core::pt(300);
    st.align = Alignment::Right;
    CHECK(typeset_paragraph({Span{text}}, st, fonts(), nullptr)[0].runs[0].x == st.width - w);
    st.align = Alignment::Center;
    CHECK(typeset_paragraph({Span{text}}, st, fonts(), nullptr)[0].runs[0].x == (st.width - w) / 2);
    st.align = Alignment::Left;
    st.first_line_indent = core::pt(20);
    CHECK(typeset_paragraph({Span{text}}, st, fonts(), nullptr)[0].runs[0].x == core::pt(20));
}

TEST_CASE("justified lines fill the measure; the last line is ragged", "[linebreak]") {
    Hyphenator hyph;
    ParagraphStyle st;
    st.width = core::pt(180);
    st.align = Alignment::Justify;
    const auto paras = seed_paragraphs("protokoll-svom-2023-02-24.txt");
    int checked = 0;
    for (const auto& text : paras) {
        const auto lines = typeset_paragraph({Span{text}}, st, fonts(), &hyph);
        for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
            bool has_space = false;
            for (const auto& r : lines[i].runs) has_space |= r.text.find(U' ') != std::u32string::npos;
            if (!has_space || lines[i].emergency) continue;
            CHECK(lines[i].width == st.width);
            ++checked;
        }
        if (!lines.empty()) CHECK(lines.back().width <= st.width);
    }
    CHECK(checked > 100);
}

TEST_CASE("hyphenation inserts a marked hyphen; no_hyphenate and names prevent it", "[linebreak]") {
    Hyphenator hyph;
    ParagraphStyle st;
    st.width = core::pt(75);
    const std::u32string text = U"utdragsbestyrkande sammanträdesdatum samverkansavtal";
    const auto lines = typeset_paragraph({Span{text}}, st, fonts(), &hyph);
    bool any = false;
    for (const auto& l : lines) {
        if (!l.hyphenated) continue;
        any = true;
        CHECK(l.runs.back().hyphen_added);
        CHECK(l.runs.back().text.back() == U'-');
        CHECK_FALSE(l.emergency);
    }
    CHECK(any);
    Span s{text};
    s.no_hyphenate = true;
    for (const auto& l : typeset_paragraph({s}, st, fonts(), &hyph)) CHECK_FALSE(l.hyphenated);
    st.hyphenate = false;
    for (const auto& l : typeset_paragraph({Span{text}}, st, fonts(), &hyph)) CHECK_FALSE(l.hyphenated);
    st.hyphenate = true;
    for (const auto& l : typeset_paragraph({Span{U"Gützkow Lundström Berkestedt Liljefjäll"}}, st, fonts(), &hyph)) {
        CHECK_FALSE(l.hyphenated);
    }
}

TEST_CASE("a word wider than the line is broken by letters, flagged", "[linebreak]") {
    ParagraphStyle st;
    st.width = core::pt(60);
    const std::u32string url = U"https://www.regionjh.se/sammantradenochprotokoll";
    const auto lines = typeset_paragraph({Span{U"Se " + url + U" nu"}}, st, fonts(), nullptr);
    REQUIRE(lines.size() > 2);
    int emergency = 0;
    for (const auto& l : lines) emergency += l.emergency ? 1 : 0;
    CHECK(emergency > 0);
    check_lines(lines, st);
}

TEST_CASE("links get areas relative to the line", "[linebreak]") {
    ParagraphStyle st;
    st.width = core::pt(400);
    Span link{U"regionjh.se"};
    link.link = "https://www.regionjh.se";
    const auto lines = typeset_paragraph({Span{U"Se "}, link, Span{U" idag"}}, st, fonts(), nullptr);
    REQUIRE(lines.size() == 1);
    REQUIRE(lines[0].links.size() == 1);
    const auto& l = lines[0].links[0];
    CHECK(l.uri == "https://www.regionjh.se");
    CHECK(l.x == measure(U"Se ", FaceStyle::Regular, core::pt(10), fonts()));
    CHECK(l.w == measure(U"regionjh.se", FaceStyle::Regular, core::pt(10), fonts()));
    CHECK(l.y < 0);
    CHECK(l.h > 0);
}

TEST_CASE("hostile text never crashes and never overflows", "[linebreak]") {
    Hyphenator hyph;
    std::mt19937 rng(20230224);  // fixed seed: deterministic
    const std::u32string alphabet = U"aeiouåäöxyz AÖ-–\n\u2028\u00AD\u200B\u00A0\t§.,/中✓\U0001F600\x01\x7F";
    for (int round = 0; round < 300; ++round) {
        std::u32string text;
        const int len = static_cast<int>(rng() % 200);
        for (int i = 0; i < len; ++i) text += alphabet[rng() % alphabet.size()];
        ParagraphStyle st;
        st.width = core::pt(static_cast<double>(20 + rng() % 200));  // narrower: a glyph and a hyphen may not fit
        st.align = static_cast<Alignment>(rng() % 5);
        const std::vector<Span> spans{Span{text, static_cast<FaceStyle>(rng() % 4)}};
        const auto lines = typeset_paragraph(spans, st, fonts(), &hyph);
        INFO(to_utf8(text));
        for (const auto& l : lines) {
            for (const auto& r : l.runs) {
                // A single glyph wider than the measure is the only allowed overflow.
                if (r.text.size() > 1 || l.runs.size() > 1) {
                    std::string desc;
                    for (const auto& q : l.runs) desc += "[" + std::to_string(q.x) + " " + to_utf8(q.text) + "]";
                    INFO("line " << desc << " align " << int(st.align) << " face " << int(spans[0].style));
                    CHECK(r.x + r.width <= st.width + 1);
                }
            }
        }
        CHECK(visible_of(lines) == expected_visible(spans));
    }
}

TEST_CASE("same input, same lines", "[linebreak]") {
    Hyphenator a, b;
    ParagraphStyle st;
    st.width = core::pt(170);
    for (const auto& text : seed_paragraphs("kallelse-svom-2025-med-overenskommelse.txt")) {
        const auto x = typeset_paragraph({Span{text}}, st, fonts(), &a);
        const auto y = typeset_paragraph({Span{text}}, st, fonts(), &b);
        REQUIRE(x.size() == y.size());
        for (std::size_t i = 0; i < x.size(); ++i) {
            REQUIRE(x[i].runs.size() == y[i].runs.size());
            for (std::size_t k = 0; k < x[i].runs.size(); ++k) {
                CHECK(x[i].runs[k].text == y[i].runs[k].text);
                CHECK(x[i].runs[k].kern == y[i].runs[k].kern);
                CHECK(x[i].runs[k].x == y[i].runs[k].x);
            }
        }
    }
}

// A line as text with every position, kerning value and flag, for exact comparisons.
std::string describe(const std::vector<Line>& lines) {
    std::string out;
    for (const Line& l : lines) {
        out += "w" + std::to_string(l.width) + " a" + std::to_string(l.ascent) + " d" + std::to_string(l.descent) +
               (l.hyphenated ? " H" : "") + (l.emergency ? " E" : "") + ":";
        for (const TextRun& r : l.runs) {
            out += " [" + std::to_string(r.x) + " f" + std::to_string(r.font) + " " + to_utf8(r.text) + " w" +
                   std::to_string(r.width) + (r.hyphen_added ? " +-" : "");
            for (const auto k : r.kern) out += k == 0 ? "" : " " + std::to_string(k);
            out += "]";
        }
        out += "\n";
    }
    return out;
}

TEST_CASE("deferred hyphenation: the same lines as looking every word up", "[linebreak][seeds]") {
    // Hyphenation points are looked up only when a hyphen could win (text.cpp,
    // hyphenation_cannot_help). Compare with always looking them up, over the seed texts at
    // measures from very narrow (many hyphens, letter breaks) to the house measure, ragged and
    // justified, with indents.
    int paragraphs = 0, hyphenated_lines = 0, skipped = 0;
    const auto texts = all_seed_paragraphs();
    for (const int width_pt : {453, 260, 170, 110, 75, 40}) {
        Hyphenator lazy, eager;  // fresh caches: a paragraph's look-ups show as cache growth
        for (const auto& text : texts) {
            for (const Alignment align : {Alignment::Left, Alignment::Justify}) {
                const std::size_t lazy_before = lazy.cache_size(), eager_before = eager.cache_size();
                ParagraphStyle st;
                st.width = core::pt(width_pt);
                st.align = align;
                st.first_line_indent = width_pt > 100 && paragraphs % 3 == 0 ? core::pt(-12) : core::pt(0);
                const auto a = typeset_paragraph({Span{text}}, st, fonts(), &lazy);
                st.defer_hyphenation = false;
                const auto b = typeset_paragraph({Span{text}}, st, fonts(), &eager);
                const std::string da = describe(a), db = describe(b);
                INFO("width " << width_pt << " pt, paragraph: " << to_utf8(text));
                REQUIRE(da == db);
                for (const auto& l : a) hyphenated_lines += l.hyphenated ? 1 : 0;
                skipped += lazy.cache_size() == lazy_before && eager.cache_size() > eager_before ? 1 : 0;
                ++paragraphs;
            }
        }
    }
    CHECK(paragraphs > 500);
    CHECK(hyphenated_lines > 100);  // the narrow measures do exercise the second pass
    CHECK(skipped > 100);           // and the wide ones avoid look-ups
}

TEST_CASE("the hyphenation dictionary is parsed only when a paragraph needs it", "[linebreak]") {
    Hyphenator h;
    ParagraphStyle st;
    st.width = core::pt(453);
    const std::vector<Span> para{Span{U"Protokollet justeras på tisdag av ordföranden och sekreteraren."}};
    CHECK(typeset_paragraph(para, st, fonts(), &h).size() == 1);
    CHECK_FALSE(h.loaded());  // one line: no hyphen can help
    CHECK(h.cache_size() == 0);
    st.width = core::pt(50);  // ragged enough that "ordfö-randen" and "sekre-teraren" break
    const auto lines = typeset_paragraph(para, st, fonts(), &h);
    CHECK(h.loaded());
    CHECK(h.cache_size() > 0);
    bool any_hyphen = false;
    for (const auto& l : lines) any_hyphen |= l.hyphenated;
    CHECK(any_hyphen);
}

TEST_CASE("UTF-8 conversion replaces invalid input", "[linebreak]") {
    CHECK(to_u32("åäö §") == U"åäö §");
    CHECK(to_u32("a\xff"
                 "b") == U"a\uFFFDb");
    CHECK(to_u32("\xc3") == U"\uFFFD");
    CHECK(to_u32("\xe0\x80\x80") == U"\uFFFD\uFFFD\uFFFD");  // overlong
    CHECK(to_utf8(U"“ö” \U0001F600") == "“ö” \U0001F600");
    CHECK(to_utf8(std::u32string(1, char32_t(0x110000))) == "\uFFFD");
}

namespace {
struct GoldenCase {
    std::string header;
    ParagraphStyle style;
    std::vector<Span> spans;
};

// Parses cases.txt (format described at its top).
std::vector<GoldenCase> golden_cases() {
    std::vector<GoldenCase> out;
    std::istringstream in(slurp(test::data("layout/text/cases.txt")));
    std::string line;
    GoldenCase* c = nullptr;
    core::Length size = core::pt(10);
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        if (line[0] == '@') {
            out.emplace_back();
            c = &out.back();
            c->header = line;
            size = core::pt(10);
            std::istringstream words(line.substr(1));
            std::string w;
            while (words >> w) {
                const auto eq = w.find('=');
                const std::string key = w.substr(0, eq), value = eq == std::string::npos ? "" : w.substr(eq + 1);
                if (key == "width") c->style.width = core::pt(std::stod(value));
                if (key == "indent") c->style.first_line_indent = core::pt(std::stod(value));
                if (key == "size") size = core::pt(std::stod(value));
                if (key == "greedy") c->style.optimal = false;
                if (key == "nohyphen") c->style.hyphenate = false;
                if (key == "align") {
                    c->style.align = value == "justify"  ? Alignment::Justify
                                     : value == "center" ? Alignment::Center
                                     : value == "right"  ? Alignment::Right
                                                         : Alignment::Left;
                }
            }
            continue;
        }
        REQUIRE(c != nullptr);
        FaceStyle face = FaceStyle::Regular;
        std::u32string text = to_u32(line);
        std::size_t i = 0;
        auto push = [&](std::u32string t) {
            if (!t.empty()) c->spans.push_back(Span{std::move(t), face, size});
        };
        std::u32string cur;
        while (i < text.size()) {
            if (text[i] == U'|') {
                cur += U'\n';
                ++i;
            } else if (text[i] == U'{') {
                const auto close = text.find(U'}', i);
                const std::u32string tag = text.substr(i + 1, close - i - 1);
                push(std::move(cur));
                cur.clear();
                face = tag == U"b"    ? FaceStyle::Bold
                       : tag == U"i"  ? FaceStyle::Italic
                       : tag == U"bi" ? FaceStyle::BoldItalic
                                      : FaceStyle::Regular;
                i = close + 1;
            } else {
                cur += text[i++];
            }
        }
        push(std::move(cur));
    }
    return out;
}

std::string dump(const GoldenCase& c, const std::vector<Line>& lines) {
    std::string out = c.header + "\n";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Line& l = lines[i];
        out += "  line " + std::to_string(i + 1) + " width " + fmt_len(l.width) + " ascent " + fmt_len(l.ascent) +
               " descent " + fmt_len(l.descent) + (l.hyphenated ? " hyphenated" : "") +
               (l.emergency ? " emergency" : "") + "\n";
        for (const auto& r : l.runs) {
            out += "    x " + fmt_len(r.x) + " font " + std::to_string(r.font) + " size " + fmt_len(r.size) +
                   " width " + fmt_len(r.width) + (r.hyphen_added ? " +hyphen" : "") + " |" + to_utf8(r.text) + "|\n";
        }
    }
    return out;
}
}  // namespace

TEST_CASE("golden dump of broken paragraphs", "[linebreak][golden]") {
    Hyphenator hyph;
    std::string actual;
    for (const auto& c : golden_cases()) {
        core::DiagSink diags;
        actual += dump(c, typeset_paragraph(c.spans, c.style, fonts(), &hyph, &diags));
        for (const auto& d : diags.diagnostics()) actual += "  " + core::format(d) + "\n";
        actual += "\n";
    }
    const std::string path = test::data("layout/text/golden.txt");
    const char* update = std::getenv("UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        core::write_file_atomic(path, actual);
        WARN("rewrote " << path);
    }
    REQUIRE(actual.size() < 20 * 1024);
    CHECK(actual == slurp(path));
}

}  // namespace linebreak_test
