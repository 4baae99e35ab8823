// INTERNAL to sign/: signature fields of a PDF opened with qpdf. Walks AcroForm /Fields and
// /Kids with a visited set and a depth cap.
#pragma once

#include "sign/document.hpp"

#include <string>
#include <vector>

namespace kansli::sign::detail {

/// One terminal signature field.
struct SigField {
    OH field;                ///< the field dictionary (holds /T, /FT, /V)
    OH widget;               ///< its widget annotation (often the same object)
    std::string name;        ///< fully qualified name, UTF-8 (partial names joined by '.')
    std::string tooltip;     ///< /TU, UTF-8 (e.g. the expected signer's name), may be empty
    bool is_signed = false;  ///< has /V
};

/// All terminal fields with /FT /Sig (inherited) in /Fields order. Throws qpdf's exceptions on
/// objects it cannot read.
std::vector<SigField> signature_fields(QPDF& doc);

/// All terminal text fields (/FT /Tx, inherited), as SigField (is_signed: has a /V).
std::vector<SigField> text_fields(QPDF& doc);

/// The /KANS_SigningOrder array of the catalog as UTF-8 strings; empty when absent.
std::vector<std::string> signing_order(QPDF& doc);

/// UTF-8 of a PDF string object (PDFDocEncoding or UTF-16BE); empty when not a string.
std::string utf8_of(OH obj);

}  // namespace kansli::sign::detail
