// Page annotations: URI links and empty signature fields (internal to render/).
#pragma once

#include "layout/pageset.hpp"

#include <podofo/podofo.h>

#include <string>
#include <vector>

namespace kansli::render {

/// Adds a /Link annotation with a /URI action for every layout::Link on `page`.
/// `pdf_date` ("D:…Z") replaces the "now" PoDoFo stamps into each annotation's /M.
void add_links(PoDoFo::PdfPage& page, const layout::Page& src, const PoDoFo::PdfString& pdf_date);

/// Adds one EMPTY signature field (/FT /Sig, /T, widget /F 4, no /V) per layout::SigSlot on
/// `page` to `form`, and appends each field name to `names`. Throws core::Error (exit 1) for
/// an empty name, a name containing '.', or a name already used.
void add_signature_fields(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfAcroForm& form, PoDoFo::PdfPage& page,
                          const layout::Page& src, const PoDoFo::PdfString& pdf_date, std::vector<std::string>& names);

/// Adds one empty one-line text field (/FT /Tx, no /V, widget /F 4 with an empty /AP /N) per
/// layout::TextFieldSlot of `src` (text_fields.cpp); names share `names` with the signature fields.
void add_text_fields(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfAcroForm& form, PoDoFo::PdfPage& page,
                     const layout::Page& src, const PoDoFo::PdfString& pdf_date, std::vector<std::string>& names);

/// Writes the catalog entry /KANS_SigningOrder [ (name) … ] that `kansli sign` reads, after
/// checking that every name is a signature field. Throws core::Error (exit 1) otherwise.
void add_signing_order(PoDoFo::PdfMemDocument& doc, const std::vector<std::string>& order,
                       const std::vector<std::string>& field_names);

}  // namespace kansli::render
