// sign/serialize.hpp: compact PDF text of rewritten objects, read back by qpdf to the same value.
#include "sign/serialize.hpp"

#include <catch2/catch.hpp>

using namespace kansli;
using sign::detail::OH;

TEST_CASE("pdf_text: compact, literal strings with escapes, null entries dropped, round trip", "[sign][serialize]") {
    const struct {
        const char* in;
        std::string out;
    } cases[] = {
        {"<< /A 1 /B /N /C [1 2.50 /X (s)] /D << /E true >> >>", "<</A 1/B/N/C[1 2.50 /X (s)]/D<</E true>>>>"},
        {"<< /T <feff00d6> >>", std::string("<</T(\xfe\xff\x00\xd6)>>", 12)},
        {"<< /S (a\\(b\\)c\\\\d\\r) >>", "<</S(a\\(b\\)c\\\\d\\r)>>"},
        {"<< /S (a\\nb) >>", "<</S(a\\nb)>>"},  // LF escaped, as CR is
        {"<< /Z null /K [null] >>", "<</K[null]>>"},
        {"<< /Name#20X 3 >>", "<</Name#20X 3>>"},
        {"<< /A#23B /C#23D >>", "<</A#23B/C#23D>>"},  // a '#' in a name (qpdf 11.3's unparse leaves it bare)
        {"[<< >> [] ()]", "[<<>> [] ()]"},
    };
    for (const auto& c : cases) {
        INFO(c.in);
        const OH o = OH::parse(c.in);
        const std::string text = sign::detail::pdf_text(o);
        CHECK(text == c.out);
        CHECK(OH::parse(text).unparse() == OH(o).unparse());
    }
}
