#include "render/annotations.hpp"

#include "core/diagnostic.hpp"
#include "render/pdf_text.hpp"

#include <algorithm>

namespace kansli::render {

namespace {

using PoDoFo::PdfName;

PoDoFo::PdfRect rect_of(core::Length x, core::Length y, core::Length w, core::Length h) {
    return PoDoFo::PdfRect(core::to_pt(x), core::to_pt(y), core::to_pt(w), core::to_pt(h));
}

[[noreturn]] void bad_layout(const std::string& message) {
    throw core::Error(core::ExitCode::Invalid, "render", {}, message,
                      "signature fields come from the document's signature slots; check their names");
}

}  // namespace

void add_links(PoDoFo::PdfPage& page, const layout::Page& src, const PoDoFo::PdfString& pdf_date) {
    for (const auto& op : src.ops) {
        const auto* link = std::get_if<layout::Link>(&op);
        if (!link || link->uri.empty()) continue;
        PoDoFo::PdfAnnotation* a =
            page.CreateAnnotation(PoDoFo::ePdfAnnotation_Link, rect_of(link->x, link->y, link->w, link->h));
        auto& d = a->GetObject()->GetDictionary();
        d.AddKey("M", pdf_date);
        d.AddKey("F", static_cast<PoDoFo::pdf_int64>(PoDoFo::ePdfAnnotationFlags_Print));
        PoDoFo::PdfArray border;
        border.push_back(static_cast<PoDoFo::pdf_int64>(0));
        border.push_back(static_cast<PoDoFo::pdf_int64>(0));
        border.push_back(static_cast<PoDoFo::pdf_int64>(0));
        d.AddKey("Border", border);
        PoDoFo::PdfDictionary action;
        action.AddKey(PdfName::KeyType, PdfName("Action"));
        action.AddKey("S", PdfName("URI"));
        // URIs are 7-bit ASCII (RFC 3986); anything else is passed as bytes, as PDF expects.
        action.AddKey("URI", PoDoFo::PdfString(link->uri));
        d.AddKey("A", action);
    }
}

void add_signature_fields(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfAcroForm& form, PoDoFo::PdfPage& page,
                          const layout::Page& src, const PoDoFo::PdfString& pdf_date, std::vector<std::string>& names) {
    for (const auto& op : src.ops) {
        const auto* slot = std::get_if<layout::SigSlot>(&op);
        if (!slot) continue;
        const std::string& name = slot->field_name;
        if (name.empty()) bad_layout("a signature slot has no field name");
        if (name.find('.') != std::string::npos) {
            bad_layout("signature field name '" + name + "' contains '.', which PDF reserves for field hierarchies");
        }
        if (std::find(names.begin(), names.end(), name) != names.end()) {
            bad_layout("two signature slots are both named '" + name + "'");
        }
        PoDoFo::PdfAnnotation* widget =
            page.CreateAnnotation(PoDoFo::ePdfAnnotation_Widget, rect_of(slot->x, slot->y, slot->w, slot->h));
        widget->SetFlags(PoDoFo::ePdfAnnotationFlags_Print);
        widget->GetObject()->GetDictionary().AddKey("M", pdf_date);
        // bInit=false: no /V; the field stays empty until `kansli sign` fills it (facts §1 trap 5).
        PoDoFo::PdfSignatureField field(widget, &form, &doc, false);
        field.SetFieldName(text_string(name));
        if (!slot->signer_name.empty()) {
            // /TU: the user-facing name shown by viewers ("Sekreterare: Anna Andersson").
            field.SetAlternateName(text_string(name + ": " + slot->signer_name));
        }
        names.push_back(name);
    }
}

void add_signing_order(PoDoFo::PdfMemDocument& doc, const std::vector<std::string>& order,
                       const std::vector<std::string>& field_names) {
    PoDoFo::PdfArray array;
    for (const auto& name : order) {
        if (std::find(field_names.begin(), field_names.end(), name) == field_names.end()) {
            bad_layout("the signing order names '" + name + "', but no signature slot has that name");
        }
        if (std::count(order.begin(), order.end(), name) > 1) {
            bad_layout("the signing order names '" + name + "' twice");
        }
        array.push_back(text_string(name));
    }
    doc.GetCatalog()->GetDictionary().AddKey("KANS_SigningOrder", array);
}

}  // namespace kansli::render
