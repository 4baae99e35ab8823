// Small, locale-free formatting helpers for PDF syntax and text strings (internal to render/).
#pragma once

#include "core/units.hpp"

#include <podofo/podofo.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace kansli::render {

/// Appends a fixed-point number given in thousandths ("12.5" for 12500), no exponent, no
/// trailing zeros, always '.' as the decimal point.
void append_milli(std::string& out, std::int64_t milli);

/// Appends a Length (1/1000 pt) in points.
inline void append_pt(std::string& out, core::Length l) { append_milli(out, l); }

/// A PDF text string: PDFDocEncoding when `utf8` is plain printable ASCII, otherwise UTF-16BE
/// with a byte order mark (PDF 32000-1 §7.9.2.2).
PoDoFo::PdfString text_string(std::string_view utf8);

/// Encodes one code point as UTF-8.
void append_utf8(std::string& out, char32_t c);

}  // namespace kansli::render
