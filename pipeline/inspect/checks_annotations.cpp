// Annotations and forms (ISO 19005-2 6.3, 6.4.1).
#include "inspect/doc.hpp"
#include "inspect/walk.hpp"

namespace kansli::inspect {

namespace {

using detail::text_of;

std::string label(int page, OH a) {
    return text_of(a.getKey("/Subtype")) + " annotation (" + detail::object_name(a) + ") on page " +
           std::to_string(page);
}

std::vector<Finding> types(const Doc& d) {
    static const std::set<std::string> kAllowed = {
        "Text",           "Link",      "FreeText",    "Line",      "Square",    "Circle", "Polygon", "PolyLine",
        "Highlight",      "Underline", "Squiggly",    "StrikeOut", "Stamp",     "Caret",  "Ink",     "Popup",
        "FileAttachment", "Widget",    "PrinterMark", "TrapNet",   "Watermark", "Redact"};
    std::vector<Finding> out;
    detail::for_each_annotation(d, [&](int page, OH a) {
        if (!kAllowed.contains(text_of(a.getKey("/Subtype")))) add(out, label(page, a) + " is of a type PDF/A forbids");
    });
    return out;
}

std::vector<Finding> flags(const Doc& d) {
    std::vector<Finding> out;
    detail::for_each_annotation(d, [&](int page, OH a) {
        if (text_of(a.getKey("/Subtype")) == "Popup") return;
        OH f = a.getKey("/F");
        if (!f.isInteger()) {
            add(out, label(page, a) + " has no /F flags");
        } else if ((f.getIntValue() & 4) == 0 || (f.getIntValue() & (1 | 2 | 32 | 256)) != 0) {
            add(out, label(page, a) + " is not printable, or hidden (/F " + std::to_string(f.getIntValue()) + ")");
        }
    });
    return out;
}

std::vector<Finding> appearances(const Doc& d) {
    std::vector<Finding> out;
    detail::for_each_annotation(d, [&](int page, OH a) {
        const std::string st = text_of(a.getKey("/Subtype"));
        OH r = a.getKey("/Rect");
        const bool empty_rect = r.isRectangle() && r.getArrayAsRectangle().llx == r.getArrayAsRectangle().urx &&
                                r.getArrayAsRectangle().lly == r.getArrayAsRectangle().ury;
        OH ap = a.getKey("/AP");
        if (!ap.isDictionary()) {
            if (st != "Popup" && st != "Link" && !empty_rect) add(out, label(page, a) + " has no appearance (/AP)");
            return;
        }
        if (ap.getKeys() != std::set<std::string>{"/N"}) add(out, label(page, a) + ": its /AP has keys other than /N");
        OH n = ap.getKey("/N");
        OH ft = a.getKey("/FT").isNull() ? a.getKey("/Parent").getKey("/FT") : a.getKey("/FT");
        const bool button = st == "Widget" && text_of(ft) == "Btn";
        if (button ? !n.isDictionary() : !n.isStream())
            add(out, label(page, a) + ": its /AP /N is not " + (button ? "a dictionary of states" : "a stream"));
    });
    return out;
}

std::vector<Finding> forms(const Doc& d) {
    std::vector<Finding> out;
    OH form = d.pdf().getRoot().getKey("/AcroForm");
    OH na = form.getKey("/NeedAppearances");
    if (na.isBool() && na.getBoolValue()) add(out, "the AcroForm sets /NeedAppearances true");
    detail::for_each_annotation(d, [&](int page, OH a) {
        if (text_of(a.getKey("/Subtype")) != "Widget") return;
        if (a.hasKey("/A") || a.hasKey("/AA")) add(out, label(page, a) + " has an action (/A or /AA)");
    });
    return out;
}

}  // namespace

std::vector<Check> annotation_checks() {
    return {
        {"ISO 19005-2 6.3.1", "only annotation types ISO 32000-1 defines, no 3D, Sound, Screen, Movie", PdfA, types},
        {"ISO 19005-2 6.3.2", "every annotation but Popup printable, not hidden (/F)", PdfA, flags},
        {"ISO 19005-2 6.3.3", "every annotation but Popup, Link and empty ones has /AP with only /N", PdfA,
         appearances},
        {"ISO 19005-2 6.4.1", "no /NeedAppearances true, no actions on widgets", PdfA, forms},
    };
}

}  // namespace kansli::inspect
