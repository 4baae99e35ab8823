#include "sign/appearance.hpp"

#include "core/utf8.hpp"

#include "layout/fonts.hpp"
#include "sign/font_embed.hpp"
#include "sign/shared_font.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

namespace kansli::sign::detail {
namespace {

constexpr double kPadding = 2.0;      // pt, inside the rectangle
constexpr double kMaxFontSize = 9.0;  // pt
constexpr double kMinFontSize = 4.0;  // pt
constexpr double kLeading = 1.2;      // line height / font size
constexpr const char* kPrivateFontName = "KansliSigPrivate";

struct Box {
    double w = 0, h = 0;
};

std::optional<Box> widget_box(OH widget) {
    OH r = widget.getKey("/Rect");
    if (!r.isArray() || r.getArrayNItems() != 4) return std::nullopt;
    double v[4];
    for (int i = 0; i < 4; ++i) {
        OH e = r.getArrayItem(i);
        if (!e.isNumber()) return std::nullopt;
        v[i] = e.getNumericValue();
        if (!std::isfinite(v[i])) return std::nullopt;
    }
    const Box b{std::fabs(v[2] - v[0]), std::fabs(v[3] - v[1])};
    if (b.w < 1.0 || b.h < 1.0 || b.w > 14400 || b.h > 14400) return std::nullopt;
    return b;
}

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

std::uint16_t code_of(const SharedFont& f, char32_t c) {
    const auto it = f.codes.find(c);
    return it == f.codes.end() ? 0 : it->second;
}

double width_of(const SharedFont& f, const std::u32string& t, double size) {
    double w = 0;
    for (char32_t c : t) {
        const auto it = f.widths.find(code_of(f, c));
        w += it == f.widths.end() ? f.default_width : it->second;
    }
    return w * size / 1000.0;
}

// Font size for the lines in the box: the line height limit, then shrunk so the widest line fits.
double fit_size(const Box& b, const std::vector<std::u32string>& text, const SharedFont& f) {
    const double n = static_cast<double>(text.size());
    double size = std::max(std::min(kMaxFontSize, (b.h - 2 * kPadding) / (n * kLeading)), kMinFontSize);
    double widest = 0;
    for (const auto& t : text) widest = std::max(widest, width_of(f, t, size));
    if (widest > b.w - 2 * kPadding && widest > 0) size = size * (b.w - 2 * kPadding) / widest;
    return std::max(size, kMinFontSize);
}

// The form XObject drawing `text` with font `f` under resource name `name`; returns its handle.
OH write_xobject(QPDF& doc, UpdateWriter& writer, const Box& b, const SharedFont& f, const char* name,
                 const std::vector<std::u32string>& text) {
    const double size = fit_size(b, text, f);
    std::string content = "q 0 0 " + fmt(b.w) + " " + fmt(b.h) + " re W n BT /" + name + " " + fmt(size) + " Tf\n";
    double y = b.h - kPadding - size;  // first baseline, about one ascent below the top
    for (const auto& t : text) {
        content += "1 0 0 1 " + fmt(kPadding) + " " + fmt(y) + " Tm <";
        for (char32_t c : t) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "%04X", code_of(f, c));
            content += hex;
        }
        content += "> Tj\n";
        y -= size * kLeading;
    }
    content += "ET Q\n";
    OH xobj = new_object(doc);
    writer.add(xobj.getObjectID(), 0,
               stream_text("/Type /XObject /Subtype /Form /BBox [0 0 " + fmt(b.w) + " " + fmt(b.h) +
                               "] /Resources << /Font << /" + name + " " + OH(f.ref).unparse() + " >> >>",
                           content, true));
    return xobj;
}

// Registers `font` as /AcroForm /DR /Font /KansliSig (the AcroForm is rewritten by every
// signature anyway; an indirect /DR or /Font dictionary is left alone and nothing is registered).
bool register_font(OH acroform, OH font) {
    if (!acroform.hasKey("/DR")) acroform.replaceKey("/DR", OH::newDictionary());
    OH dr = acroform.getKey("/DR");
    if (!dr.isDictionary() || dr.isIndirect()) return false;
    if (!dr.hasKey("/Font")) dr.replaceKey("/Font", OH::newDictionary());
    OH fonts = dr.getKey("/Font");
    if (!fonts.isDictionary() || fonts.isIndirect()) return false;
    fonts.replaceKey(std::string("/") + kSharedFontName, font);
    return true;
}

}  // namespace

FontUse set_appearance(QPDF& doc, UpdateWriter& writer, OH acroform, OH widget, const std::string& font_path,
                       const std::vector<std::string>& lines) {
    const auto box = widget_box(widget);
    if (!box || lines.empty()) return FontUse::Unknown;

    std::vector<std::u32string> text;
    for (const auto& l : lines) text.push_back(core::to_u32(l));
    auto set_ap = [&widget](OH xobj) {
        OH ap = OH::newDictionary();
        ap.replaceKey("/N", xobj);
        widget.replaceKey("/AP", ap);
    };
    const auto shared = find_shared_font(doc);
    if (shared) {
        const bool covered = std::all_of(text.begin(), text.end(), [&](const std::u32string& t) {
            return std::all_of(t.begin(), t.end(), [&](char32_t c) { return shared->codes.count(c) > 0; });
        });
        if (covered) {
            set_ap(write_xobject(doc, writer, *box, *shared, kSharedFontName, text));
            return FontUse::Reused;
        }
    }
    const bool share = !shared_font_name_taken(doc);
    const core::Bytes file = core::read_file(font_path);
    const auto font = layout::TrueTypeFont::parse(file, font_path);
    std::u32string chars;
    // The shared font carries the whole repertoire, so later signers find their letters in it.
    if (share) chars = core::to_u32(shared_repertoire());
    for (const auto& t : text) chars += t;
    const SharedFont embedded = embed_font(doc, writer, *font, file, chars);
    const bool registered = share && register_font(acroform, embedded.ref);
    set_ap(write_xobject(doc, writer, *box, embedded, registered ? kSharedFontName : kPrivateFontName, text));
    return registered ? FontUse::Registered : FontUse::Embedded;
}

}  // namespace kansli::sign::detail
