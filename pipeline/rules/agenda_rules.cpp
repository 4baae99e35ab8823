// Times of a kallelse's agenda.
#include "rules/common_rules.hpp"

namespace kansli::rules {

void check_agenda_times(const model::Kallelse& k, core::DiagSink& sink) {
    using model::format_hhmm;
    const auto& h = k.header;
    std::optional<int> last;   // latest time reached so far
    std::string last_what;     // what set it, for messages
    bool after_break = false;  // an item may start at the minute a break ends
    for (const auto& e : k.agenda) {
        if (const auto* item = std::get_if<model::AgendaItem>(&e.entry)) {
            if (!item->start_minutes) continue;
            const int t = *item->start_minutes;
            const std::string what = "item " + std::to_string(item->number);
            if (h.start_minutes && t < *h.start_minutes) {
                sink.error("agenda-time", item->loc,
                           what + " starts at " + format_hhmm(t) + ", before the meeting starts at " +
                               format_hhmm(*h.start_minutes),
                           "check tid=\"…\"");
            } else if (h.end_minutes && t > *h.end_minutes) {  // "Mötet avslutas" may be at the end
                sink.error("agenda-time", item->loc,
                           what + " starts at " + format_hhmm(t) + ", after the meeting ends (" +
                               format_hhmm(*h.end_minutes) + ")",
                           "check tid=\"…\"");
            } else if (last && (t < *last || (t == *last && !after_break))) {
                sink.error("agenda-time", item->loc,
                           what + " starts at " + format_hhmm(t) + ", not after " + last_what + " (" +
                               format_hhmm(*last) + ")",
                           "agenda times increase from item to item");
            }
            last = t;
            last_what = what;
            after_break = false;
        } else {
            const auto& br = std::get<model::Break>(e.entry);
            const std::string what = "the break " + format_hhmm(br.from_minutes) + "-" + format_hhmm(br.to_minutes);
            if (br.from_minutes >= br.to_minutes) {
                sink.error("agenda-time", br.loc, what + " ends before it starts",
                           "write <paus från=\"14:20\" till=\"14:45\">");
            } else if (last && br.from_minutes < *last) {
                sink.error("agenda-time", br.loc,
                           what + " starts before " + last_what + " (" + format_hhmm(*last) + ")",
                           "a break sits between the items it separates");
            }
            last = br.to_minutes;
            last_what = what;
            after_break = true;
        }
    }
}

}  // namespace kansli::rules
