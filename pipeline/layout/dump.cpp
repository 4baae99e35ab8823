#include "layout/dump.hpp"

#include "layout/text.hpp"

#include <cstdio>
#include <stdexcept>

namespace kansli::layout {
namespace {

std::string num(Length l) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", core::to_pt(l));
    return buf;
}

std::string colour(const Color& c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c.r, c.g, c.b);
    return buf;
}

std::string font_name(const PageSet& ps, FontId id) {
    return id < ps.fonts.size() ? ps.fonts[id].name : "font" + std::to_string(id);
}

struct Dumper {
    const PageSet& ps;
    std::string operator()(const TextRun& t) const {
        std::string s = "text " + num(t.x) + " " + num(t.y) + " " + font_name(ps, t.font) + " " + num(t.size);
        if (!(t.color == Color{})) s += " " + colour(t.color);
        s += " \"" + to_utf8(t.text) + (t.hyphen_added ? "\" +hyphen" : "\"");
        return s;
    }
    std::string operator()(const Rule& r) const {
        return "rule " + num(r.x1) + " " + num(r.y1) + " " + num(r.x2) + " " + num(r.y2) + " w" + num(r.thickness);
    }
    std::string operator()(const Box& b) const {
        std::string s = "box " + num(b.x) + " " + num(b.y) + " " + num(b.w) + "x" + num(b.h);
        if (b.stroke > 0) s += " stroke " + num(b.stroke);
        if (b.filled) s += " fill " + colour(b.fill_color);
        return s;
    }
    std::string operator()(const Image& i) const {
        const auto slash = i.path.rfind('/');
        return "image " + num(i.x) + " " + num(i.y) + " " + num(i.w) + "x" + num(i.h) + " " +
               (slash == std::string::npos ? i.path : i.path.substr(slash + 1));
    }
    std::string operator()(const Link& l) const {
        return "link " + num(l.x) + " " + num(l.y) + " " + num(l.w) + "x" + num(l.h) + " " + l.uri;
    }
    std::string operator()(const SigSlot& s) const {
        return "sig " + num(s.x) + " " + num(s.y) + " " + num(s.w) + "x" + num(s.h) + " \"" + s.field_name + "\" " +
               s.role + " \"" + s.signer_name + "\"";
    }
};

}  // namespace

std::string dump_page(const PageSet& ps, int index) {
    const Page& page = ps.pages.at(static_cast<std::size_t>(index));
    std::string out = "page " + std::to_string(index + 1) + " (" + num(page.width) + " x " + num(page.height) + ")\n";
    const Dumper d{ps};
    for (const auto& op : page.ops) out += "  " + std::visit(d, op) + "\n";
    return out;
}

std::string dump_summary(const PageSet& ps) {
    std::string out = "pages " + std::to_string(ps.pages.size()) + "\n";
    for (std::size_t i = 0; i < ps.pages.size(); ++i) {
        int texts = 0, rules = 0, boxes = 0, images = 0, links = 0, sigs = 0;
        std::string first, last;
        for (const auto& op : ps.pages[i].ops) {
            switch (op.index()) {
                case 0: {
                    ++texts;
                    const auto& t = std::get<TextRun>(op);
                    // Skip the running header and footer (outside the body) for first/last.
                    last = to_utf8(t.text);
                    if (first.empty()) first = last;
                    break;
                }
                case 1: ++rules; break;
                case 2: ++boxes; break;
                case 3: ++images; break;
                case 4: ++links; break;
                default: ++sigs; break;
            }
        }
        out += "page " + std::to_string(i + 1) + ": " + std::to_string(texts) + " texts, " + std::to_string(rules) +
               " rules, " + std::to_string(boxes) + " boxes, " + std::to_string(images) + " images, " +
               std::to_string(links) + " links, " + std::to_string(sigs) + " sigs; first \"" + first + "\" last \"" +
               last + "\"\n";
    }
    for (const auto& o : ps.outline)
        out += "outline " + std::string(static_cast<std::size_t>(o.level) * 2, ' ') + o.title + " -> page " +
               std::to_string(o.page + 1) + " y " + num(o.y) + "\n";
    for (const auto& a : ps.appended) {
        const auto slash = a.path.rfind('/');
        out += "append " + (slash == std::string::npos ? a.path : a.path.substr(slash + 1)) + " \"" + a.title +
               "\" level " + std::to_string(a.level) + "\n";
    }
    for (const auto& s : ps.signing_order) out += "signer " + s + "\n";
    for (const auto& f : ps.fonts) out += "font " + f.name + "\n";
    out += "meta title \"" + ps.meta.title + "\" author \"" + ps.meta.author + "\" subject \"" + ps.meta.subject +
           "\" lang " + ps.meta.language + " created " + std::to_string(ps.meta.created.seconds) + "\n";
    return out;
}

std::string dump(const PageSet& ps, const std::vector<int>& full_pages) {
    std::string out = dump_summary(ps);
    for (int i : full_pages)
        if (i >= 0 && static_cast<std::size_t>(i) < ps.pages.size()) out += dump_page(ps, i);
    return out;
}

}  // namespace kansli::layout
