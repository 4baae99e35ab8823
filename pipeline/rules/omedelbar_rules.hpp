// Internal to rules/: omedelbar justering (issue 12 item 4).
#pragma once

#include "core/diagnostic.hpp"
#include "model/document.hpp"

namespace kansli::rules {

/// A § with justering="omedelbart-justerad" is justerad at the meeting itself, by the ordförande
/// and the justerare of <underskrifter> who are members: each must serve in that § (its
/// paragrafer="…" ranges) and not be jävig in it. Errors are located at the §.
void check_omedelbar(const model::Protokoll& p, core::DiagSink& sink);

}  // namespace kansli::rules
