// A required text (schema type IckeTom) made only of invisible characters counts as empty:
// Unicode White_Space (no-break space, em space, line separator, …) and
// Default_Ignorable_Code_Point (zero-width space, joiners, BOM, soft hyphen, tag characters, …)
// give exactly the located error that an empty text gives; one visible character is enough.
#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "core/utf8.hpp"
#include "source/schema_set.hpp"
#include "source/xml_tree.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace kansli;

namespace {

const source::SchemaSet& schemas() {
    static const auto set = source::SchemaSet::load(test::source("schemas"));
    return set;
}

std::string starter() {
    const core::Bytes b = core::read_file(test::source("templates/new/protokoll.xml"));
    return {b.begin(), b.end()};
}

void replace(std::string& s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    s.replace(at, from.size(), to);
}

/// The starter protokoll with `text` as a § heading (element text) and as a name (attribute):
/// the formatted diagnostics of parse + schema.
std::string validate_with(const std::u32string& text) {
    const std::string t = core::to_utf8(text);
    std::string xml = starter();
    replace(xml, "<rubrik>Mötet öppnas</rubrik>", "<rubrik>" + t + "</rubrik>");
    replace(xml, "namn=\"Förnamn Tjänsteperson\"", "namn=\"" + t + "\"");
    core::DiagSink sink;
    auto tree = source::parse_xml(xml, "p.xml", sink);
    REQUIRE(tree);
    (void)schemas().validate(*tree, sink);
    std::string out;
    for (const auto& d : sink.diagnostics()) out += core::format(d) + "\n";
    return out;
}

}  // namespace

TEST_CASE("text of only invisible characters is reported exactly as empty text") {
    const std::string empty = validate_with(U"");
    REQUIRE(empty.find("p.xml:30:7: error: <närvarande> attribute 'namn' is empty") != std::string::npos);
    REQUIRE(empty.find("p.xml:52:7: error: <rubrik> is empty") != std::string::npos);
    // Every White_Space character allowed in XML (but line ends, which move the next line), and
    // both ends of every Default_Ignorable range.
    const char32_t invisible[] = {0x09,   0x20,    0x85,    0xA0,    0x1680,  0x2000,  0x2005,  0x200A,  0x2028, 0x2029,
                                  0x202F, 0x205F,  0x3000,  0xAD,    0x34F,   0x61C,   0x115F,  0x1160,  0x17B4, 0x17B5,
                                  0x180B, 0x180E,  0x180F,  0x200B,  0x200C,  0x200D,  0x200E,  0x200F,  0x202A, 0x202E,
                                  0x2060, 0x2066,  0x2069,  0x206F,  0x3164,  0xFE00,  0xFE0F,  0xFEFF,  0xFFA0, 0xFFF0,
                                  0xFFF8, 0x1BCA0, 0x1BCA3, 0x1D173, 0x1D17A, 0xE0000, 0xE0001, 0xE007F, 0xE0FFF};
    for (char32_t c : invisible) {
        INFO("U+" << std::hex << static_cast<unsigned>(c));
        CHECK(validate_with(std::u32string(3, c)) == empty);
    }
    // Mixed: a BOM, no-break spaces and zero-width spaces together.
    CHECK(validate_with(U"\uFEFF\u00A0\u200B\u00A0\u2060") == empty);
}

TEST_CASE("one visible character makes a required text non-empty") {
    for (const std::u32string text :
         {U"A", U"\u00A0A\u00A0", U"\u200B1", U"\U0001F642", U"\u6F22", U"\u00A7", U"\u2010", U"\uFFFD", U"\u2800"}) {
        INFO(core::to_utf8(text));
        CHECK(validate_with(text).empty());
    }
}
