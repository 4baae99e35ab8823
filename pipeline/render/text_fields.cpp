// Empty text fields (the ANSLAG/BEVIS dates of a protokoll), filled later by `kansli anslag`.
#include "core/diagnostic.hpp"
#include "render/annotations.hpp"
#include "render/pdf_text.hpp"

#include <algorithm>
#include <cstdio>

namespace kansli::render {

namespace {

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

// /DR /Font /Helv for the fields' /DA (a viewer that edits a field needs one; the appearance
// kansli writes never uses it), direct in the AcroForm as `kansli sign` expects.
void ensure_default_font(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfAcroForm& form) {
    auto& af = form.GetObject()->GetDictionary();
    if (!af.HasKey("DR")) af.AddKey("DR", PoDoFo::PdfDictionary());
    auto& dr = af.GetKey("DR")->GetDictionary();
    if (!dr.HasKey("Font")) dr.AddKey("Font", PoDoFo::PdfDictionary());
    auto& fonts = dr.GetKey("Font")->GetDictionary();
    if (fonts.HasKey("Helv")) return;
    PoDoFo::PdfObject* helv = doc.GetObjects().CreateObject("Font");
    helv->GetDictionary().AddKey("Subtype", PoDoFo::PdfName("Type1"));
    helv->GetDictionary().AddKey("BaseFont", PoDoFo::PdfName("Helvetica"));
    helv->GetDictionary().AddKey("Encoding", PoDoFo::PdfName("WinAnsiEncoding"));
    fonts.AddKey("Helv", helv->Reference());
}

}  // namespace

void add_text_fields(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfAcroForm& form, PoDoFo::PdfPage& page,
                     const layout::Page& src, const PoDoFo::PdfString& pdf_date, std::vector<std::string>& names) {
    for (const auto& slot : src.text_fields) {
        if (slot.field_name.empty() || slot.field_name.find('.') != std::string::npos ||
            std::find(names.begin(), names.end(), slot.field_name) != names.end()) {
            throw core::Error(core::ExitCode::Invalid, "render", {},
                              "text field name '" + slot.field_name + "' is empty, has a '.', or is used twice",
                              "this is a bug in layout");
        }
        ensure_default_font(doc, form);
        const PoDoFo::PdfRect rect(core::to_pt(slot.x), core::to_pt(slot.y), core::to_pt(slot.w), core::to_pt(slot.h));
        PoDoFo::PdfAnnotation* widget = page.CreateAnnotation(PoDoFo::ePdfAnnotation_Widget, rect);
        widget->SetFlags(PoDoFo::ePdfAnnotationFlags_Print);
        auto& d = widget->GetObject()->GetDictionary();
        d.AddKey("M", pdf_date);
        PoDoFo::PdfTextField field(widget, &form);
        field.SetFieldName(text_string(slot.field_name));
        if (!slot.tooltip.empty()) field.SetAlternateName(text_string(slot.tooltip));
        d.RemoveKey("DS");  // PoDoFo's rich-text default style: not a rich-text field
        d.AddKey("DA", PoDoFo::PdfString("/Helv " + fmt(core::to_pt(slot.font_size)) + " Tf 0 g"));
        // An empty appearance: the field prints as nothing until it is filled.
        PoDoFo::PdfObject* ap = doc.GetObjects().CreateObject("XObject");
        auto& apd = ap->GetDictionary();
        apd.AddKey("Subtype", PoDoFo::PdfName("Form"));
        PoDoFo::PdfArray bbox;
        for (double v : {0.0, 0.0, core::to_pt(slot.w), core::to_pt(slot.h)}) bbox.push_back(PoDoFo::PdfVariant(v));
        apd.AddKey("BBox", bbox);
        ap->GetStream()->Set("", 0);
        PoDoFo::PdfDictionary apdict;
        apdict.AddKey("N", ap->Reference());
        d.AddKey("AP", apdict);
        names.push_back(slot.field_name);
    }
}

}  // namespace kansli::render
