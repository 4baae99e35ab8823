// `kansli utdrag`: protokollsutdrag that prove themselves (issue 12). From a justerat protokoll
// (every justering signature present and passing), the chosen §§ laid out as in the protokoll,
// carrying the proof verify/utdrag_check.hpp checks: the § texts, their Merkle inclusion paths to
// the root every justering signature signed, and those signatures (CMS with certificates).
#pragma once

#include "core/diagnostic.hpp"
#include "core/time.hpp"

#include <string>
#include <vector>

namespace kansli::job {

struct UtdragRequest {
    std::string input;              ///< the signed protokoll PDF, or its source XML
    std::string protokoll;          ///< with a source XML: the signed protokoll PDF (required)
    std::vector<int> paragraphs;    ///< § numbers; empty with per_recipient_dir: every § with recipients
    std::string output;             ///< one extract; empty: beside the PDF, "<stem>.utdrag-§35-§39.pdf"
    std::string per_recipient_dir;  ///< one extract per recipient named in <expedieras-till>
    std::string certifier;          ///< name under the Utdragsbestyrkande line; empty: the sekreterare
    std::string home;
    std::vector<std::string> trust, certs, crls;  ///< to verify the protokoll's justering signatures
    core::Instant time;                           ///< build time of the extract and verification time
};

struct UtdragResult {
    std::vector<std::string> outputs;     ///< the extracts written
    std::vector<std::string> recipients;  ///< per recipient: who each one is for (same order)
};

/// Throws core::Error: exit 1 when the protokoll is not justerat (a justering signature missing
/// or not passing), its source does not give the § proof root its signatures carry, a § is not in
/// it, or no § names a recipient (per recipient); exit 2 for usage and I/O. Writes atomically.
UtdragResult make_utdrag(const UtdragRequest& req);

}  // namespace kansli::job
