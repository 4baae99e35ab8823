// The one serialisation of a rendered document: the QPDF object graph that rewrite_with_qpdf()
// finished (PoDoFo's objects, the structure tree, the output intent, appended pages) written as a
// complete PDF with object streams and a cross-reference stream (ISO 32000-1 7.5.7, 7.5.8).
//
// Why not QPDFWriter: it pipes every token of every object in an object stream through its own
// zlib stream, twice (once to count offsets), and offers no hook to change that. For a protokoll
// of ~390 objects that was 2.7 ms against 0.5 ms here (qpdf's own unparse of each number and
// string, one libdeflate call per object stream), 10 % of the instructions of an archive ingest.
// qpdf still parses, checks and holds every object; this file decides numbers, offsets and the
// layout, and writes names itself (qpdf 11.3 leaves a '#' in a name unescaped).
//
// The output: "%PDF-1.x" (at least 1.5) and a binary comment; the objects the file refers to,
// from the trailer's /Root and /Info on, numbered 1… breadth first in the order they are written
// (dictionary keys sorted), generation 0; streams as indirect objects (their raw data, an
// uncompressed one Flate-compressed unless it is XMP /Metadata, /Length direct, an end-of-line
// before "endstream" as ISO 19005-2 6.1.7.1 asks); every other object in object streams of at
// most 100; a cross-reference stream whose trailer has /Root, /Info and an /ID of zeros
// (render::set_content_id replaces it). References to objects that do not exist (or are null)
// are written as null, and dictionary keys whose value is null are left out, as a reader would
// treat them. The same graph gives the same bytes.
#pragma once

#include "core/files.hpp"

#include <qpdf/QPDF.hh>

namespace kansli::render {

/// Object streams hold at most this many objects (QPDFWriter's default as well).
constexpr int kObjectsPerStream = 100;

/// Direct arrays and dictionaries nested deeper than this are refused (qpdf's parser stops at
/// 500; what kansli makes is a few levels deep).
constexpr int kMaxWriteNesting = 1000;

/// `pdf` serialised as described above. Throws std::exception when a stream's data cannot be
/// read (an appended PDF's damaged stream) or the nesting limit is passed.
[[nodiscard]] core::Bytes write_pdf(QPDF& pdf);

}  // namespace kansli::render
