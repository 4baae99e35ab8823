#include "verify/anslag.hpp"

#include "core/anslag_fields.hpp"
#include "core/time.hpp"
#include "verify/sigfields.hpp"

#include <cmath>
#include <exception>

namespace kansli::verify {
namespace {

using OH = QPDFObjectHandle;

std::string value_of(OH field) {
    OH v = field.getKey("/V");
    return v.isString() ? v.getUTF8Value() : std::string();
}

std::optional<double> rect_side(OH rect, int i) {
    if (!rect.isArray() || rect.getArrayNItems() != 4) return std::nullopt;
    OH lo = rect.getArrayItem(i), hi = rect.getArrayItem(i + 2);
    if (!lo.isNumber() || !hi.isNumber()) return std::nullopt;
    const double v = std::fabs(hi.getNumericValue() - lo.getNumericValue());
    return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

// /AP << /N form XObject >> whose /BBox lies within the widget's size (a viewer clips to it).
bool small_appearance(OH widget) {
    OH n = widget.getKey("/AP").getKey("/N");
    if (!n.isStream() || !name_is(n.getDict(), "/Subtype", "/Form")) return false;
    OH bbox = n.getDict().getKey("/BBox");
    if (!bbox.isArray() || bbox.getArrayNItems() != 4) return false;
    for (int i = 0; i < 2; ++i) {
        OH lo = bbox.getArrayItem(i);
        if (!lo.isNumber() || lo.getNumericValue() < 0) return false;
        const auto box = rect_side(bbox, i);
        const auto rect = rect_side(widget.getKey("/Rect"), i);
        if (!box || !rect || *box > *rect + 0.01) return false;
    }
    return true;
}

// Each field of the order signed, both ANSLAG fields empty, in one revision.
bool justerat_before_fill(QPDF& pdf) {
    OH order = pdf.getRoot().getKey("/KANS_SigningOrder");
    if (!order.isArray() || order.getArrayNItems() == 0) return false;
    std::vector<std::string> problems;
    const auto signed_fields = find_signature_fields(pdf, problems);
    for (int i = 0; i < order.getArrayNItems() && i < 64; ++i) {
        OH name = order.getArrayItem(i);
        if (!name.isString()) return false;
        bool found = false;
        for (const auto& s : signed_fields) found = found || (s.name == name.getUTF8Value() && !OH(s.value).isNull());
        if (!found) return false;
    }
    OH fields = pdf.getRoot().getKey("/AcroForm").getKey("/Fields");
    if (!fields.isArray()) return false;
    int empty = 0;
    for (int i = 0; i < fields.getArrayNItems() && i < 100000; ++i) {
        OH f = fields.getArrayItem(i);
        if (is_anslag_field(f) && value_of(f).empty()) ++empty;
    }
    return empty == 2;
}

}  // namespace

bool is_anslag_field(OH o) {
    if (!o.isDictionary() || !name_is(o, "/FT", "/Tx") || !name_is(o, "/Subtype", "/Widget")) return false;
    OH t = o.getKey("/T");
    if (!t.isString()) return false;
    const std::string name = t.getUTF8Value();
    return name == core::kAnslagPostedField || name == core::kAnslagRemovedField;
}

std::optional<std::string> anslag_fill(OH a, OH b) {
    try {
        if (!is_anslag_field(a) || !is_anslag_field(b) || !value_of(a).empty()) return std::nullopt;
        const std::string v = value_of(b);
        if (v.size() != 10 || !core::parse_date(v) || !small_appearance(b)) return std::nullopt;
        return b.getKey("/T").getUTF8Value() + " = " + v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

bool anslag_filled_after_justering(const std::vector<SignedRevision>& signatures) {
    for (const auto& s : signatures) {
        if (!s.verified || s.pdf == nullptr) continue;
        try {
            if (justerat_before_fill(*s.pdf)) return true;
        } catch (const std::exception&) {}
    }
    return false;
}

}  // namespace kansli::verify
