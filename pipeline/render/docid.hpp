// A content-derived /ID for a written PDF, internal to render/.
#pragma once

#include "core/files.hpp"

namespace kansli::render {

/// Replaces both strings of the trailer's /ID [<…> <…>] in `pdf` (as written by PoDoFo: two
/// 32-digit hex strings) by the MD5 of the file with those digits zeroed, in place. The length
/// does not change, so the xref stays valid. Same content ⇒ same /ID, as with qpdf's
/// --deterministic-id. Throws core::Error (exit 2) if the trailer has no such /ID.
void set_content_id(core::Bytes& pdf);

}  // namespace kansli::render
