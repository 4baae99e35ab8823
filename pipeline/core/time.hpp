// Injected time: kansli never reads the clock outside cli/. All times are UTC seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kansli::core {

/// A calendar date (proleptic Gregorian).
struct Date {
    int year = 0;
    int month = 0;  ///< 1..12
    int day = 0;    ///< 1..31
    friend bool operator==(const Date&, const Date&) = default;
    friend auto operator<=>(const Date&, const Date&) = default;
};

/// Seconds since 1970-01-01T00:00:00Z.
struct Instant {
    std::int64_t seconds = 0;
    friend bool operator==(const Instant&, const Instant&) = default;
    friend auto operator<=>(const Instant&, const Instant&) = default;
};

[[nodiscard]] bool is_valid_date(const Date& d);
/// Days since 1970-01-01 for a valid date (negative before).
[[nodiscard]] std::int64_t days_from_civil(const Date& d);
[[nodiscard]] Date civil_from_days(std::int64_t days);
/// 0 = Monday .. 6 = Sunday.
[[nodiscard]] int weekday(const Date& d);

/// Parses "YYYY-MM-DD" strictly (real dates only).
[[nodiscard]] std::optional<Date> parse_date(std::string_view s);
/// Parses "HH:MM" (00:00..23:59) into minutes after midnight.
[[nodiscard]] std::optional<int> parse_hhmm(std::string_view s);

/// The instants kansli can write: a PDF date has four year digits (0001-01-01T00:00:00Z ..
/// 9999-12-31T23:59:59Z). Every parser below refuses anything outside.
inline constexpr Instant kFirstInstant{-62135596800};
inline constexpr Instant kLastInstant{253402300799};

/// Parses ISO 8601: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS]" with "Z" or "+HH:MM"/"-HH:MM"
/// (no zone means UTC), or "@SECONDS" (epoch seconds). nullopt when malformed or out of range.
[[nodiscard]] std::optional<Instant> parse_instant(std::string_view s);

/// parse_instant with the reason of a failure: `error` is "" on success, else a phrase that
/// completes "'<s>' …": "is not an ISO 8601 time", "is after 9999-12-31T23:59:59Z, …".
struct ParsedInstant {
    std::optional<Instant> value;
    std::string error;
};
[[nodiscard]] ParsedInstant parse_instant_checked(std::string_view s);

/// SOURCE_DATE_EPOCH (reproducible-builds.org): decimal digits only, seconds since
/// 1970-01-01T00:00:00Z, at most kLastInstant. `error` completes "SOURCE_DATE_EPOCH='<s>' …".
[[nodiscard]] ParsedInstant parse_source_date_epoch(std::string_view s);

/// "2023-02-24T13:00:00Z" (t is clamped to kFirstInstant..kLastInstant, so the form always holds)
[[nodiscard]] std::string format_iso(Instant t);
/// "D:20230224130000Z" (PDF date, UTC)
[[nodiscard]] std::string format_pdf_date(Instant t);
/// "2023-02-24"
[[nodiscard]] std::string format_date(const Date& d);
[[nodiscard]] Date date_of(Instant t);

}  // namespace kansli::core
