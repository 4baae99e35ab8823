// Checks of a protokoll. Kinds in parentheses.
#pragma once

#include "core/diagnostic.hpp"
#include "model/document.hpp"

#include <string>

namespace kansli::rules {

/// "§12": a § as the messages name it.
inline std::string para_ref(int n) { return "§" + std::to_string(n); }

/// §§ numbered continuously from första; a given nr= must be the next number ("numbering").
void check_numbering(const model::Protokoll& p, core::DiagSink& sink);
/// A declared <omfattar> equals the §§ actually present ("omfattar").
void check_omfattar(const model::Protokoll& p, core::DiagSink& sink);
/// Every paragrafer="…" of the attendance lies inside the protocol's §§ ("attendance-range").
void check_attendance_ranges(const model::Protokoll& p, core::DiagSink& sink);
/// Justerare and ordförande are beslutande ledamöter; a signing justerare was appointed;
/// every <underskrift> has exactly one of ref/namn and its ref names a person ("justerare",
/// "signatory").
void check_signers(const model::Protokoll& p, core::DiagSink& sink);
/// Nobody ersätter a member who serves in the same §§ ("ersatter").
void check_replacements(const model::Protokoll& p, core::DiagSink& sink);
/// Votes: counts agree with name lists ("vote-count"), ja + nej + avstår ≤ members serving
/// ("vote-tally"), every voter serves in the §, is not jävig and votes once ("voter").
void check_votes(const model::Protokoll& p, core::DiagSink& sink);
/// Yrkanden and reservationer only by members serving in the § and not jäviga ("reservation",
/// "motion"); jäv by a known member ("jav"); every av= names a ledamot ("reference").
void check_participation(const model::Protokoll& p, core::DiagSink& sink);
/// Justering within 14 days of the meeting when its date is written in <plats-och-tid>;
/// anslag posted after the meeting and justering, no later than the second day after it,
/// and taken down only after the appeal period ("anslag", "justering-date").
void check_anslag(const model::Protokoll& p, core::DiagSink& sink);

}  // namespace kansli::rules
