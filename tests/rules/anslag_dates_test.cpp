// The anslag dates (Kommunallagen 8 kap. 12 §, 13 kap. 5 §; lag 1930:173) against an independent
// list of Swedish non-working days 2000-2100 (tests/data/rules/non-working-days-2000-2100.tsv,
// generated once by make_non_working_days.py with python-dateutil's Easter). The test's own date
// arithmetic and weekdays are std::chrono's, not core/time.hpp's.
#include "rules/calendar.hpp"
#include "support/tools.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <string>

using namespace kansli;
namespace chr = std::chrono;

namespace {

chr::sys_days parse(const std::string& iso) {
    const int y = std::stoi(iso.substr(0, 4));
    const unsigned m = static_cast<unsigned>(std::stoi(iso.substr(5, 2)));
    const unsigned d = static_cast<unsigned>(std::stoi(iso.substr(8, 2)));
    return chr::sys_days(chr::year{y} / chr::month{m} / chr::day{d});
}

core::Date to_core(chr::sys_days t) {
    const chr::year_month_day ymd(t);
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

struct NonWorking {
    std::map<chr::sys_days, std::set<std::string>> holidays;  ///< helgdagar (Sundays not listed), two may coincide
    std::size_t holiday_lines = 0, eve_lines = 0;
    std::set<chr::sys_days> eves;  ///< midsommarafton, julafton, nyårsafton
};

const NonWorking& table() {
    static const NonWorking t = [] {
        NonWorking nw;
        std::ifstream in(test::data("rules/non-working-days-2000-2100.tsv"));
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            const auto tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
            const auto day = parse(line.substr(0, tab1));
            const std::string kind = line.substr(tab1 + 1, tab2 - tab1 - 1);
            if (kind == "afton") {
                nw.eves.insert(day);
                ++nw.eve_lines;
            } else {
                nw.holidays[day].insert(line.substr(tab2 + 1));
                ++nw.holiday_lines;
            }
        }
        return nw;
    }();
    return t;
}

bool weekend(chr::sys_days t) {
    const chr::weekday w(t);
    return w == chr::Saturday || w == chr::Sunday;
}

bool working(chr::sys_days t) { return !weekend(t) && !table().holidays.contains(t) && !table().eves.contains(t); }

const chr::sys_days kFirst = parse("2000-01-01");
const chr::sys_days kLast = parse("2100-12-31");

}  // namespace

TEST_CASE("the independent table is complete: 16 days a year") {
    REQUIRE(table().holiday_lines == 101 * 13);
    REQUIRE(table().eve_lines == 101 * 3);
}

TEST_CASE("holidays and eves of every day 2000-2100 agree with the table") {
    int disagreements = 0;
    for (auto t = kFirst; t <= kLast; t += chr::days{1}) {
        const core::Date d = to_core(t);
        const auto h = table().holidays.find(t);
        const std::string name = rules::public_holiday_name(d);
        const bool name_ok = h == table().holidays.end() ? name.empty() : h->second.contains(name);
        const std::string expected = h == table().holidays.end() ? "" : *h->second.begin();
        if (!name_ok || rules::is_deadline_eve(d) != table().eves.contains(t) ||
            rules::is_working_day(d) != working(t)) {
            if (++disagreements <= 10) FAIL_CHECK(core::format_date(d) << ": expected '" << expected << "'");
        }
    }
    CHECK(disagreements == 0);
}

TEST_CASE("nedtagande for a notice posted on every day 2000-2100") {
    int disagreements = 0;
    for (auto posted = kFirst; posted + chr::days{30} <= kLast; posted += chr::days{1}) {
        auto last = posted + chr::weeks{3};           // 13 kap. 5 §: three weeks from the posting
        while (!working(last)) last += chr::days{1};  // lag 1930:173
        const auto got = rules::anslag_dates(to_core(posted), to_core(posted));
        if (got.appeal_ends != to_core(last) || got.earliest_removal != to_core(last + chr::days{1})) {
            if (++disagreements <= 10) FAIL_CHECK("posted " << core::format_date(to_core(posted)));
        }
    }
    CHECK(disagreements == 0);
}

TEST_CASE("the last day to post after every justering day 2000-2100") {
    int disagreements = 0;
    for (auto justering = kFirst; justering + chr::days{10} <= kLast; justering += chr::days{1}) {
        auto last = justering + chr::days{2};  // 8 kap. 12 §: the second day after the justering
        while (!working(last)) last += chr::days{1};
        if (rules::anslag_dates(to_core(justering), to_core(justering)).latest_posting != to_core(last)) {
            if (++disagreements <= 10) FAIL_CHECK("justering " << core::format_date(to_core(justering)));
        }
    }
    CHECK(disagreements == 0);
}

TEST_CASE("worked examples") {
    struct Case {
        const char* posted;
        const char* appeal_ends;
        const char* removal;
    };
    const Case cases[] = {
        {"2025-12-04", "2025-12-29", "2025-12-30"},  // Juldagen (Thu), Annandag jul, weekend → Monday
        {"2025-12-10", "2026-01-02", "2026-01-03"},  // Nyårsafton, Nyårsdagen → Friday 2 January
        {"2025-06-01", "2025-06-23", "2025-06-24"},  // Sunday 22 June → Monday
        {"2025-05-30", "2025-06-23", "2025-06-24"},  // Friday 20 June midsommarafton → Monday 23
        {"2004-05-10", "2004-06-01", "2004-06-02"},  // Annandag pingst 2004-05-31 was a holiday
        {"2023-02-24", "2023-03-17", "2023-03-18"},  // an ordinary Friday
    };
    for (const auto& c : cases) {
        INFO(c.posted);
        const auto p = *core::parse_date(c.posted);
        const auto got = rules::anslag_dates(p, p);
        CHECK(core::format_date(got.appeal_ends) == c.appeal_ends);
        CHECK(core::format_date(got.earliest_removal) == c.removal);
    }
}
