// Structure of a protokoll: numbering, omfattar, attendance ranges, signers, ersätter.
#include "rules/protokoll_rules.hpp"

#include "core/names.hpp"
#include "rules/people.hpp"

#include <algorithm>

namespace kansli::rules {

using detail::in_ranges;
using detail::People;

namespace {

/// The §§ the protocol covers: first..last of its paragraphs (nullopt when it has none).
std::optional<model::ParagraphRange> covered(const model::Protokoll& p) {
    if (p.paragraphs.empty()) return std::nullopt;
    return model::ParagraphRange{p.paragraphs.front().number, p.paragraphs.back().number};
}

/// "Bianca Zandén (V)" → "Bianca Zandén": drops trailing "(…)" groups and spaces.
std::string bare_name(std::string s) {
    auto trim = [&s]() {
        while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
        while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.erase(s.begin());
    };
    trim();
    while (!s.empty() && s.back() == ')') {
        auto open = s.rfind('(');
        if (open == std::string::npos) break;
        s.erase(open);
        trim();
    }
    return s;
}

/// First § number inside [lo, hi] present in both range lists (empty = all), or 0.
int first_common(const model::ParagraphRanges& a, const model::ParagraphRanges& b, int lo, int hi) {
    for (int n = lo; n <= hi; ++n) {
        if (in_ranges(a, n) && in_ranges(b, n)) return n;
    }
    return 0;
}

}  // namespace

void check_numbering(const model::Protokoll& p, core::DiagSink& sink) {
    int expected = p.first_number;
    for (const auto& para : p.paragraphs) {
        if (para.number != expected) {
            const bool first = &para == &p.paragraphs.front();
            std::string msg =
                first ? "the first § is numbered " + para_ref(para.number) + " but <paragrafer första=\"" +
                            std::to_string(p.first_number) + "\">"
                      : para_ref(para.number) + " follows " + para_ref(expected - 1) + ": §§ are numbered continuously";
            sink.error("numbering", para.loc, msg,
                       "write nr=\"" + std::to_string(expected) + "\" or leave nr out to have it counted");
        }
        expected = para.number + 1;
    }
}

void check_omfattar(const model::Protokoll& p, core::DiagSink& sink) {
    const auto& declared = p.justering.declared_range;
    const auto actual = covered(p);
    if (!declared || !actual) return;
    if (*declared != *actual) {
        sink.error("omfattar", p.justering.loc,
                   "Protokollet omfattar " + model::format_range(*declared) +
                       " according to <omfattar>, but its §§ are " + model::format_range(*actual),
                   "write <omfattar>" + std::to_string(actual->first) + "-" + std::to_string(actual->last) +
                       "</omfattar>, or leave it out to have it derived");
    }
}

void check_attendance_ranges(const model::Protokoll& p, core::DiagSink& sink) {
    const auto actual = covered(p);
    if (!actual) return;
    for (const auto* list : {&p.attendance.members, &p.attendance.substitutes, &p.attendance.others}) {
        for (const auto& person : *list) {
            for (const auto& r : person.paragraphs) {
                if (r.first >= actual->first && r.last <= actual->last) continue;
                sink.error("attendance-range", person.loc,
                           person.name + " is listed for " + model::format_range(r) + ", outside the protocol's " +
                               model::format_range(*actual),
                           "paragrafer=\"…\" must lie within " + model::format_range(*actual));
                break;
            }
        }
    }
}

namespace {

/// The member who chairs the meeting: the one whose roll or tjänstgör-som is "Ordförande" (a
/// "1:a vice ordförande" acting as ordförande is the one), when exactly one member is.
const model::Person* chair(const model::Protokoll& p) {
    const model::Person* found = nullptr;
    for (const auto& m : p.attendance.members) {
        const std::string& role = m.acting_role.empty() ? m.role : m.acting_role;
        if (!core::same_person(role, "ordförande")) continue;
        if (found) return nullptr;  // two claim it: nothing to hold the signer to
        found = &m;
    }
    return found;
}

void check_ordforande(const model::Protokoll& p, const model::Signatory& s, const std::string& who,
                      core::DiagSink& sink) {
    const model::Person* c = chair(p);
    if (!c || c->id == s.ref) return;
    std::string role = "roll=\"" + c->role + "\"";
    if (!c->acting_role.empty()) role += (c->role.empty() ? "" : " ") + ("tjänstgör-som=\"" + c->acting_role + "\"");
    sink.error(
        "ordforande", s.loc,
        "the ordförande's <underskrift> names " + who + ", but " + c->name + " (" + role + ") chairs the meeting",
        c->id.empty() ? "give " + c->name + " an id=\"…\" and use it in ref=\"…\""
                      : "use ref=\"" + c->id + "\": the ordförande who signs is the one who chaired");
}

}  // namespace

void check_signers(const model::Protokoll& p, core::DiagSink& sink) {
    const People people(p);
    const auto& j = p.justering;
    for (std::size_t i = 0; i < j.justerare_refs.size(); ++i) {
        const auto& ref = j.justerare_refs[i];
        if (people.member(ref)) continue;
        const auto loc = i < j.justerare_locs.size() ? j.justerare_locs[i] : j.loc;
        sink.error("justerare", loc, "the justerare " + people.name(ref) + " is not among the beslutande ledamöter",
                   "utses-att-justera ref=\"…\" must name a <ledamot>");
    }
    for (const auto& s : j.signatories) {
        const std::string role = model::role_name(s.role);
        if (s.ref.empty() && s.name.empty()) {
            sink.error("signatory", s.loc, "the " + role + "'s <underskrift> has neither ref nor namn",
                       "write ref=\"id\" for a person of <närvaro>, or namn=\"…\" for someone else");
            continue;
        }
        if (!s.ref.empty() && !people.anyone(s.ref)) {
            sink.error("signatory", s.loc, "the " + role + " ref=\"" + s.ref + "\" names nobody in <närvaro>",
                       "use the id=\"…\" of a person listed in <närvaro>");
            continue;
        }
        if (s.role != model::SignerRole::Justerare && s.role != model::SignerRole::Ordforande) continue;
        const std::string who = s.name.empty() ? people.name(s.ref) : s.name;
        if (!people.member(s.ref)) {
            sink.error("justerare", s.loc, "the " + role + " " + who + " is not among the beslutande ledamöter",
                       "the " + role + " signs as a member: use ref=\"…\" naming a <ledamot>");
            continue;
        }
        if (s.role == model::SignerRole::Ordforande) check_ordforande(p, s, who, sink);
        if (s.role == model::SignerRole::Justerare &&
            std::find(j.justerare_refs.begin(), j.justerare_refs.end(), s.ref) == j.justerare_refs.end()) {
            sink.error("justerare", s.loc, who + " signs as justerare but was not appointed to justera",
                       "add <utses-att-justera ref=\"" + s.ref + "\"/> or correct the ref");
        }
    }
}

void check_replacements(const model::Protokoll& p, core::DiagSink& sink) {
    const auto actual = covered(p);
    if (!actual) return;
    for (const auto& sub : p.attendance.members) {
        if (sub.replaces.empty()) continue;
        const std::string replaced = bare_name(sub.replaces);
        for (const auto& m : p.attendance.members) {
            if (&m == &sub || m.name != replaced) continue;
            if (int n = first_common(sub.paragraphs, m.paragraphs, actual->first, actual->last)) {
                sink.error("ersatter", sub.loc,
                           sub.name + " ersätter " + replaced + ", who also serves in " + para_ref(n),
                           "a substitute serves only while the member is absent: give them paragrafer=\"…\" ranges "
                           "that do not overlap, or remove ersätter");
            }
        }
    }
}

}  // namespace kansli::rules
