// INTERNAL to sign/: the signing time in the XMP metadata as in /Info, so that a signed PDF/A
// keeps Info /ModDate and xmp:ModifyDate equal (ISO 19005-2 6.6.2.1 via ISO 32000-1 14.3.2).
#pragma once

#include "core/time.hpp"
#include "sign/document.hpp"
#include "sign/update_writer.hpp"

namespace kansli::sign::detail {

/// When the catalog has an XMP /Metadata stream that holds xmp:ModifyDate, queues in `writer` the
/// same stream object rewritten (same number and generation, unfiltered) with xmp:ModifyDate and
/// xmp:MetadataDate (where present) set to `time`, every other byte of the packet unchanged, and
/// returns true: the caller updates /Info /ModDate too. Without an XMP stream: true, nothing
/// written (only /Info carries a date). An XMP stream without xmp:ModifyDate, or one that cannot
/// be read within 1 MiB: false, nothing written (the caller leaves /Info alone: the two dates
/// change together or not at all).
bool update_xmp_dates(QPDF& doc, UpdateWriter& writer, core::Instant time);

}  // namespace kansli::sign::detail
