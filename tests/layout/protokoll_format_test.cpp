// The protokoll format fits real minutes (issue 12 item 5), on the second example protokoll
// (templates/examples/protokoll-2025-11-14.xml): group headings once, the ärendelista as the
// style says, hanging attendance entries, signatures in <underskrifter> order under the style's
// label, a member with two roles, sub-heading faces from the style, the ANSLAG date fields.
#include "layout/compose.hpp"
#include "layout/example_loader.hpp"
#include "layout/text.hpp"

#include <algorithm>

using namespace kansli;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace protokoll_format_test {

namespace {

test::LayoutKit& kit() {
    static test::LayoutKit k;
    return k;
}

layout::PageSet compose(const layout::Style& style) {
    const model::Document doc = test::load_example(test::source("templates/examples/protokoll-2025-11-14.xml"));
    return layout::compose(doc, style, kit().fonts, &kit().hyphenator, core::Instant{1763110800});
}

struct Found {
    std::size_t page;
    const layout::TextRun* run;
};

/// Every run whose text starts with `prefix`.
std::vector<Found> runs_starting(const layout::PageSet& ps, const std::string& prefix) {
    std::vector<Found> out;
    const std::u32string p = layout::to_u32(prefix);
    for (std::size_t i = 0; i < ps.pages.size(); ++i)
        for (const auto& op : ps.pages[i].ops)
            if (const auto* t = std::get_if<layout::TextRun>(&op); t && t->text.rfind(p, 0) == 0) out.push_back({i, t});
    return out;
}

/// The last page whose text holds a run starting with `prefix` (a § page, not the ärendelista).
std::size_t page_of(const layout::PageSet& ps, const std::string& prefix) {
    const auto f = runs_starting(ps, prefix);
    REQUIRE_FALSE(f.empty());
    return f.back().page;
}

}  // namespace

TEST_CASE("a group heading is printed once, above the group's first §") {
    const auto ps = compose(kit().style);
    for (const auto& [group, first] : {std::pair{"INFORMATIONSÄRENDEN", "§44"}, std::pair{"BESLUTSÄRENDEN", "§46"}}) {
        INFO(group);
        const auto found = runs_starting(ps, group);
        REQUIRE(found.size() == 1);
        CHECK(found.front().page == page_of(ps, first));
    }
    // §45 and §47 are in a group but are not its first §: no heading on their pages.
    CHECK(page_of(ps, "§45") != page_of(ps, "INFORMATIONSÄRENDEN"));
}

TEST_CASE("the ärendelista lists group headings only when the style says so") {
    const std::size_t list_page = 1;
    CHECK(runs_starting(compose(kit().style), "Informationsärenden").empty());
    layout::Style with = kit().style;
    with.arendelista_groups = true;
    const auto ps = compose(with);
    const auto found = runs_starting(ps, "Informationsärenden");
    REQUIRE(found.size() == 1);
    CHECK(found.front().page == list_page);
    CHECK(runs_starting(ps, "Beslutsärenden").size() == 1);
}

TEST_CASE("a wrapped attendance entry continues with a hanging indent") {
    const auto ps = compose(kit().style);
    auto first = runs_starting(ps, "Lars-Erik Hedlund Kjellström");
    std::erase_if(first, [](const Found& f) { return f.page != 0; });  // not the vote's name list
    REQUIRE(first.size() == 1);
    // The entry's continuation: the next baseline below, on page 1.
    const layout::TextRun* next = nullptr;
    for (const auto& op : ps.pages[0].ops) {
        const auto* t = std::get_if<layout::TextRun>(&op);
        if (!t || t->y >= first.front().run->y ||
            t->x <= kit().style.text_left() + kit().style.spacing.label_column / 2)
            continue;
        if (!next || t->y > next->y) next = t;
    }
    REQUIRE(next != nullptr);
    INFO(layout::to_utf8(next->text));
    CHECK(next->x == first.front().run->x + kit().style.spacing.list_indent);
    // The following member starts at the value column again.
    const auto tf = runs_starting(ps, "Tomas Fjällgren (C) (2:e vice ordförande)");
    REQUIRE(tf.size() == 1);
    CHECK(tf.front().run->x == first.front().run->x);
}

TEST_CASE("a member with two roles shows both") {
    const auto ps = compose(kit().style);
    CHECK(runs_starting(ps, "Ingrid Sveding (S) (1:a vice ordförande, Ordförande)").size() == 1);
}

TEST_CASE("signatures in the order of <underskrifter>, under the style's label") {
    layout::Style style = kit().style;
    style.labels["underskrifter"] = "Justerat av";
    const auto ps = compose(style);
    CHECK(ps.signing_order == std::vector<std::string>{"Sekreterare", "Justerare", "Ordförande"});
    CHECK(runs_starting(ps, "Justerat av").size() == 1);
    CHECK(runs_starting(ps, "Underskrifter").empty());
    std::vector<const layout::SigSlot*> slots;
    for (const auto& op : ps.pages[0].ops)
        if (const auto* s = std::get_if<layout::SigSlot>(&op)) slots.push_back(s);
    REQUIRE(slots.size() == 3);
    CHECK(slots[0]->field_name == "Sekreterare");
    CHECK(slots[1]->field_name == "Justerare");
    CHECK(slots[2]->field_name == "Ordförande");
    CHECK(slots[2]->signer_name == "Ingrid Sveding (S)");
    CHECK(slots[0]->y > slots[1]->y);
    CHECK(slots[1]->y > slots[2]->y);
}

TEST_CASE("<underrubrik> takes its face from the style") {
    for (const auto face : {layout::FaceStyle::Bold, layout::FaceStyle::Italic, layout::FaceStyle::Regular}) {
        layout::Style style = kit().style;
        style.subheading_face = face;
        const auto ps = compose(style);
        const auto found = runs_starting(ps, "Gemensamma hemsjukvårdsteam");
        REQUIRE(found.size() == 1);
        CHECK(found.front().run->font == kit().fonts.primary(face));
    }
}

TEST_CASE("the ANSLAG dates the source leaves open are two text fields on page 1") {
    const auto ps = compose(kit().style);
    REQUIRE(ps.pages[0].text_fields.size() == 2);
    CHECK(ps.pages[0].text_fields[0].field_name == "Anslag uppsatt");
    CHECK(ps.pages[0].text_fields[1].field_name == "Anslag nedtaget");
    CHECK(ps.pages[0].text_fields[0].y > ps.pages[0].text_fields[1].y);
    for (std::size_t i = 1; i < ps.pages.size(); ++i) CHECK(ps.pages[i].text_fields.empty());
}

}  // namespace protokoll_format_test
