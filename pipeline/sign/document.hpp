// INTERNAL to sign/: the input PDF opened read-only with libqpdf (hardened and fuzzed; PoDoFo is
// not used by sign/), plus what the incremental update needs from the file's tail.
#pragma once

#include "core/files.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <cstddef>
#include <memory>

namespace kansli::sign::detail {

using OH = QPDFObjectHandle;

struct Document {
    std::unique_ptr<QPDF> qpdf;  ///< reads from the caller's bytes (they must outlive it)
    std::size_t last_xref = 0;   ///< offset named by the last startxref
    bool xref_stream = false;    ///< that section is a cross-reference stream
    int max_object = 0;          ///< highest object number in any cross-reference section
};

/// Opens `pdf` with recovery off. Throws core::Error (exit 1): unreadable; damaged (qpdf can
/// only open it by reconstructing the cross-reference table: the hint says to repair it first);
/// encrypted; no catalog.
Document open_document(const core::Bytes& pdf);

/// Follows a reference (qpdf does it on access): `oh` if direct; a null handle for a dangling one.
inline OH key_of(OH dict, const char* key) { return dict.isDictionary() ? dict.getKey(key) : OH::newNull(); }

}  // namespace kansli::sign::detail
