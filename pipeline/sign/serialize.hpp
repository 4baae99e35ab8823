// INTERNAL to sign/: compact PDF text of a qpdf object for the objects an update rewrites.
// QPDFObjectHandle::unparse() writes any string with a non-ASCII byte as hex (a UTF-16 /Author
// doubles in size) and spaces every token; this writes literal strings (binary bytes raw, the
// delimiters and CR escaped) and only the spaces PDF needs.
#pragma once

#include "sign/document.hpp"

#include <string>

namespace kansli::sign::detail {

/// The PDF text of `o` (a direct value; nested indirect objects are written as "N G R").
/// Dictionary entries whose value is null are left out (qpdf treats them as absent). Throws
/// core::Error for a stream or nesting deeper than 256 (the input was pre-scanned to 64).
std::string pdf_text(OH o);

}  // namespace kansli::sign::detail
