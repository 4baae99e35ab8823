#include "core/time.hpp"

#include <catch2/catch.hpp>

using namespace kansli::core;

TEST_CASE("parse_date accepts real dates only") {
    CHECK(parse_date("2023-02-24") == Date{2023, 2, 24});
    CHECK(parse_date("2024-02-29").has_value());
    CHECK_FALSE(parse_date("2023-02-29").has_value());
    CHECK_FALSE(parse_date("2023-13-01").has_value());
    CHECK_FALSE(parse_date("2023-2-24").has_value());
    CHECK_FALSE(parse_date("").has_value());
}

TEST_CASE("parse_hhmm") {
    CHECK(parse_hhmm("13:05") == 13 * 60 + 5);
    CHECK(parse_hhmm("14.15") == 14 * 60 + 15);
    CHECK_FALSE(parse_hhmm("24:00").has_value());
    CHECK_FALSE(parse_hhmm("1:00").has_value());
}

TEST_CASE("parse_instant handles zones and epoch seconds") {
    CHECK(parse_instant("1970-01-01")->seconds == 0);
    CHECK(parse_instant("2023-02-24T13:00:00Z")->seconds == 1677243600);
    CHECK(parse_instant("2023-02-24T14:00:00+01:00")->seconds == 1677243600);
    CHECK(parse_instant("2023-02-24T13:00")->seconds == 1677243600);
    CHECK(parse_instant("@1677243600")->seconds == 1677243600);
    CHECK_FALSE(parse_instant("2023-02-24T25:00").has_value());
    CHECK_FALSE(parse_instant("yesterday").has_value());
}

TEST_CASE("formatting is UTC and fixed-width") {
    Instant t{1677243600};
    CHECK(format_iso(t) == "2023-02-24T13:00:00Z");
    CHECK(format_pdf_date(t) == "D:20230224130000Z");
    CHECK(format_date(date_of(t)) == "2023-02-24");
    CHECK(format_iso(Instant{-1}) == "1969-12-31T23:59:59Z");
}

TEST_CASE("weekday and day arithmetic round-trip") {
    CHECK(weekday(Date{2023, 2, 24}) == 4);  // Friday
    CHECK(weekday(Date{2026, 11, 23}) == 0); // Monday
    for (std::int64_t d = -800000; d < 800000; d += 997) {
        CHECK(days_from_civil(civil_from_days(d)) == d);
    }
}
