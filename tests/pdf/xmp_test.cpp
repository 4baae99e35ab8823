// pdf/xmp: claims and simple properties read in element and attribute form, replaced in place.
#include "pdf/xmp.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace kansli;

TEST_CASE("xmp: the claims in element and attribute form", "[xmp]") {
    const std::string elements =
        "<rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">"
        "<pdfaid:part>2</pdfaid:part>\n<pdfaid:conformance>A</pdfaid:conformance></rdf:Description>"
        "<rdf:Description><pdfuaid:part> 1 </pdfuaid:part></rdf:Description>";
    const auto c = pdf::xmp_claims(elements);
    CHECK(c.pdfa_part == 2);
    CHECK(c.pdfa_conformance == "A");
    CHECK(c.pdfua_part == 1);

    const std::string attributes = "<rdf:Description pdfaid:part='3' pdfaid:conformance=\"B\" xmlns:x=\"y\"/>";
    const auto a = pdf::xmp_claims(attributes);
    CHECK(a.pdfa_part == 3);
    CHECK(a.pdfa_conformance == "B");
    CHECK(a.pdfua_part == 0);

    CHECK(pdf::xmp_claims("<pdfaid:part>two</pdfaid:part>").pdfa_part == 0);
    CHECK(pdf::xmp_claims("").pdfa_part == 0);
    // A property whose value is markup is not a simple value; a prefix of another name does not match.
    CHECK_FALSE(pdf::xmp_property("<dc:title><rdf:Alt/></dc:title>", "dc:title"));
    CHECK_FALSE(pdf::xmp_property("<pdfaid:partX>2</pdfaid:partX>", "pdfaid:part"));
    CHECK(pdf::xmp_property("<pdf:Producer>a &amp; b</pdf:Producer>", "pdf:Producer") == "a & b");
}

TEST_CASE("xmp: replacing the dates keeps every other byte", "[xmp]") {
    std::string x =
        "<a><xmp:ModifyDate>2023-01-01T00:00:00Z</xmp:ModifyDate>\n"
        "<xmp:CreateDate>2023-01-01T00:00:00Z</xmp:CreateDate> xmp:MetadataDate=\"old\"</a>";
    REQUIRE(pdf::replace_xmp_property(x, "xmp:ModifyDate", "2024-05-06T07:08:09Z"));
    REQUIRE(pdf::replace_xmp_property(x, "xmp:MetadataDate", "2024-05-06T07:08:09Z"));
    CHECK(x ==
          "<a><xmp:ModifyDate>2024-05-06T07:08:09Z</xmp:ModifyDate>\n"
          "<xmp:CreateDate>2023-01-01T00:00:00Z</xmp:CreateDate> xmp:MetadataDate=\"2024-05-06T07:08:09Z\"</a>");
    std::string none = "<a/>";
    CHECK_FALSE(pdf::replace_xmp_property(none, "xmp:ModifyDate", "x"));
    CHECK(none == "<a/>");
    std::string esc = "<pdf:Keywords>k</pdf:Keywords>";
    pdf::replace_xmp_property(esc, "pdf:Keywords", "<&>");
    CHECK(esc == "<pdf:Keywords>&lt;&amp;&gt;</pdf:Keywords>");
}
