// The Swedish calendar, checked against dates published by the Swedish government
// (helgdagar per lag 1989:253) rather than against our own formulas.
#include "rules/calendar.hpp"

#include <catch2/catch.hpp>

using namespace kansli;
using rules::public_holiday_name;

namespace {
core::Date d(int y, int m, int day) { return {y, m, day}; }
}  // namespace

TEST_CASE("Easter Sunday for known years") {
    const std::pair<int, core::Date> known[] = {{2019, d(2019, 4, 21)}, {2020, d(2020, 4, 12)}, {2023, d(2023, 4, 9)},
                                                {2024, d(2024, 3, 31)}, {2025, d(2025, 4, 20)}, {2038, d(2038, 4, 25)},
                                                {2285, d(2285, 3, 22)}};
    for (const auto& [year, date] : known) CHECK(rules::easter_sunday(year) == date);
}

TEST_CASE("every public holiday of 2023 and 2024 by name") {
    const std::pair<core::Date, const char*> holidays[] = {
        {d(2023, 1, 1), "Nyårsdagen"},
        {d(2023, 1, 6), "Trettondedag jul"},
        {d(2023, 4, 7), "Långfredagen"},
        {d(2023, 4, 9), "Påskdagen"},
        {d(2023, 4, 10), "Annandag påsk"},
        {d(2023, 5, 1), "Första maj"},
        {d(2023, 5, 18), "Kristi himmelsfärdsdag"},
        {d(2023, 5, 28), "Pingstdagen"},
        {d(2023, 6, 6), "Sveriges nationaldag"},
        {d(2023, 6, 24), "Midsommardagen"},
        {d(2023, 11, 4), "Alla helgons dag"},
        {d(2023, 12, 25), "Juldagen"},
        {d(2023, 12, 26), "Annandag jul"},
        {d(2024, 3, 29), "Långfredagen"},
        {d(2024, 4, 1), "Annandag påsk"},
        {d(2024, 5, 9), "Kristi himmelsfärdsdag"},
        {d(2024, 6, 22), "Midsommardagen"},
        {d(2024, 11, 2), "Alla helgons dag"},
        {d(2020, 10, 31), "Alla helgons dag"},
    };
    for (const auto& [date, name] : holidays) {
        INFO(core::format_date(date));
        CHECK(public_holiday_name(date) == name);
    }
    int count = 0;
    for (auto day = d(2023, 1, 1); day.year == 2023; day = rules::add_days(day, 1))
        count += rules::is_public_holiday(day);
    CHECK(count == 13);  // Annandag pingst is no longer a holiday (since 2005)
    CHECK_FALSE(rules::is_public_holiday(d(2023, 5, 29)));
}

TEST_CASE("eves that move deadlines, and working days") {
    CHECK(rules::is_deadline_eve(d(2023, 6, 23)));   // midsommarafton
    CHECK(rules::is_deadline_eve(d(2023, 12, 24)));  // julafton
    CHECK(rules::is_deadline_eve(d(2023, 12, 31)));  // nyårsafton
    CHECK_FALSE(rules::is_deadline_eve(d(2023, 6, 16)));
    CHECK(rules::is_working_day(d(2023, 3, 3)));        // a Friday
    CHECK_FALSE(rules::is_working_day(d(2023, 3, 4)));  // Saturday
    CHECK_FALSE(rules::is_working_day(d(2023, 6, 23)));
    CHECK(rules::next_working_day_on_or_after(d(2023, 6, 23)) == d(2023, 6, 26));
    CHECK(rules::next_working_day_on_or_after(d(2023, 4, 7)) == d(2023, 4, 11));  // Easter
    CHECK(rules::next_working_day_on_or_after(d(2023, 12, 23)) == d(2023, 12, 27));
    CHECK(rules::next_working_day_on_or_after(d(2023, 12, 30)) == d(2024, 1, 2));
    CHECK(rules::next_working_day_on_or_after(d(2023, 3, 6)) == d(2023, 3, 6));
}

TEST_CASE("anslag dates: posting by the second day after justering, appeal three weeks") {
    // Justering Friday 2023-03-03: the second day after is Sunday → Monday 2023-03-06.
    auto a = rules::anslag_dates(d(2023, 3, 3), d(2023, 3, 3));
    CHECK(a.latest_posting == d(2023, 3, 6));
    CHECK(a.appeal_ends == d(2023, 3, 24));
    CHECK(a.earliest_removal == d(2023, 3, 25));
    // Posted 2023-03-20: three weeks later is Annandag påsk 2023-04-10 → Tuesday 2023-04-11.
    a = rules::anslag_dates(d(2023, 3, 17), d(2023, 3, 20));
    CHECK(a.appeal_ends == d(2023, 4, 11));
    // Posted 2023-12-03: three weeks later is julafton → 2023-12-27.
    a = rules::anslag_dates(d(2023, 12, 1), d(2023, 12, 3));
    CHECK(a.appeal_ends == d(2023, 12, 27));
    // Justering 2023-06-21: the second day after is midsommarafton → Monday 2023-06-26.
    CHECK(rules::anslag_dates(d(2023, 6, 21), d(2023, 6, 21)).latest_posting == d(2023, 6, 26));
}
