// render/nesting: the lexical pre-scan for deep nesting.
#include "render/nesting.hpp"

#include <catch2/catch.hpp>

using namespace kansli;

TEST_CASE("render: the nesting pre-scan skips strings, comments and stream data") {
    // Brackets inside strings, comments and streams do not count; real structure does.
    CHECK(render::max_nesting("<< /A [ 1 2 ] >>", 10) == 2);
    CHECK(render::max_nesting("<< /A (((<<[[[) \\( ) /B <48656C6C6F> >>", 10) == 1);
    CHECK(render::max_nesting("% [[[[[[[[\n[ ]", 10) == 1);
    CHECK(render::max_nesting("<< /Length 6 >>\nstream\n[[[[[[\nendstream", 10) == 1);
    CHECK(render::max_nesting("[[[[[[[[[[[[", 5) == 6);  // stops once past the limit
}
