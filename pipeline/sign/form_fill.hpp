// Filling the empty text fields that `kansli build` made (the ANSLAG/BEVIS dates) in one
// incremental update, unsigned; and what a signed PDF says about its justering. The signed fill
// is sign_pdf with SignRequest::text_values.
#pragma once

#include "core/files.hpp"
#include "core/time.hpp"
#include "sign/pdf_signer.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kansli::sign {

/// The justering of a PDF made by `kansli build`: its signing order and how far it has come.
struct JusteringState {
    std::vector<std::string> order;               ///< /KANS_SigningOrder (empty: not a kansli protokoll)
    std::vector<std::string> unsigned_fields;     ///< fields of the order without a signature
    std::vector<std::string> problems;            ///< existing signatures that do not check out
    std::optional<core::Date> last_date;          ///< the date of /M of the last signature of the order
    std::vector<std::string> empty_text_fields;   ///< text fields without a value
    std::vector<std::string> filled_text_fields;  ///< text fields with a value
};

/// Reads `pdf` (the hardened reader's limits of sign_pdf). Throws core::Error (exit 1) when the
/// file cannot be read.
JusteringState read_justering(const core::Bytes& pdf);

/// The input bytes unchanged, then one incremental update that sets /V and a one-line
/// appearance (font_path, or the document's shared signature font) of each existing, empty text
/// field of `values`, and /Info /ModDate = time. Throws core::Error (exit 1): not a PDF, damaged,
/// an existing signature that does not check out, a field missing, not a text field, or filled.
[[nodiscard]] core::Bytes fill_text_fields(const core::Bytes& pdf, const std::vector<TextValue>& values,
                                           core::Instant time, const std::string& font_path);

}  // namespace kansli::sign
