#include "core/time.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

namespace kansli::core {

namespace {
bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static constexpr std::array<int, 12> k{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : k.at(static_cast<std::size_t>(m - 1));
}

std::optional<int> digits(std::string_view s, std::size_t pos, std::size_t n) {
    if (pos + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}
}  // namespace

bool is_valid_date(const Date& d) {
    return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= days_in_month(d.year, d.month);
}

// H. Hinnant's days_from_civil / civil_from_days.
std::int64_t days_from_civil(const Date& d) {
    std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t mp = (d.month + 9) % 12;
    const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    return Date{y, m, d};
}

int weekday(const Date& d) {
    const std::int64_t z = days_from_civil(d);  // 1970-01-01 was a Thursday (3)
    return static_cast<int>(((z % 7) + 7 + 3) % 7);
}

std::optional<Date> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto y = digits(s, 0, 4), m = digits(s, 5, 2), d = digits(s, 8, 2);
    if (!y || !m || !d) return std::nullopt;
    Date out{*y, *m, *d};
    if (!is_valid_date(out)) return std::nullopt;
    return out;
}

std::optional<int> parse_hhmm(std::string_view s) {
    if (s.size() != 5 || (s[2] != ':' && s[2] != '.')) return std::nullopt;
    auto h = digits(s, 0, 2), m = digits(s, 3, 2);
    if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
    return *h * 60 + *m;
}

namespace {
std::optional<Instant> parse_instant_form(std::string_view s) {
    if (!s.empty() && s[0] == '@') {
        std::int64_t v = 0;
        auto r = std::from_chars(s.data() + 1, s.data() + s.size(), v);
        if (r.ec != std::errc{} || r.ptr != s.data() + s.size() || s.size() == 1) return std::nullopt;
        return Instant{v};
    }
    auto date = parse_date(s.substr(0, std::min<std::size_t>(10, s.size())));
    if (!date) return std::nullopt;
    std::int64_t secs = days_from_civil(*date) * 86400;
    if (s.size() == 10) return Instant{secs};
    if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
    auto hh = digits(s, 11, 2), mm = (s.size() > 13 && s[13] == ':') ? digits(s, 14, 2) : std::nullopt;
    if (!hh || !mm || *hh > 23 || *mm > 59) return std::nullopt;
    std::size_t pos = 16;
    int ss = 0;
    if (pos < s.size() && s[pos] == ':') {
        auto v = digits(s, pos + 1, 2);
        if (!v || *v > 60) return std::nullopt;
        ss = *v;
        pos += 3;
    }
    secs += *hh * 3600 + *mm * 60 + ss;
    if (pos == s.size()) return Instant{secs};
    if (s[pos] == 'Z' && pos + 1 == s.size()) return Instant{secs};
    if ((s[pos] == '+' || s[pos] == '-') && pos + 6 == s.size() && s[pos + 3] == ':') {
        auto oh = digits(s, pos + 1, 2), om = digits(s, pos + 4, 2);
        if (!oh || !om || *oh > 23 || *om > 59) return std::nullopt;
        const std::int64_t off = *oh * 3600 + *om * 60;
        return Instant{s[pos] == '+' ? secs - off : secs + off};
    }
    return std::nullopt;
}

std::string range_error(Instant t) {
    return t < kFirstInstant ? "is before 0001-01-01T00:00:00Z, the first time a PDF date can hold"
                             : "is after 9999-12-31T23:59:59Z, the last time a PDF date can hold";
}
}  // namespace

ParsedInstant parse_instant_checked(std::string_view s) {
    const auto t = parse_instant_form(s);
    if (!t) return {std::nullopt, "is not an ISO 8601 time"};
    if (*t < kFirstInstant || *t > kLastInstant) return {std::nullopt, range_error(*t)};
    return {t, {}};
}

std::optional<Instant> parse_instant(std::string_view s) { return parse_instant_checked(s).value; }

ParsedInstant parse_source_date_epoch(std::string_view s) {
    if (s.empty() || s.find_first_not_of("0123456789") != std::string_view::npos) {
        return {std::nullopt, "is not a number of seconds since 1970-01-01T00:00:00Z (decimal digits only)"};
    }
    if (s.size() > 18) return {std::nullopt, range_error(Instant{kLastInstant.seconds + 1})};
    std::int64_t v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    if (Instant{v} > kLastInstant) return {std::nullopt, range_error(Instant{v})};
    return {Instant{v}, {}};
}

Date date_of(Instant t) {
    std::int64_t days = t.seconds >= 0 ? t.seconds / 86400 : -((-t.seconds + 86399) / 86400);
    return civil_from_days(days);
}

namespace {
struct Parts {
    Date d;
    int h, m, s;
};
Parts split(Instant t) {
    t = std::clamp(t, kFirstInstant, kLastInstant);
    Date d = date_of(t);
    std::int64_t rem = t.seconds - days_from_civil(d) * 86400;
    return {d, static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60)};
}
}  // namespace

std::string format_iso(Instant t) {
    auto p = split(t);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", p.d.year, p.d.month, p.d.day, p.h, p.m, p.s);
    return buf;
}

std::string format_pdf_date(Instant t) {
    auto p = split(t);
    char buf[32];
    std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02dZ", p.d.year, p.d.month, p.d.day, p.h, p.m, p.s);
    return buf;
}

std::string format_date(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
}

}  // namespace kansli::core
