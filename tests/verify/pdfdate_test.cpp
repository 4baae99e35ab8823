// pdf_date_to_iso (verify/pdfdate.cpp): the /M of a signature dictionary as reported.
#include "verify/pdfdate.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <utility>

using kansli::verify::pdf_date_to_iso;

TEST_CASE("pdf_date_to_iso converts PDF dates to UTC and keeps what does not parse") {
    // {PDF date, expected report value}; unparsable or impossible values come back unchanged.
    const std::pair<std::string, std::string> cases[] = {
        {"D:20230224130000Z", "2023-02-24T13:00:00Z"},
        {"D:20230224130000+01'00'", "2023-02-24T12:00:00Z"},
        {"D:20230224233000-02'30'", "2023-02-25T02:00:00Z"},
        {"D:20230224130000+01", "2023-02-24T12:00:00Z"},
        {"20230224", "2023-02-24T00:00:00Z"},
        {"D:2023", "2023-01-01T00:00:00Z"},
        {"D:202", "D:202"},
        {"D:2023022", "D:2023022"},
        {"D:20230230120000Z", "D:20230230120000Z"},
        {"D:20230224250000Z", "D:20230224250000Z"},
        {"D:2023x224130000Z", "D:2023x224130000Z"},
        {"D:20230224130000+0x'00'", "D:20230224130000+0x'00'"},
        {"", ""},
    };
    for (const auto& [in, want] : cases) {
        INFO(in);
        CHECK(pdf_date_to_iso(in) == want);
    }
}
