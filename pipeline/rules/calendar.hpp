// The Swedish calendar as the law uses it for deadlines: public holidays (lag 1989:253), the
// days lag 1930:173 treats like them, working days, and the anslag dates of Kommunallagen.
#pragma once

#include "core/time.hpp"

#include <string>

namespace kansli::rules {

/// Easter Sunday of `year` (Gregorian computus, valid for 1583..9999).
core::Date easter_sunday(int year);

/// The name of the public holiday on `d` ("Långfredagen", "Midsommardagen", …), or "" when
/// `d` is not one. Sundays are holidays by law but are not named here. As the law stood in d's
/// year: Annandag pingst until 2004, Sveriges nationaldag from 2005 (SFS 2004:1320).
std::string public_holiday_name(const core::Date& d);
[[nodiscard]] bool is_public_holiday(const core::Date& d);

/// Midsommarafton, julafton or nyårsafton: not public holidays, but lag (1930:173) moves a
/// deadline falling on them like one.
[[nodiscard]] bool is_deadline_eve(const core::Date& d);

/// A day a deadline may fall on: Monday–Friday, not a public holiday, not an eve above.
[[nodiscard]] bool is_working_day(const core::Date& d);

/// `d` itself when it is a working day, else the next working day (lag 1930:173).
core::Date next_working_day_on_or_after(const core::Date& d);

/// `d` plus `days` calendar days.
core::Date add_days(const core::Date& d, int days);

/// The announcement dates that follow from a justering (Kommunallagen 8 kap. 12 § and
/// 13 kap. 5 §), all deadlines moved to the next working day.
struct AnslagDates {
    core::Date latest_posting;    ///< the second day after the justering
    core::Date appeal_ends;       ///< for a posting on `posted`: three weeks later (last day to appeal)
    core::Date earliest_removal;  ///< the day after appeal_ends: the notice may come down
};

/// `justering` is the justering date, `posted` the day the notice went up (pass the latest
/// posting day when not yet known). Inputs must be valid dates.
AnslagDates anslag_dates(const core::Date& justering, const core::Date& posted);

}  // namespace kansli::rules
