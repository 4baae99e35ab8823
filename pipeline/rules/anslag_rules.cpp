// Dates of justering and anslag (Kommunallagen 5 kap. 69 §, 8 kap. 12 §, 13 kap. 5 §).
#include "rules/calendar.hpp"
#include "rules/protokoll_rules.hpp"

#include <cctype>

namespace kansli::rules {

namespace {

/// The first YYYY-MM-DD in free text ("Digital justering 2023-03-03"), when it is a real date.
std::optional<core::Date> date_in(const std::string& text) {
    for (std::size_t i = 0; i + 10 <= text.size(); ++i) {
        if (i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1]))) continue;
        if (auto d = core::parse_date(std::string_view(text).substr(i, 10))) return d;
    }
    return std::nullopt;
}

}  // namespace

void check_anslag(const model::Protokoll& p, core::DiagSink& sink) {
    const core::Date meeting = p.header.date;
    if (!core::is_valid_date(meeting)) return;  // reported by check_dates
    const auto justering = date_in(p.justering.place_and_time);
    if (justering) {
        const auto days = core::days_from_civil(*justering) - core::days_from_civil(meeting);
        if (days < 0) {
            sink.error("justering-date", p.justering.loc,
                       "the justering on " + core::format_date(*justering) + " is before the meeting on " +
                           core::format_date(meeting),
                       "check the date in <plats-och-tid>");
        } else if (days > 14) {
            sink.error("justering-date", p.justering.loc,
                       "the justering on " + core::format_date(*justering) + " is " + std::to_string(days) +
                           " days after the meeting; the law allows 14",
                       "justera by " + core::format_date(add_days(meeting, 14)) + " (Kommunallagen 5 kap. 69 §)");
        }
    }
    const auto& a = p.anslag;
    const bool posted_ok = a.posted && core::is_valid_date(*a.posted);
    if (posted_ok) {
        const core::Date earliest = justering ? *justering : meeting;
        if (*a.posted < earliest) {
            sink.error("anslag", a.loc,
                       "the notice is posted on " + core::format_date(*a.posted) + ", before the " +
                           (justering ? "justering on " : "meeting on ") + core::format_date(earliest),
                       "uppsatt is the day the justering is announced, on or after it");
        } else if (justering) {
            const auto dates = anslag_dates(*justering, *a.posted);
            if (*a.posted > dates.latest_posting) {
                sink.error("anslag", a.loc,
                           "the notice is posted on " + core::format_date(*a.posted) + ", later than " +
                               core::format_date(dates.latest_posting) + ", the second day after the justering",
                           "post it by " + core::format_date(dates.latest_posting) + " (Kommunallagen 8 kap. 12 §)");
            }
        }
    }
    if (a.removed && core::is_valid_date(*a.removed)) {
        if (!posted_ok) {
            sink.error("anslag", a.loc, "nedtas is given but not uppsatt",
                       "give the posting date uppsatt=\"YYYY-MM-DD\"");
            return;
        }
        const auto dates = anslag_dates(justering.value_or(*a.posted), *a.posted);
        if (*a.removed < dates.earliest_removal) {
            sink.error("anslag", a.loc,
                       "the notice comes down on " + core::format_date(*a.removed) +
                           ", but the appeal period runs until " + core::format_date(dates.appeal_ends),
                       "nedtas must be " + core::format_date(dates.earliest_removal) +
                           " or later: three weeks from uppsatt, moved to a working day (Kommunallagen 13 kap. 5 §)");
        }
    }
}

}  // namespace kansli::rules
