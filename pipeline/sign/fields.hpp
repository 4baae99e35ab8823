// INTERNAL to sign/: signature fields of a loaded PDF (includes PoDoFo; never include it outside
// sign/*.cpp). Walks AcroForm /Fields and /Kids with a visited set and a depth cap.
#pragma once

#include <podofo/podofo.h>

#include <string>
#include <vector>

namespace kansli::sign::detail {

/// One terminal signature field.
struct SigField {
    PoDoFo::PdfObject* field = nullptr;   ///< the field dictionary (holds /T, /FT, /V)
    PoDoFo::PdfObject* widget = nullptr;  ///< its widget annotation (often the same object)
    std::string name;                     ///< fully qualified name, UTF-8 (partial names joined by '.')
    std::string tooltip;                  ///< /TU, UTF-8 (e.g. the expected signer's name), may be empty
    bool is_signed = false;               ///< has /V
};

/// All terminal fields with /FT /Sig (inherited) in /Fields order. Throws nothing but PdfError.
std::vector<SigField> signature_fields(PoDoFo::PdfMemDocument& doc);

/// The /KANS_SigningOrder array of the catalog as UTF-8 strings; empty when absent.
std::vector<std::string> signing_order(PoDoFo::PdfMemDocument& doc);

/// UTF-8 of a PDF string object (PDFDocEncoding or UTF-16BE); empty when not a string.
std::string utf8_of(const PoDoFo::PdfObject* obj);

/// The page holding `widget` (by /P, else by searching every page's /Annots); nullptr if none.
PoDoFo::PdfPage* page_of(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfObject* widget);

}  // namespace kansli::sign::detail
