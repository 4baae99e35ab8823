// Tests of layout/shape.{hpp,cpp}: one line shaped without breaking (shape_line, measure), the
// character classes the paragraph engine shares, and agreement with typeset_paragraph.
#include "font_fixture.hpp"
#include "layout/shape.hpp"
#include "layout/text.hpp"

#include <catch2/catch.hpp>

using namespace kansli;
using namespace kansli::layout;

// The file's own namespace: a unity build compiles it with the other tests of its binary.
namespace text_shape_test {

namespace {
const FontSet& fonts() { return test::default_fonts(); }
std::u32string joined(const std::vector<TextRun>& runs) {
    std::u32string s;
    for (const auto& r : runs) s += r.text;
    return s;
}
}  // namespace

TEST_CASE("classify: the character classes of the text engine", "[shape]") {
    const std::pair<char32_t, AtomKind> table[] = {
        {U'a', AtomKind::Char},
        {U'Å', AtomKind::Char},
        {0xA0, AtomKind::Char},
        {U' ', AtomKind::Space},
        {U'\t', AtomKind::Space},
        {U'\r', AtomKind::Space},
        {0x01, AtomKind::Space},
        {0x85, AtomKind::Space},
        {U'\n', AtomKind::Newline},
        {0x2028, AtomKind::Newline},
        {0x2029, AtomKind::Newline},
        {0xAD, AtomKind::SoftHyphen},
        {0x200B, AtomKind::ZeroWidthBreak},
    };
    for (const auto& [cp, kind] : table) {
        INFO("U+" << std::hex << static_cast<unsigned>(cp));
        CHECK(classify(cp) == kind);
    }
}

TEST_CASE("shape_line drops break hints, turns controls into spaces, splits at fallback", "[shape]") {
    const auto runs = shape_line(U"Bo\u00ADck\u200B\t✓ § 12", FaceStyle::Regular, core::pt(10), Color{}, fonts());
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].text == U"Bock ");
    CHECK(runs[1].text == U"✓");
    CHECK(runs[1].font == 4);  // DejaVu Sans: Liberation has no check mark
    CHECK(runs[2].text == U" § 12");
    for (std::size_t i = 0; i < runs.size(); ++i) {
        CHECK(runs[i].kern.size() == runs[i].text.size());
        if (i > 0) CHECK(runs[i].x == runs[i - 1].x + runs[i - 1].width);
    }
    CHECK(measure(U"Bo\u00ADck\u200B\t✓ § 12", FaceStyle::Regular, core::pt(10), fonts()) ==
          runs.back().x + runs.back().width);
    CHECK(measure(U"", FaceStyle::Regular, core::pt(10), fonts()) == 0);
}

TEST_CASE("shape_line kerns within a run and scales with the size", "[shape]") {
    const auto av = shape_line(U"AV", FaceStyle::Regular, core::pt(10), Color{}, fonts());
    REQUIRE(av.size() == 1);
    CHECK(av[0].kern.at(0) < 0);  // Liberation Sans kerns A-V
    CHECK(av[0].kern.at(1) == 0);
    const core::Length ten = measure(U"Sammanträde", FaceStyle::Bold, core::pt(10), fonts());
    const core::Length twenty = measure(U"Sammanträde", FaceStyle::Bold, core::pt(20), fonts());
    CHECK(std::abs(twenty - 2 * ten) <= 12);  // rounding per glyph: at most 1 unit each
}

TEST_CASE("shape_line warns once per missing character, without a location", "[shape]") {
    core::DiagSink diags;
    const auto runs = shape_line(U"中 x 中 文", FaceStyle::Regular, core::pt(10), Color{}, fonts(), &diags);
    CHECK(joined(runs) == U"\uFFFD x \uFFFD \uFFFD");
    REQUIRE(diags.diagnostics().size() == 2);
    CHECK(diags.diagnostics()[0].message.find("U+4E2D") != std::string::npos);
    CHECK(diags.diagnostics()[1].message.find("U+6587") != std::string::npos);
    CHECK(diags.diagnostics()[0].loc.file.empty());
    CHECK(diags.diagnostics()[0].kind == "font");
}

TEST_CASE("a one-line paragraph is as wide as shape_line makes it", "[shape]") {
    ParagraphStyle st;
    st.width = core::pt(1000);
    for (const std::u32string text : {U"Justerare: Åsa Öberg", U"AVTAL § 12–14 ’godkänd’", U"Växjö, Ål, Öl. Te Yo"}) {
        for (const FaceStyle face : {FaceStyle::Regular, FaceStyle::Bold, FaceStyle::Italic}) {
            const auto lines = typeset_paragraph({Span{text, face, core::pt(11)}}, st, fonts(), nullptr);
            REQUIRE(lines.size() == 1);
            CHECK(lines[0].width == measure(text, face, core::pt(11), fonts()));
            CHECK(joined(lines[0].runs) == joined(shape_line(text, face, core::pt(11), Color{}, fonts())));
        }
    }
}

}  // namespace text_shape_test
