// The cross-reference sections of a file, read on raw bytes before libqpdf: an object listed twice
// is an incremental saving attack (readers disagree on which entry wins).
#pragma once

#include "verify/scan.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kansli::verify {

/// Reads every xref section of the file (each revision's startxref, the /Prev and /XRefStm of
/// classic trailers, the /Prev of xref streams) and returns a description of the first classic
/// table that lists one object number twice or is malformed, or xref stream whose /Index
/// subsections overlap (or whose dictionary writes /Index, /Size, /Type or /Prev twice): readers
/// disagree on which entry wins, an incremental saving attack. In a hybrid-reference revision
/// (ISO 32000-1 7.5.8.4: a classic table whose trailer names an xref stream in /XRefStm) it also
/// decodes that stream (no filter or FlateDecode, optional PNG/TIFF predictor) and fails when an
/// object is in use in both sections at different places ("object N defined twice in one
/// revision: classic table and /XRefStm disagree"; free or absent in one of them is fine), or when
/// the /XRefStm cannot be read to the end of its /Index. Other xref streams' entries are left to
/// qpdf. nullopt when all are clean. Linear in the section sizes; decoded /XRefStm data is capped
/// at 64 MiB per file, decompression stops at the size the /Index needs.
std::optional<std::string> check_xref_tables(std::span<const std::uint8_t> pdf, const std::vector<EofMark>& marks);

}  // namespace kansli::verify
