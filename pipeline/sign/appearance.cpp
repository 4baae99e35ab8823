#include "sign/appearance.hpp"

#include "sign/shared_font.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

namespace kansli::sign::detail {
namespace {

using namespace PoDoFo;

constexpr double kPadding = 2.0;      // pt, inside the rectangle
constexpr double kMaxFontSize = 9.0;  // pt
constexpr double kMinFontSize = 4.0;  // pt
constexpr double kLeading = 1.2;      // line height / font size

PdfString pdf_text(const std::string& utf8) { return PdfString(reinterpret_cast<const pdf_utf8*>(utf8.c_str())); }

struct Box {
    double w = 0, h = 0;
};

std::optional<Box> widget_box(const PdfObject* widget) {
    const PdfObject* r = widget->GetDictionary().GetKey("Rect");
    if (!r || !r->IsArray() || r->GetArray().size() != 4) return std::nullopt;
    double v[4];
    for (int i = 0; i < 4; ++i) {
        const PdfObject& e = r->GetArray()[static_cast<std::size_t>(i)];
        if (!e.IsNumber() && !e.IsReal()) return std::nullopt;
        v[i] = e.IsReal() ? e.GetReal() : static_cast<double>(e.GetNumber());
    }
    const Box b{std::fabs(v[2] - v[0]), std::fabs(v[3] - v[1])};
    if (b.w < 1.0 || b.h < 1.0) return std::nullopt;
    return b;
}

// Font size for `lines` in the box: the line height limit, then shrunk so the widest line fits.
// `width_at` gives a line's width at a font size.
template <class Width>
double fit_size(const Box& b, std::size_t n, const std::vector<std::string>& lines, Width width_at) {
    double size = std::max(std::min(kMaxFontSize, (b.h - 2 * kPadding) / (static_cast<double>(n) * kLeading)), kMinFontSize);
    double widest = 0;
    for (const auto& l : lines) widest = std::max(widest, width_at(l, size));
    if (widest > b.w - 2 * kPadding && widest > 0) size = size * (b.w - 2 * kPadding) / widest;
    return std::max(size, kMinFontSize);
}

void set_normal_appearance(PdfObject* widget, const PdfReference& xobj) {
    // /AP << /N xobj >> replaces any appearance of the empty field (SetAppearanceStreamForObject
    // is not exported by the Debian build of PoDoFo 0.9.8).
    PdfDictionary ap;
    ap.AddKey("N", xobj);
    widget->GetDictionary().AddKey("AP", ap);
}

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

// The appearance written by hand with the shared font's codes: no font object is created.
void draw_reused(PdfMemDocument& doc, PdfObject* widget, const Box& b, const SharedFont& sf,
                 const std::vector<std::u32string>& text, const std::vector<std::string>& lines) {
    auto width_of = [&](const std::u32string& t, double size) {
        double w = 0;
        for (char32_t c : t) {
            const auto it = sf.widths.find(sf.codes.at(c));
            w += it == sf.widths.end() ? sf.default_width : it->second;
        }
        return w * size / 1000.0;
    };
    const double size = fit_size(b, lines.size(), lines,
                                 [&](const std::string& l, double s) { return width_of(utf32_of(l), s); });
    std::string content = "q 0 0 " + fmt(b.w) + " " + fmt(b.h) + " re W n BT /" + kSharedFontName + " " + fmt(size) + " Tf\n";
    double y = b.h - kPadding - size;  // first baseline, as in the PdfPainter path
    for (const auto& t : text) {
        content += "1 0 0 1 " + fmt(kPadding) + " " + fmt(y) + " Tm <";
        for (char32_t c : t) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "%04X", sf.codes.at(c));
            content += hex;
        }
        content += "> Tj\n";
        y -= size * kLeading;
    }
    content += "ET Q\n";

    PdfObject* xobj = doc.GetObjects().CreateObject("XObject");
    PdfDictionary& d = xobj->GetDictionary();
    d.AddKey("Subtype", PdfName("Form"));
    PdfArray bbox;
    bbox.push_back(PdfObject(static_cast<pdf_int64>(0)));
    bbox.push_back(PdfObject(static_cast<pdf_int64>(0)));
    bbox.push_back(PdfObject(b.w));
    bbox.push_back(PdfObject(b.h));
    d.AddKey("BBox", bbox);
    PdfDictionary fonts;
    fonts.AddKey(PdfName(kSharedFontName), sf.ref);
    PdfDictionary resources;
    resources.AddKey("Font", fonts);
    d.AddKey("Resources", resources);
    xobj->GetStream()->Set(content.data(), static_cast<pdf_long>(content.size()));
    set_normal_appearance(widget, xobj->Reference());
}

// Registers `font` as /AcroForm /DR /Font /KansliSig (the AcroForm is rewritten by every
// signature anyway; an indirect /DR or /Font dictionary is left alone and nothing is registered).
bool register_font(PdfAcroForm& form, PdfFont* font) {
    PdfDictionary& af = form.GetObject()->GetDictionary();
    if (!af.HasKey("DR")) af.AddKey("DR", PdfDictionary());
    PdfObject* dr = af.GetKey("DR");
    if (!dr->IsDictionary()) return false;
    if (!dr->GetDictionary().HasKey("Font")) dr->GetDictionary().AddKey("Font", PdfDictionary());
    PdfObject* fonts = dr->GetDictionary().GetKey("Font");
    if (!fonts->IsDictionary()) return false;
    fonts->GetDictionary().AddKey(PdfName(kSharedFontName), font->GetObject()->Reference());
    return true;
}

}  // namespace

FontUse set_appearance(PdfMemDocument& doc, PdfAcroForm& form, PdfObject* widget, const std::string& font_path,
                       const std::vector<std::string>& lines) {
    const auto box = widget_box(widget);
    if (!box || lines.empty()) return FontUse::Unknown;

    std::vector<std::u32string> text;
    for (const auto& l : lines) text.push_back(utf32_of(l));
    if (const auto shared = find_shared_font(doc)) {
        const bool covered = std::all_of(text.begin(), text.end(), [&](const std::u32string& t) {
            return std::all_of(t.begin(), t.end(), [&](char32_t c) { return shared->codes.count(c) > 0; });
        });
        if (covered) {
            draw_reused(doc, widget, *box, *shared, text, lines);
            return FontUse::Reused;
        }
    }
    bool share = !shared_font_name_taken(doc);

    // The encoding is owned by the font (auto-delete flag), as PoDoFo 0.9.8 expects.
    PdfFont* font = doc.CreateFontSubset("LiberationSans", false, false, false,
                                         new PdfIdentityEncoding(0, 0xffff, true), font_path.c_str());
    if (!font) PODOFO_RAISE_ERROR_INFO(ePdfError_InvalidHandle, "cannot load the appearance font");
    if (share) {
        // The whole repertoire goes into the subset, so later signers find their letters in it.
        const PdfString rep = pdf_text(shared_repertoire());
        font->AddUsedSubsettingGlyphs(rep, static_cast<long>(utf32_of(shared_repertoire()).size()));
        share = register_font(form, font);
    }

    const double size = fit_size(*box, lines.size(), lines, [&](const std::string& l, double s) {
        font->SetFontSize(static_cast<float>(s));
        return font->GetFontMetrics()->StringWidth(pdf_text(l));
    });
    font->SetFontSize(static_cast<float>(size));

    PdfXObject xobj(PdfRect(0, 0, box->w, box->h), &doc);
    PdfPainter painter;
    painter.SetPage(&xobj);
    painter.SetClipRect(0, 0, box->w, box->h);
    painter.SetFont(font);
    double y = box->h - kPadding - size;  // first baseline (approximately one ascent below the top)
    for (const auto& l : lines) {
        painter.DrawText(kPadding, y, pdf_text(l));
        y -= size * kLeading;
    }
    painter.FinishPage();
    set_normal_appearance(widget, xobj.GetObject()->Reference());
    return share ? FontUse::Registered : FontUse::Embedded;
}

}  // namespace kansli::sign::detail
