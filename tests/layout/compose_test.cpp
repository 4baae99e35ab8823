// The documents: goldens of the real examples plus structural assertions (footer on every
// page, §§ on new pages, text inside the margins, no overlaps, all source text in reading order).
#include "layout/compose.hpp"
#include "layout/blocks.hpp"
#include "layout/dump.hpp"
#include "layout/example_loader.hpp"
#include "layout/text.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace kansli;

namespace {

constexpr core::Instant kCreated{1677240000};  // 2023-02-24T12:00:00Z, pinned

test::LayoutKit& kit() {
    static test::LayoutKit k;  // loading fonts once keeps the suite fast; tests never mutate it
    return k;
}

layout::PageSet compose_example(const std::string& rel) {
    const model::Document doc = test::load_example(test::source("templates/examples/" + rel));
    return layout::compose(doc, kit().style, kit().fonts, &kit().hyphenator, kCreated);
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void check_golden(const std::string& name, const std::string& actual) {
    const std::string path = test::data("layout/golden/" + name + ".layout.txt");
    const char* update = std::getenv("UPDATE_GOLDEN");
    if (update && std::string(update) == "1") {
        std::ofstream(path, std::ios::binary) << actual;
        WARN("updated " << path);
        return;
    }
    CHECK(actual.size() < 20 * 1024);
    const std::string expected = read_text(path);
    INFO("golden " << path << " differs; review the change and run with UPDATE_GOLDEN=1");
    CHECK(expected == actual);
}

std::vector<const layout::TextRun*> texts(const layout::Page& p) {
    std::vector<const layout::TextRun*> out;
    for (const auto& op : p.ops)
        if (const auto* t = std::get_if<layout::TextRun>(&op)) out.push_back(t);
    return out;
}

/// Letters and digits only: spacing, hyphenation and line breaks do not matter.
std::u32string squeeze(const std::u32string& s) {
    std::u32string out;
    for (char32_t c : s)
        if (c != U' ' && c != U'-' && c != U'\u00ad' && c != U'\n' && c != U'\u2013' && c != U'\u00a0') out += c;
    return out;
}

/// All text of the document in reading order: page by page, top to bottom, left to right.
std::u32string reading_order(const layout::PageSet& ps) {
    std::u32string out;
    for (const auto& page : ps.pages) {
        auto runs = texts(page);
        std::stable_sort(runs.begin(), runs.end(), [](const auto* a, const auto* b) {
            if (a->y != b->y) return a->y > b->y;
            return a->x < b->x;
        });
        for (const auto* r : runs) out += r->text;
    }
    return squeeze(out);
}

void collect(const model::Blocks& blocks, std::vector<std::string>& out) {
    for (const auto& b : blocks) {
        switch (b.kind) {
            case model::Block::Kind::Paragraph:
            case model::Block::Kind::Subheading: {
                std::string text;
                for (const auto& in : b.inlines)  // footnote marks are drawn as superscripts
                    if (in.kind != model::Inline::Kind::FootnoteRef)
                        text += in.kind == model::Inline::Kind::LineBreak ? " " : in.text;
                out.push_back(text);
                break;
            }
            case model::Block::Kind::List:
                for (const auto& it : b.items) collect(it.blocks, out);
                break;
            default: break;  // tables: cells are read row by row across columns; checked separately
        }
    }
}

/// Checks that the texts appear in this order in `haystack`; returns the first missing one.
std::string first_missing(const std::u32string& haystack, const std::vector<std::string>& needles) {
    std::size_t at = 0;
    for (const auto& n : needles) {
        const std::u32string s = squeeze(layout::to_u32(n));
        if (s.empty()) continue;
        const auto found = haystack.find(s, at);
        if (found == std::u32string::npos) return n;
        at = found + s.size();
    }
    return {};
}

void check_geometry(const layout::PageSet& ps, const layout::Style& st) {
    for (std::size_t i = 0; i < ps.pages.size(); ++i) {
        INFO("page " << i + 1);
        const auto runs = texts(ps.pages[i]);
        for (const auto* r : runs) {
            INFO(layout::to_utf8(r->text));
            CHECK(r->x >= st.text_left() - core::pt(0.01));
            CHECK(r->x + r->width <= st.text_right() + core::pt(0.01));
            CHECK(r->y >= st.page.margin_bottom);
            CHECK(r->y <= st.page.height - st.page.margin_top);
        }
        for (std::size_t a = 0; a < runs.size(); ++a)
            for (std::size_t b = a + 1; b < runs.size(); ++b) {
                const auto* p = runs[a];
                const auto* q = runs[b];
                const bool x_overlap = p->x < q->x + q->width && q->x < p->x + p->width;
                const bool y_overlap =
                    p->y - p->size / 5 < q->y + q->size * 7 / 10 && q->y - q->size / 5 < p->y + p->size * 7 / 10;
                if (x_overlap && y_overlap)
                    FAIL_CHECK("overlap: \"" << layout::to_utf8(p->text) << "\" and \"" << layout::to_utf8(q->text)
                                             << "\"");
            }
    }
}

}  // namespace

TEST_CASE("protokoll: golden dump of the seed protocol") {
    const layout::PageSet ps = compose_example("protokoll-2023-02-24.xml");
    // Page 1 in full, and §10 (the reference rendition's page 13).
    int p10 = -1;
    for (const auto& o : ps.outline)
        if (o.title.rfind("§10 ", 0) == 0) p10 = o.page;
    REQUIRE(p10 > 0);
    check_golden("protokoll-2023-02-24", layout::dump(ps, {0, p10}));
}

TEST_CASE("protokoll: page furniture, §§ on new pages, margins, overlaps, reading order") {
    const model::Document doc = test::load_example(test::source("templates/examples/protokoll-2023-02-24.xml"));
    const auto& p = std::get<model::Protokoll>(doc.body);
    const layout::Style& st = kit().style;
    const layout::PageSet ps = layout::compose(doc, st, kit().fonts, &kit().hyphenator, kCreated);
    REQUIRE(ps.pages.size() >= p.paragraphs.size() + 2);
    const std::string total = std::to_string(ps.pages.size());

    for (std::size_t i = 0; i < ps.pages.size(); ++i) {
        INFO("page " << i + 1);
        int boxes = 0;
        bool number = false, sign_label = false, bestyrk = false;
        for (const auto& op : ps.pages[i].ops) {
            if (const auto* b = std::get_if<layout::Box>(&op);
                b && b->y == st.page.margin_bottom && b->h == st.page.footer_box_height)
                ++boxes;
            if (const auto* t = std::get_if<layout::TextRun>(&op)) {
                const std::string s = layout::to_utf8(t->text);
                number = number || s == std::to_string(i + 1) + " / " + total;
                sign_label = sign_label || s == "Justerandes sign";
                bestyrk = bestyrk || s == "Utdragsbestyrkande";
            }
        }
        CHECK(boxes == 2);
        CHECK(number);
        CHECK(sign_label);
        CHECK(bestyrk);
    }

    // Every § starts a page: its "§N" heading is the first body text there.
    const layout::Length body_top = st.page.height - st.page.margin_top - st.page.header_height;
    for (const auto& par : p.paragraphs) {
        const std::u32string heading = layout::to_u32("§" + std::to_string(par.number));
        int found = 0;
        for (const auto& page : ps.pages) {
            const layout::TextRun* top = nullptr;
            for (const auto* t : texts(page))
                if (t->y < body_top && (!top || t->y > top->y)) top = t;
            if (top && top->text == heading && top->size == st.sizes.heading_number) ++found;
        }
        INFO("§" << par.number);
        CHECK(found == 1);
    }

    check_geometry(ps, st);

    // Every text of the source appears, in reading order.
    std::vector<std::string> needles;
    for (const auto& m : p.attendance.members) needles.push_back(m.name);
    for (const auto& o : p.attendance.others) needles.push_back(o.name);
    for (const auto& par : p.paragraphs) needles.push_back(par.title);
    for (const auto& par : p.paragraphs) {
        needles.push_back(par.title);
        collect(par.summary, needles);
        collect(par.proposal, needles);
        for (const auto& m : par.motions) collect(m.text, needles);
        collect(par.proposition, needles);
        collect(par.decision, needles);
        for (const auto& a : par.attachments) needles.push_back(a.title);
    }
    CHECK(first_missing(reading_order(ps), needles).empty());

    // Signature slots on page 1 in the source's signing order, each exactly at its line.
    CHECK(ps.signing_order == std::vector<std::string>{"Sekreterare", "Justerare", "Ordförande"});
    int slots = 0;
    for (const auto& op : ps.pages[0].ops)
        if (const auto* s = std::get_if<layout::SigSlot>(&op)) {
            ++slots;
            bool on_line = false;
            for (const auto& op2 : ps.pages[0].ops)
                if (const auto* r = std::get_if<layout::Rule>(&op2))
                    on_line = on_line || (r->y1 == s->y && r->x1 == s->x && r->x2 == s->x + s->w);
            CHECK(on_line);
        }
    CHECK(slots == 3);
    CHECK(ps.meta.title == "Protokoll Sociala vård och omsorgsgruppen 2023-02-24");
    CHECK(ps.meta.created == kCreated);
}

TEST_CASE("protokoll: the same input gives the same layout") {
    const std::string a = layout::dump(compose_example("protokoll-2023-02-24.xml"), {0, 1, 2, 3});
    const std::string b = layout::dump(compose_example("protokoll-2023-02-24.xml"), {0, 1, 2, 3});
    CHECK(a == b);
}

TEST_CASE("kallelse: golden, agenda outline and appended beslutsunderlag in agenda order") {
    const model::Document doc = test::load_example(test::source("templates/examples/kallelse-2022-12-02.xml"));
    const auto& k = std::get<model::Kallelse>(doc.body);
    const layout::PageSet ps = layout::compose(doc, kit().style, kit().fonts, &kit().hyphenator, kCreated);
    check_golden("kallelse-2022-12-02", layout::dump(ps, {0}));
    check_geometry(ps, kit().style);
    std::vector<std::string> files, titles, needles;
    for (const auto& e : k.agenda)
        if (const auto* item = std::get_if<model::AgendaItem>(&e.entry)) {
            titles.push_back(std::to_string(item->number) + ". " + item->title);
            needles.push_back(item->title);
            collect(item->description, needles);
            collect(item->proposal, needles);
            for (const auto& a : item->attachments) {
                needles.push_back(a.title);
                if (!a.file.empty()) files.push_back(doc.base_dir + "/" + a.file);
            }
        }
    std::vector<std::string> appended, outline;
    for (const auto& a : ps.appended) appended.push_back(a.path);
    for (const auto& o : ps.outline) outline.push_back(o.title);
    CHECK(appended == files);
    CHECK(outline == titles);
    CHECK(first_missing(reading_order(ps), needles).empty());
}

TEST_CASE("avtal: golden, a slot per party, footnotes on the page of their reference") {
    const model::Document doc = test::load_example(test::source("templates/examples/overenskommelse-2025.xml"));
    const auto& a = std::get<model::Avtal>(doc.body);
    const layout::PageSet ps = layout::compose(doc, kit().style, kit().fonts, &kit().hyphenator, kCreated);
    check_golden("overenskommelse-2025", layout::dump(ps, {0, static_cast<int>(ps.pages.size()) - 1}));
    check_geometry(ps, kit().style);
    std::vector<std::string> expected;
    for (const auto& s : a.signatures) expected.push_back("Part " + s.party_ref);
    // The parties of an agreement sign independently: no order is imposed.
    CHECK(ps.signing_order.empty());
    std::vector<std::string> slots;
    for (const auto& op : ps.pages.back().ops)
        if (const auto* s = std::get_if<layout::SigSlot>(&op)) slots.push_back(s->field_name);
    CHECK(slots == expected);
    // Footnote n: the page with the mark in running text also holds the note, below the text.
    for (std::size_t n = 1; n <= a.footnotes.size(); ++n) {
        const std::u32string mark = layout::superscript(static_cast<int>(n));
        int pages_with_note = 0;
        for (const auto& page : ps.pages) {
            const layout::TextRun* note = nullptr;
            const layout::TextRun* ref = nullptr;
            for (const auto* t : texts(page)) {
                if (t->text.rfind(mark + U" ", 0) == 0 && t->size == kit().style.sizes.footnote)
                    note = t;
                else if (t->text.find(mark) != std::u32string::npos && t->size == kit().style.sizes.body)
                    ref = t;
            }
            if (note) {
                ++pages_with_note;
                REQUIRE(ref);
                CHECK(note->y < ref->y);
            }
        }
        INFO("footnote " << n);
        CHECK(pages_with_note == 1);
    }
}

TEST_CASE("minimal and degenerate documents still lay out with page furniture") {
    model::Document d;
    d.body = model::Protokoll{};
    const layout::PageSet p = layout::compose(d, kit().style, kit().fonts, &kit().hyphenator, kCreated);
    CHECK(p.pages.size() == 2);  // page 1 and the (empty) ärendelista
    CHECK(p.signing_order.empty());
    d.body = model::Kallelse{};
    CHECK(layout::compose(d, kit().style, kit().fonts, nullptr, kCreated).pages.size() == 1);
    model::Avtal a;
    a.title = std::string(3000, 'W');  // one unbreakable word far wider than the measure
    model::Block table;
    table.kind = model::Block::Kind::Table;
    model::TableRow row;
    model::TableCell cell;
    model::Block para;
    para.inlines.push_back(model::Inline{
        model::Inline::Kind::Text, model::InlineStyle::Regular, std::string(20000, 'a') + " slut", {}, 0, {}});
    for (int i = 0; i < 3; ++i) cell.blocks.push_back(para);
    row.cells = {cell, cell};
    table.rows = {row};
    a.sections.push_back(model::Section{"Avsnitt", true, {table}, {}, {}});
    d.body = a;
    const layout::PageSet ps = layout::compose(d, kit().style, kit().fonts, &kit().hyphenator, kCreated);
    CHECK(ps.pages.size() > 2);  // the tall row was split across pages
}
