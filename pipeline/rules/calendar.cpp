#include "rules/calendar.hpp"

namespace kansli::rules {

core::Date easter_sunday(int year) {
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return {year, month, day};
}

core::Date add_days(const core::Date& d, int days) { return core::civil_from_days(core::days_from_civil(d) + days); }

namespace {

/// The day of `weekday` (0 = Monday) in [first, first + 6] of month/year.
bool is_weekday_in(const core::Date& d, int month, int first_day, int wanted_weekday) {
    return d.month == month && d.day >= first_day && d.day <= first_day + 6 && core::weekday(d) == wanted_weekday;
}

constexpr int kFriday = 4;
constexpr int kSaturday = 5;
constexpr int kSunday = 6;

}  // namespace

std::string public_holiday_name(const core::Date& d) {
    if (d.month == 1 && d.day == 1) return "Nyårsdagen";
    if (d.month == 1 && d.day == 6) return "Trettondedag jul";
    if (d.month == 5 && d.day == 1) return "Första maj";
    // SFS 2004:1320, from 2005: Sveriges nationaldag a holiday, Annandag pingst no longer one.
    if (d.month == 6 && d.day == 6 && d.year >= 2005) return "Sveriges nationaldag";
    if (d.month == 12 && d.day == 25) return "Juldagen";
    if (d.month == 12 && d.day == 26) return "Annandag jul";
    if (is_weekday_in(d, 6, 20, kSaturday)) return "Midsommardagen";
    // Alla helgons dag: the Saturday in 31 October .. 6 November.
    if ((d.month == 10 && d.day == 31 && core::weekday(d) == kSaturday) ||
        (d.month == 11 && d.day <= 6 && core::weekday(d) == kSaturday)) {
        return "Alla helgons dag";
    }
    const auto offset = core::days_from_civil(d) - core::days_from_civil(easter_sunday(d.year));
    switch (offset) {
        case -2: return "Långfredagen";
        case 0: return "Påskdagen";
        case 1: return "Annandag påsk";
        case 39: return "Kristi himmelsfärdsdag";
        case 49: return "Pingstdagen";
        case 50: return d.year < 2005 ? "Annandag pingst" : "";
        default: return {};
    }
}

bool is_public_holiday(const core::Date& d) { return !public_holiday_name(d).empty(); }

bool is_deadline_eve(const core::Date& d) {
    if (d.month == 12 && (d.day == 24 || d.day == 31)) return true;  // julafton, nyårsafton
    return is_weekday_in(d, 6, 19, kFriday);                         // midsommarafton
}

bool is_working_day(const core::Date& d) {
    const int wd = core::weekday(d);
    if (wd == kSaturday || wd == kSunday) return false;
    return !is_public_holiday(d) && !is_deadline_eve(d);
}

core::Date next_working_day_on_or_after(const core::Date& d) {
    core::Date day = d;
    while (!is_working_day(day)) day = add_days(day, 1);  // at most a few iterations
    return day;
}

AnslagDates anslag_dates(const core::Date& justering, const core::Date& posted) {
    AnslagDates out;
    out.latest_posting = next_working_day_on_or_after(add_days(justering, 2));
    out.appeal_ends = next_working_day_on_or_after(add_days(posted, 21));
    out.earliest_removal = add_days(out.appeal_ends, 1);
    return out;
}

}  // namespace kansli::rules
