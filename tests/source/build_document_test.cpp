// XML → model: whitespace collapsing, styles, footnotes, flows, numbering, locations.
#include "core/files.hpp"
#include "source/build_document.hpp"
#include "source/schema_set.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

using namespace kansli;

namespace {

model::Document build(const std::string& xml, const std::string& path = "dir/doc.xml") {
    core::DiagSink sink;
    auto tree = source::parse_xml(xml, path, sink);
    REQUIRE(tree);
    auto doc = source::build_document(*tree, path, sink);
    for (const auto& d : sink.diagnostics()) UNSCOPED_INFO(core::format(d));
    REQUIRE(doc);
    return *doc;
}

std::string avtal_with(const std::string& section_body) {
    return "<avtal xmlns=\"urn:kansli:dokument:1\"><huvud><datum>2025-06-13</datum></huvud><titel>T</titel>\n"
           "<avsnitt><rubrik>R</rubrik>\n" +
           section_body + "\n</avsnitt></avtal>";
}

}  // namespace

TEST_CASE("inline whitespace collapses across runs; styles nest; footnotes number in order") {
    auto doc =
        build(avtal_with("<stycke>\n   Kommuner  och\tregioner <fet> ska <kursiv>enligt</kursiv></fet>\n"
                         "  lag<fotnot> 7 kap.\n 2 § SoL </fotnot> samverka.<radbrytning/>  Se "
                         "<länk href=\"https://www.regionjh.se/\"> webben </länk>.<fotnot>Andra</fotnot>  </stycke>"));
    const auto& a = std::get<model::Avtal>(doc.body);
    REQUIRE(a.sections.size() == 1);
    const auto& runs = a.sections[0].blocks.at(0).inlines;
    using K = model::Inline::Kind;
    using S = model::InlineStyle;
    REQUIRE(runs.size() == 11);
    CHECK(runs[0].text == "Kommuner och regioner ");
    CHECK((runs[1].text == "ska " && runs[1].style == S::Bold));
    CHECK((runs[2].text == "enligt" && runs[2].style == S::BoldItalic));
    CHECK((runs[3].text == " lag" && runs[3].style == S::Regular));
    CHECK((runs[4].kind == K::FootnoteRef && runs[4].footnote_index == 1));
    CHECK(runs[5].text == " samverka.");
    CHECK(runs[6].kind == K::LineBreak);
    CHECK(runs[7].text == "Se ");
    CHECK((runs[8].kind == K::Link && runs[8].href == "https://www.regionjh.se/" && runs[8].text == "webben "));
    CHECK(runs[9].text == ".");
    CHECK((runs[10].kind == K::FootnoteRef && runs[10].footnote_index == 2));
    REQUIRE(a.footnotes.size() == 2);
    CHECK(model::plain_text(a.footnotes[0]) == "7 kap. 2 § SoL");
    CHECK(model::plain_text(a.footnotes[1]) == "Andra");
}

TEST_CASE("flows: each run of inline content between blocks becomes one paragraph") {
    auto doc =
        build(avtal_with("<lista typ=\"nummer\" start=\"3\"><punkt> Först\n text <lista><punkt>inre</punkt></lista>"
                         " sedan <fet>mer</fet> </punkt><punkt>  </punkt></lista>"
                         "<tabell kolumnbredder=\"1 2\"><huvud><cell>A</cell><cell>B</cell></huvud>"
                         "<rad><cell><stycke>x</stycke></cell><cell>y</cell></rad></tabell>"
                         "<bild fil=\"bilder/a b.png\" bredd=\"42.5mm\" alt=\"Alt\"/>"));
    const auto& blocks = std::get<model::Avtal>(doc.body).sections[0].blocks;
    REQUIRE(blocks.size() == 3);
    const auto& list = blocks[0];
    CHECK(list.kind == model::Block::Kind::List);
    CHECK((list.numbered && list.list_start == 3));
    REQUIRE(list.items.size() == 2);
    REQUIRE(list.items[0].blocks.size() == 3);
    CHECK(model::plain_text(list.items[0].blocks[0].inlines) == "Först text");
    CHECK(list.items[0].blocks[1].kind == model::Block::Kind::List);
    CHECK(model::plain_text(list.items[0].blocks[2].inlines) == "sedan mer");
    CHECK(list.items[1].blocks.empty());
    const auto& table = blocks[1];
    CHECK(table.column_weights == std::vector<double>{1, 2});
    CHECK(table.header.size() == 2);
    REQUIRE(table.rows.size() == 1);
    CHECK(model::plain_text(table.rows[0].cells[1].blocks.at(0).inlines) == "y");
    CHECK((blocks[2].image_path == "bilder/a b.png" && blocks[2].image_width_mm == 42.5 && blocks[2].alt == "Alt"));
    CHECK(doc.base_dir == "dir");
}

TEST_CASE("every element keeps the line and column of its start tag, even over several lines") {
    const std::string xml =
        "<avtal xmlns=\"urn:kansli:dokument:1\">\n  <huvud><datum>2025-06-13</datum></huvud>\n"
        "<titel>T</titel><avsnitt>\n<rubrik>R</rubrik>  <stycke\n   id-less=\"no\">å ä <fet>ö</fet></stycke>"
        "</avsnitt></avtal>";
    auto doc = build(xml);
    const auto& a = std::get<model::Avtal>(doc.body);
    CHECK((a.loc.line == 1 && a.loc.col == 1));
    CHECK((a.header.loc.line == 2 && a.header.loc.col == 3));
    CHECK((a.sections[0].loc.line == 3 && a.sections[0].loc.col == 17));
    const auto& stycke = a.sections[0].blocks.at(0);
    CHECK(stycke.loc.line == 4);
    CHECK(stycke.loc.col == 21);
    CHECK(stycke.inlines.at(1).loc.line == 5);
    CHECK(stycke.inlines.at(1).loc.col == 21);  // <fet> after "å ä " (code points)
}

TEST_CASE("the example protokoll becomes the model of the seed meeting") {
    const auto schemas = source::SchemaSet::load(test::source("schemas"));
    const std::string path = test::source("templates/examples/protokoll-2023-02-24.xml");
    const auto bytes = core::read_file(path);
    core::DiagSink sink;
    auto tree = source::parse_xml(std::string(bytes.begin(), bytes.end()), path, sink);
    REQUIRE(tree);
    REQUIRE(schemas.validate(*tree, sink));
    auto doc = source::build_document(*tree, path, sink);
    REQUIRE(doc);
    const auto& p = std::get<model::Protokoll>(doc->body);
    CHECK(p.header.date == core::Date{2023, 2, 24});
    CHECK((p.header.start_minutes == 13 * 60 && p.header.end_minutes == 16 * 60 + 5));
    CHECK(p.attendance.members.size() == 10);
    REQUIRE(p.paragraphs.size() == 15);
    for (std::size_t i = 0; i < p.paragraphs.size(); ++i) CHECK(p.paragraphs[i].number == static_cast<int>(i) + 1);
    CHECK(p.paragraphs[0].title == "Mötet öppnas");
    REQUIRE(p.justering.signatories.size() == 3);
    CHECK(p.justering.signatories[1].role == model::SignerRole::Justerare);
    CHECK((p.justering.signatories[1].name == "Björn Sandal" && p.justering.signatories[1].party == "S"));
    bool any_replaces = false;
    for (const auto& m : p.attendance.members) any_replaces |= m.replaces == "Bianca Zandén (V)";
    CHECK(any_replaces);
}

TEST_CASE("§§ ranges parse as written, and malformed ones are refused") {
    using R = model::ParagraphRanges;
    CHECK(source::parse_ranges("7-15") == R{{7, 15}});
    CHECK(source::parse_ranges("9") == R{{9, 9}});
    CHECK(source::parse_ranges("1-7, 11") == R{{1, 7}, {11, 11}});
    CHECK(source::parse_ranges("§§1-7,11") == R{{1, 7}, {11, 11}});
    CHECK_FALSE(source::parse_ranges(""));
    CHECK_FALSE(source::parse_ranges("7-"));
    CHECK_FALSE(source::parse_ranges("15-7"));
    CHECK_FALSE(source::parse_ranges("1-7,"));
    CHECK_FALSE(source::parse_ranges("9999999"));
}
