// The paragraph memo of a FontSet (layout/typeset_memo.hpp): a caller without diagnostics gets
// the lines of an earlier equal paragraph, and only of an equal one (any other field of a span
// or of the style gives what a FontSet that never saw the paragraph gives).
#include "layout/text.hpp"
#include "layout/typeset_memo.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace kansli;
using namespace kansli::layout;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace typeset_memo_test {

namespace {

/// Every field of the lines a test can tell apart, as text.
std::string describe(const std::vector<Line>& lines) {
    std::ostringstream o;
    for (const Line& l : lines) {
        o << "line w=" << l.width << " a=" << l.ascent << " d=" << l.descent << " h=" << l.hyphenated
          << " e=" << l.emergency << "\n";
        for (const TextRun& r : l.runs) {
            o << " run x=" << r.x << " f=" << r.font << " s=" << r.size << " c=" << int(r.color.r) << ","
              << int(r.color.g) << "," << int(r.color.b) << " [" << to_utf8(r.text) << "] kern";
            for (const auto k : r.kern) o << " " << k;
            o << "\n";
        }
        for (const Link& k : l.links) o << " link " << k.x << " " << k.w << " " << k.uri << "\n";
    }
    return o.str();
}

std::vector<Span> paragraph() {
    return {Span(to_u32("Regionstyrelsen beslutar att godkänna ärendet och att uppdra åt regiondirektören "
                        "att återkomma med en redovisning av arbetet under hösten. "),
                 FaceStyle::Regular, core::pt(11)),
            Span(to_u32("Beslutet skickas till samtliga förvaltningar."), FaceStyle::Bold, core::pt(11))};
}

ParagraphStyle measure(core::Length width) {
    ParagraphStyle s;
    s.width = width;
    return s;
}

/// What a FontSet that never saw the paragraph gives.
std::string fresh(const std::vector<Span>& spans, const ParagraphStyle& style) {
    const FontSet fonts = FontSet::load();
    return describe(typeset_paragraph(spans, style, fonts, nullptr, nullptr));
}

}  // namespace

TEST_CASE("typeset memo: equal paragraphs share lines, any difference does not") {
    const FontSet fonts = FontSet::load();
    core::DiagSink sink;
    const auto spans = paragraph();
    const std::string wide = describe(typeset_paragraph(spans, measure(core::pt(400)), fonts, nullptr, &sink));
    CHECK(wide == fresh(spans, measure(core::pt(400))));
    // Kept and given back to a caller without diagnostics.
    REQUIRE(fonts.typeset_memo().find(spans, measure(core::pt(400)), nullptr).has_value());
    CHECK(describe(typeset_paragraph(spans, measure(core::pt(400)), fonts, nullptr, nullptr)) == wide);

    // Another measure, another colour, another size, another place in the source: never the kept lines.
    const std::string narrow = describe(typeset_paragraph(spans, measure(core::pt(150)), fonts, nullptr, nullptr));
    CHECK(narrow != wide);
    CHECK(narrow == fresh(spans, measure(core::pt(150))));
    auto red = spans;
    red[1].color = {200, 0, 0};
    CHECK(describe(typeset_paragraph(red, measure(core::pt(400)), fonts, nullptr, nullptr)) ==
          fresh(red, measure(core::pt(400))));
    CHECK(fresh(red, measure(core::pt(400))) != wide);
    auto big = spans;
    big[0].size = core::pt(14);
    CHECK(describe(typeset_paragraph(big, measure(core::pt(400)), fonts, nullptr, nullptr)) ==
          fresh(big, measure(core::pt(400))));
    auto elsewhere = spans;
    elsewhere[0].loc.line = 7;
    CHECK_FALSE(fonts.typeset_memo().find(elsewhere, measure(core::pt(400)), nullptr).has_value());
    ParagraphStyle justified = measure(core::pt(400));
    justified.align = Alignment::Justify;
    CHECK_FALSE(fonts.typeset_memo().find(spans, justified, nullptr).has_value());
}

}  // namespace typeset_memo_test
