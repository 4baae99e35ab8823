// INTERNAL to sign/: the § proof root a protokoll carries (/KANS_Data /ProofRoot, written by
// `kansli build`), as the signed attribute every signature of that protokoll includes.
#pragma once

#include "core/files.hpp"
#include "sign/document.hpp"

#include <vector>

namespace kansli::sign::detail {

/// The DER attribute of cms::paragraph_root_attribute for the document's root; empty when the
/// PDF carries none (any PDF not built by kansli as a protokoll). Throws core::Error (exit 1)
/// when /ProofRoot is there but is not 32 bytes.
std::vector<core::Bytes> paragraph_root_attributes(QPDF& doc);

}  // namespace kansli::sign::detail
