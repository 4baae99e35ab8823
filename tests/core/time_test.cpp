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
    CHECK(weekday(Date{2023, 2, 24}) == 4);   // Friday
    CHECK(weekday(Date{2026, 11, 23}) == 0);  // Monday
    for (std::int64_t d = -800000; d < 800000; d += 997) {
        CHECK(days_from_civil(civil_from_days(d)) == d);
    }
}

TEST_CASE("instants outside the years 0001..9999 are refused with the reason, never formatted malformed") {
    // Generated around both ends: the last valid second parses and formats with 4 year digits.
    CHECK(parse_instant_checked("9999-12-31T23:59:59Z").value == kLastInstant);
    CHECK(parse_instant_checked("0001-01-01").value == kFirstInstant);
    CHECK(format_pdf_date(kLastInstant) == "D:99991231235959Z");
    CHECK(format_iso(kFirstInstant) == "0001-01-01T00:00:00Z");
    for (const char* late : {"9999-12-31T23:59:59-00:01", "@253402300800", "@999999999999999999"}) {
        INFO(late);
        const auto t = parse_instant_checked(late);
        CHECK_FALSE(t.value);
        CHECK(t.error.find("after 9999-12-31T23:59:59Z") != std::string::npos);
        CHECK_FALSE(parse_instant(late));
    }
    const auto early = parse_instant_checked("0001-01-01T00:30+01:00");
    CHECK_FALSE(early.value);
    CHECK(early.error.find("before 0001-01-01") != std::string::npos);
    CHECK(parse_instant_checked("2023-02-30").error == "is not an ISO 8601 time");
    // Out-of-range instants never reach the formatters through a parser; if one does, the form holds.
    CHECK(format_pdf_date(Instant{kLastInstant.seconds * 4}).size() == std::string("D:99991231235959Z").size());
}

TEST_CASE("SOURCE_DATE_EPOCH: decimal seconds only, within the PDF date range") {
    CHECK(parse_source_date_epoch("0").value == Instant{0});
    CHECK(parse_source_date_epoch("1677243600").value == Instant{1677243600});
    CHECK(parse_source_date_epoch("253402300799").value == kLastInstant);
    for (const char* bad : {"", " 1", "1 ", "-1", "+1", "1e9", "0x10", "12abc", "1677243600.5", "2023-02-24"}) {
        INFO("'" << bad << "'");
        const auto t = parse_source_date_epoch(bad);
        CHECK_FALSE(t.value);
        CHECK(t.error.find("decimal digits only") != std::string::npos);
    }
    for (const char* late : {"253402300800", "999999999999999999", "9999999999999999999999"}) {
        INFO(late);
        CHECK_FALSE(parse_source_date_epoch(late).value);
        CHECK(parse_source_date_epoch(late).error.find("after 9999-12-31") != std::string::npos);
    }
    CHECK(parse_source_date_epoch("253402300800").error.find("after 9999-12-31") != std::string::npos);
}
