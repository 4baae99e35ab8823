// INTERNAL to sign/: the pieces of the update protocol that the long-term revisions (ltv.cpp,
// doc_timestamp.cpp) share with pdf_signer.cpp (trailer_info is in update_writer.hpp).
#pragma once

#include "core/files.hpp"
#include "sign/document.hpp"
#include "sign/fields.hpp"
#include "sign/target.hpp"
#include "sign/update_writer.hpp"

#include <vector>

namespace kansli::sign::detail {

/// The new invisible field of a document time-stamp, "Dokumenttidsstämpel" (then "… 2", "… 3"):
/// the first name no field has. Throws core::Error (exit 1) when an existing signature or
/// document time-stamp does not check out (check_existing_signatures).
Target document_timestamp_target(const core::Bytes& pdf, const std::vector<SigField>& fields);

}  // namespace kansli::sign::detail
