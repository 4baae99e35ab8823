// Who takes part in a §: votes, yrkanden, reservationer, jäv.
#include "rules/people.hpp"
#include "rules/protokoll_rules.hpp"

#include <set>

namespace kansli::rules {

using detail::People;

namespace {

struct VoteList {
    const char* label;  // "ja", "nej", "avstår"
    const std::optional<int>& count;
    const std::vector<std::string>& refs;
    const std::vector<core::SourceLoc>& locs;
};

/// Reports a reference that names no ledamot; true when it does name one.
bool known_member(const People& people, const std::string& ref, const std::string& where, const core::SourceLoc& loc,
                  core::DiagSink& sink) {
    if (people.member(ref)) return true;
    sink.error("reference", loc, where + ": av=\"" + ref + "\" names no beslutande ledamot",
               "use the id=\"…\" of a <ledamot>");
    return false;
}

}  // namespace

void check_votes(const model::Protokoll& p, core::DiagSink& sink) {
    const People people(p);
    for (const auto& para : p.paragraphs) {
        if (!para.vote) continue;
        const auto& v = *para.vote;
        const std::string where = para_ref(para.number);
        const VoteList lists[] = {{"ja", v.yes, v.yes_refs, v.yes_locs},
                                  {"nej", v.no, v.no_refs, v.no_locs},
                                  {"avstår", v.abstain, v.abstain_refs, v.abstain_locs}};
        int total = 0;
        std::set<std::string> seen;
        for (const auto& l : lists) {
            const int listed = static_cast<int>(l.refs.size());
            if (l.count && listed > 0 && *l.count != listed) {
                sink.error("vote-count", v.loc,
                           where + ": " + l.label + "=\"" + std::to_string(*l.count) + "\" but " +
                               std::to_string(listed) + (listed == 1 ? " name is" : " names are") + " listed under <" +
                               l.label + ">",
                           "make the count agree with the names, or give only one of them");
            }
            total += listed > 0 ? listed : l.count.value_or(0);  // names win over a count that disagrees
            for (std::size_t i = 0; i < l.refs.size(); ++i) {
                const auto& ref = l.refs[i];
                const auto& loc = i < l.locs.size() ? l.locs[i] : v.loc;
                if (!known_member(people, ref, where, loc, sink)) continue;
                const std::string who = people.name(ref);
                if (!seen.insert(ref).second) {
                    sink.error("voter", loc, where + ": " + who + " votes more than once",
                               "each member appears in at most one of <ja>, <nej>, <avstår>, once");
                } else if (!people.serves(ref, para.number)) {
                    sink.error("voter", loc, where + ": " + who + " votes but does not serve in " + where,
                               "only beslutande ledamöter serving in the § vote; check paragrafer=\"…\" of " + who);
                } else if (People::javig(para, ref)) {
                    sink.error("voter", loc,
                               where + ": " + who + " is jävig in " + where + " and takes no part in its votes",
                               "remove the vote, or the <jäv>");
                }
            }
        }
        const int voters = people.voting_members(para);
        if (total > voters) {
            sink.error("vote-tally", v.loc,
                       where + ": the vote counts " + std::to_string(total) + " votes but only " +
                           std::to_string(voters) + (voters == 1 ? " member serves" : " members serve") + " in " +
                           where,
                       "ja + nej + avstår cannot exceed the serving members who are not jäviga");
        }
    }
}

void check_participation(const model::Protokoll& p, core::DiagSink& sink) {
    const People people(p);
    for (const auto& para : p.paragraphs) {
        const std::string where = para_ref(para.number);
        for (const auto& j : para.jav) {
            if (!known_member(people, j.by_ref, where, j.loc, sink)) continue;
            if (!people.serves(j.by_ref, para.number)) {
                sink.error("jav", j.loc,
                           where + ": " + people.name(j.by_ref) + " is jävig but does not serve in " + where,
                           "jäv concerns a member serving in the §; check paragrafer=\"…\"");
            }
        }
        for (const auto& m : para.motions) {
            if (!known_member(people, m.by_ref, where, m.loc, sink)) continue;
            const std::string who = people.name(m.by_ref);
            if (!people.serves(m.by_ref, para.number)) {
                sink.error(
                    "motion", m.loc, where + ": " + who + " yrkar but does not serve in " + where,
                    "only beslutande ledamöter serving in the § make yrkanden; check paragrafer=\"…\" of " + who);
            } else if (People::javig(para, m.by_ref)) {
                sink.error("motion", m.loc, where + ": " + who + " is jävig in " + where + " and takes no part in it",
                           "remove the yrkande, or the <jäv>");
            }
        }
        for (const auto& r : para.reservations) {
            if (!known_member(people, r.by_ref, where, r.loc, sink)) continue;
            const std::string who = people.name(r.by_ref);
            if (!people.serves(r.by_ref, para.number)) {
                sink.error(
                    "reservation", r.loc, where + ": " + who + " reserverar sig but does not serve in " + where,
                    "only members taking part in the decision can reserve themselves; check paragrafer=\"…\" of " +
                        who);
            } else if (People::javig(para, r.by_ref)) {
                sink.error("reservation", r.loc,
                           where + ": " + who + " reserverar sig but is jävig in " + where + " and takes no part in it",
                           "remove the reservation, or the <jäv>");
            }
        }
    }
}

}  // namespace kansli::rules
