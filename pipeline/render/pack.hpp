// The written PDF's small objects packed into object streams (internal to render/).
#pragma once

#include "core/files.hpp"

namespace kansli::render {

/// Rewrites `pdf` (qpdf) with every object that is not a stream in compressed object streams and
/// a cross-reference stream (ISO 32000-1 7.5.7, 7.5.8; PDF/A-2 allows both). The structure tree
/// is hundreds of small dictionaries: unpacked it would add half again to a protokoll's size.
/// Stream data is copied as it is; the /ID is qpdf's static one, replaced by set_content_id.
[[nodiscard]] core::Bytes pack_objects(const core::Bytes& pdf);

}  // namespace kansli::render
