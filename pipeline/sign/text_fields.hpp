// INTERNAL to sign/: sets the values of empty text fields inside an update being prepared.
#pragma once

#include "sign/document.hpp"
#include "sign/pdf_signer.hpp"
#include "sign/serialize.hpp"
#include "sign/update_writer.hpp"

#include <string>
#include <vector>

namespace kansli::sign::detail {

/// For each value: finds the terminal text field named value.field, refuses (core::Error, exit 1)
/// when it is missing, not a text field, or already has a non-empty /V; sets /V and the widget's
/// /AP /N (set_appearance, one line) and marks both in `changed` (the caller marks `acroform`).
void set_text_values(QPDF& q, UpdateWriter& writer, OH acroform, const std::vector<TextValue>& values,
                     const std::string& font_path, ChangedObjects& changed);

}  // namespace kansli::sign::detail
