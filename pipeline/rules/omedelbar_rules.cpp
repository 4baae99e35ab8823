#include "rules/omedelbar_rules.hpp"

#include "rules/people.hpp"

namespace kansli::rules {

void check_omedelbar(const model::Protokoll& p, core::DiagSink& sink) {
    const detail::People people(p);
    for (const auto& par : p.paragraphs) {
        if (par.justering != model::JusteringKind::OmedelbartJusterad) continue;
        const std::string nr = "§" + std::to_string(par.number);
        for (const auto& s : p.justering.signatories) {
            if (s.role != model::SignerRole::Justerare && s.role != model::SignerRole::Ordforande) continue;
            if (s.ref.empty() || !people.member(s.ref)) continue;  // check_signers reports these
            const std::string who = people.name(s.ref);
            const std::string role = model::role_name(s.role);
            if (!people.serves(s.ref, par.number)) {
                sink.error(
                    "omedelbar", par.loc,
                    nr + " is omedelbart justerad, but its " + role + " " + who + " does not serve in " + nr,
                    "a § justerad at the meeting needs its justering signers present: check paragrafer=\"…\" of " +
                        who + ", or remove justering=\"omedelbart-justerad\"");
            } else if (detail::People::javig(par, s.ref)) {
                sink.error("omedelbar", par.loc,
                           nr + " is omedelbart justerad, but its " + role + " " + who + " is jävig in " + nr,
                           "a § justerad at the meeting needs its justering signers to take part in it");
            }
        }
    }
}

}  // namespace kansli::rules
