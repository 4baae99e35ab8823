// `kansli anslag` as a library call: the ANSLAG/BEVIS dates of a justerat protokoll filled in one
// incremental update (optionally signed by the registrar), with the dates the law fixes.
#pragma once

#include "core/time.hpp"

#include <iosfwd>
#include <optional>
#include <string>

namespace kansli::job {

struct AnslagConfig {
    std::string input;   ///< the signed protokoll (never overwritten)
    std::string output;  ///< written atomically; "-" standard output
    core::Date posted;   ///< --uppsatt: the day the notice goes up on the anslagstavla
    core::Instant time;  ///< /ModDate (and /M of the registrar's signature)
    /// With a key and certificate the update is a signature of the registrar (a new invisible
    /// field "Registrator"), made by sign_file; else it is unsigned.
    std::string key_path, cert_path, passphrase_file;
    std::optional<std::string> passphrase;
    std::string font_path;  ///< appearance font; empty: Liberation Sans
};

struct AnslagOutcome {
    core::Date justering;    ///< the date of the last justering signature
    core::Date posted;       ///< uppsättande
    core::Date appeal_ends;  ///< the last day of the appeal period (moved to a working day)
    core::Date removal;      ///< nedtagande: the day after
    std::string signer;      ///< the registrar, when signed
};

/// The dates for a notice posted on `posted` after a justering on `justering`. Throws core::Error
/// (exit 1) when `posted` is before the justering or after the last day to post it (Kommunallagen
/// 8 kap. 12 §: the second day after the justering, moved to a working day by lag 1930:173).
AnslagOutcome anslag_dates_for(const core::Date& justering, const core::Date& posted);

/// Reads cfg.input, checks that it is justerat (every field of its signing order signed, every
/// signature intact) and has the empty ANSLAG fields, and writes cfg.output. Throws core::Error:
/// exit 1 refusals (not justerat, no fields, dates outside the law, every refusal of sign), exit
/// 2 usage and I/O. Nothing is written on failure.
AnslagOutcome run_anslag(const AnslagConfig& cfg);

/// The demo's step: fills the ANSLAG dates of `signed_pdf` (posted on the justering day) into
/// `<stem>.anslag.pdf` at `time`, prints what it did, and returns the new file's path.
std::string demo_anslag(const std::string& signed_pdf, core::Instant time, std::ostream& out);

}  // namespace kansli::job
