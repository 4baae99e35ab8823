// The flow engine on synthetic items: keeps (widows/orphans), glue, forced breaks, repeated
// table headers, footnotes at the foot, and last-resort splits of boxes taller than a page.
#include "layout/flow.hpp"

#include <catch2/catch.hpp>

using namespace kansli;
using layout::FlowItem;
using layout::ItemKind;

namespace {

constexpr layout::Length kTop = 1000000, kBottom = 0;

/// A box of `h` holding one text run (named by `tag`) at its top.
FlowItem line(layout::Length h, const std::u32string& tag, bool keep = false) {
    FlowItem it;
    it.height = h;
    it.keep_with_next = keep;
    layout::TextRun t;
    t.y = -h / 2;
    t.size = 1000;
    t.text = tag;
    it.ops.emplace_back(t);
    return it;
}

FlowItem special(ItemKind k, layout::Length h = 0) {
    FlowItem it;
    it.kind = k;
    it.height = h;
    return it;
}

std::vector<std::u32string> tags(const layout::Page& p) {
    std::vector<std::u32string> out;
    for (const auto& op : p.ops)
        if (const auto* t = std::get_if<layout::TextRun>(&op)) out.push_back(t->text);
    return out;
}

layout::FlowResult run(layout::FlowInput in) {
    const auto area = [](int) { return layout::BodyArea{kTop, kBottom}; };
    return layout::paginate(std::move(in), area, layout::FootnoteStyle{50000, 4000, 0, {}});
}

/// A paragraph of n lines with the keeps FlowBuilder::paragraph sets (two lines either side).
void paragraph(layout::FlowInput& in, int n, layout::Length h) {
    for (int k = 0; k < n; ++k)
        in.items.push_back(line(h, U"L" + std::u32string(1, static_cast<char32_t>(U'0' + k)),
                                (n <= 3 && k + 1 < n) || k == 0 || k + 2 == n));
}

}  // namespace

TEST_CASE("no orphan: a paragraph whose first two lines do not fit moves whole") {
    layout::FlowInput in;
    in.items.push_back(line(970000, U"filler"));
    paragraph(in, 5, 20000);
    const auto r = run(std::move(in));
    REQUIRE(r.pages.size() == 2);
    CHECK(tags(r.pages[0]) == std::vector<std::u32string>{U"filler"});
    CHECK(tags(r.pages[1]).size() == 5);
}

TEST_CASE("no widow: the break leaves at least two lines on each page") {
    for (layout::Length filler : {910000, 930000, 950000}) {
        layout::FlowInput in;
        in.items.push_back(line(filler, U"filler"));
        paragraph(in, 5, 20000);
        const auto r = run(std::move(in));
        REQUIRE(r.pages.size() == 2);
        INFO("filler " << filler);
        const auto first = tags(r.pages[0]).size() - 1;
        const auto second = tags(r.pages[1]).size();
        CHECK(first + second == 5);
        CHECK(first >= 2);
        CHECK(second >= 2);
    }
}

TEST_CASE("glue is dropped at a page top and forced breaks on an empty page are ignored") {
    layout::FlowInput in;
    in.items.push_back(special(ItemKind::PageBreak));
    in.items.push_back(line(990000, U"a"));
    in.items.push_back(special(ItemKind::Glue, 50000));
    in.items.push_back(line(20000, U"b"));
    in.items.push_back(special(ItemKind::PageBreak));
    in.items.push_back(special(ItemKind::PageBreak));
    in.items.push_back(line(20000, U"c"));
    const auto r = run(std::move(in));
    REQUIRE(r.pages.size() == 3);
    const auto& b = std::get<layout::TextRun>(r.pages[1].ops.front());
    CHECK(b.text == U"b");
    CHECK(b.y == kTop - 10000);  // at the very top: the glue before it was dropped
    CHECK(tags(r.pages[2]) == std::vector<std::u32string>{U"c"});
}

TEST_CASE("a table's header row repeats at the top of each page it continues on") {
    layout::FlowInput in;
    FlowItem header = line(30000, U"header", true);
    header.table = 0;
    header.table_header = true;
    in.table_headers.push_back(header);
    in.items.push_back(header);
    for (int i = 0; i < 10; ++i) {
        FlowItem row = line(200000, U"row");
        row.table = 0;
        in.items.push_back(row);
    }
    in.items.push_back(line(10000, U"after"));
    const auto r = run(std::move(in));
    REQUIRE(r.pages.size() == 3);
    for (const auto& p : r.pages) CHECK(tags(p).front() == U"header");
    CHECK(tags(r.pages[0]).size() == 5);
    CHECK(tags(r.pages[2]).back() == U"after");
}

TEST_CASE("a box taller than a page is split at its cuts; without cuts it is placed alone") {
    layout::FlowInput in;
    FlowItem tall;
    tall.height = 2500000;
    for (int i = 0; i < 25; ++i) {
        layout::TextRun t;
        t.y = -(i * 100000 + 50000);
        t.size = 1000;
        t.text = U"x";
        tall.ops.emplace_back(t);
        if (i > 0) tall.cuts.push_back(i * 100000);
    }
    in.items.push_back(line(300000, U"before"));
    in.items.push_back(tall);
    FlowItem huge = line(5000000, U"huge");  // no cuts: overflows its own page, but terminates
    in.items.push_back(huge);
    in.items.push_back(line(10000, U"end"));
    const auto r = run(std::move(in));
    std::size_t xs = 0;
    for (const auto& p : r.pages)
        for (const auto& t : tags(p)) xs += t == U"x";
    CHECK(xs == 25);
    CHECK(tags(r.pages[0]).size() == 8);  // "before" and 7 rows of the tall box
    for (const auto& p : r.pages)
        for (const auto& op : p.ops)
            if (const auto* t = std::get_if<layout::TextRun>(&op); t && t->text == U"x") {
                CHECK(t->y > kBottom);
                CHECK(t->y < kTop);
            }
    CHECK(tags(r.pages.back()) == std::vector<std::u32string>{U"end"});
}

TEST_CASE("footnotes go to the foot of the page of their reference, moving the reference if needed") {
    layout::FlowInput in;
    in.footnotes.push_back({line(10000, U"note1"), line(10000, U"note1b")});
    in.items.push_back(line(900000, U"filler"));
    FlowItem ref = line(20000, U"ref");
    ref.footnotes = {0};
    in.items.push_back(ref);               // 20000 + 20000 note + 8000 gaps fit in the 100000 left
    FlowItem ref2 = line(60000, U"ref2");  // 948000 used: does not fit
    ref2.footnotes = {0};                  // the same note again: once per page that refers to it
    in.items.push_back(ref2);
    const auto r = run(std::move(in));
    REQUIRE(r.pages.size() == 2);
    const auto t = tags(r.pages[0]);
    CHECK(t == std::vector<std::u32string>{U"filler", U"ref", U"note1", U"note1b"});
    CHECK(tags(r.pages[1]) == std::vector<std::u32string>{U"ref2", U"note1", U"note1b"});
    const auto* note = std::get_if<layout::TextRun>(&r.pages[0].ops.back());
    REQUIRE(note);
    CHECK(note->y < 20000);  // at the foot
}

TEST_CASE("bookmarks get the page and height of the box they are anchored at") {
    layout::FlowInput in;
    in.items.push_back(line(990000, U"a"));
    FlowItem b = line(20000, U"b");
    b.marks.push_back(layout::OutlineEntry{"B", 1, 0, 0});
    in.items.push_back(b);
    const auto r = run(std::move(in));
    REQUIRE(r.outline.size() == 1);
    CHECK(r.outline[0].page == 1);
    CHECK(r.outline[0].y == kTop);
}
