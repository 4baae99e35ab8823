#include "sign/appearance.hpp"

#include <algorithm>
#include <cmath>

namespace kansli::sign::detail {
namespace {

using namespace PoDoFo;

constexpr double kPadding = 2.0;      // pt, inside the rectangle
constexpr double kMaxFontSize = 9.0;  // pt
constexpr double kMinFontSize = 4.0;  // pt
constexpr double kLeading = 1.2;      // line height / font size

PdfString pdf_text(const std::string& utf8) { return PdfString(reinterpret_cast<const pdf_utf8*>(utf8.c_str())); }

}  // namespace

void set_appearance(PdfMemDocument& doc, PdfObject* widget, const std::string& font_path,
                    const std::vector<std::string>& lines) {
    const PdfObject* r = widget->GetDictionary().GetKey("Rect");
    if (!r || !r->IsArray() || r->GetArray().size() != 4 || lines.empty()) return;
    double v[4];
    for (int i = 0; i < 4; ++i) {
        const PdfObject& e = r->GetArray()[static_cast<std::size_t>(i)];
        if (!e.IsNumber() && !e.IsReal()) return;
        v[i] = e.IsReal() ? e.GetReal() : static_cast<double>(e.GetNumber());
    }
    const double w = std::fabs(v[2] - v[0]);
    const double h = std::fabs(v[3] - v[1]);
    if (w < 1.0 || h < 1.0) return;

    // The encoding is owned by the font (auto-delete flag), as PoDoFo 0.9.8 expects.
    PdfFont* font = doc.CreateFontSubset("LiberationSans", false, false, false,
                                         new PdfIdentityEncoding(0, 0xffff, true), font_path.c_str());
    if (!font) PODOFO_RAISE_ERROR_INFO(ePdfError_InvalidHandle, "cannot load the appearance font");

    const auto n = static_cast<double>(lines.size());
    double size = std::min(kMaxFontSize, (h - 2 * kPadding) / (n * kLeading));
    font->SetFontSize(static_cast<float>(std::max(size, kMinFontSize)));
    double widest = 0;
    for (const auto& l : lines) widest = std::max(widest, font->GetFontMetrics()->StringWidth(pdf_text(l)));
    if (widest > w - 2 * kPadding && widest > 0) size = size * (w - 2 * kPadding) / widest;
    size = std::max(size, kMinFontSize);
    font->SetFontSize(static_cast<float>(size));

    PdfXObject xobj(PdfRect(0, 0, w, h), &doc);
    PdfPainter painter;
    painter.SetPage(&xobj);
    painter.SetClipRect(0, 0, w, h);
    painter.SetFont(font);
    double y = h - kPadding - size;  // first baseline (approximately one ascent below the top)
    for (const auto& l : lines) {
        painter.DrawText(kPadding, y, pdf_text(l));
        y -= size * kLeading;
    }
    painter.FinishPage();
    // /AP << /N xobj >> replaces any appearance of the empty field (SetAppearanceStreamForObject
    // is not exported by the Debian build of PoDoFo 0.9.8).
    PdfDictionary ap;
    ap.AddKey("N", xobj.GetObject()->Reference());
    widget->GetDictionary().AddKey("AP", ap);
}

}  // namespace kansli::sign::detail
