#include "inspect/walk.hpp"

#include <algorithm>
#include <memory>
#include <set>

namespace kansli::inspect::detail {

namespace {

constexpr std::size_t kMaxStreams = 100000;
constexpr int kMaxFormDepth = 16;

/// A page's /Resources, inherited from the page tree when it has none (ISO 32000-1 7.7.3.4).
OH page_resources(OH page) {
    for (int i = 0; i < 64 && page.isDictionary(); ++i, page = page.getKey("/Parent")) {
        if (page.hasKey("/Resources")) return page.getKey("/Resources");
    }
    return OH::newNull();
}

std::vector<OH> content_streams(OH contents) {
    if (contents.isStream()) return {contents};
    std::vector<OH> out;
    if (contents.isArray()) {
        for (OH c : contents.getArrayAsVector()) {
            if (c.isStream()) out.push_back(c);
        }
    }
    return out;
}

/// The appearance streams of an annotation: /AP /N, /R, /D, each a stream or a dictionary of states.
std::vector<OH> appearance_streams(OH annot) {
    std::vector<OH> out;
    OH ap = annot.getKey("/AP");
    if (!ap.isDictionary()) return out;
    for (const char* k : {"/N", "/R", "/D"}) {
        OH v = ap.getKey(k);
        if (v.isStream()) {
            out.push_back(v);
        } else if (v.isDictionary()) {
            for (const auto& state : v.getKeys()) {
                if (v.getKey(state).isStream()) out.push_back(v.getKey(state));
            }
        }
    }
    return out;
}

}  // namespace

std::string object_name(OH o) { return o.isIndirect() ? "object " + o.getObjGen().unparse(' ') : "a direct object"; }

std::string text_of(OH o) {
    if (o.isName()) return o.getName().substr(1);
    if (o.isString()) return o.getUTF8Value();
    return {};
}

void for_each_annotation(const Doc& doc, const std::function<void(int page, OH annot)>& fn) {
    std::size_t n = 0;
    int page_no = 0;
    for (OH page : doc.pages()) {
        ++page_no;
        OH annots = page.getKey("/Annots");
        if (!annots.isArray()) continue;
        const int count = annots.getArrayNItems();
        for (int i = 0; i < count && n < 1000000; ++i, ++n) {
            OH a = annots.getArrayItem(i);
            if (a.isDictionary()) fn(page_no, a);
        }
    }
}

namespace {

std::vector<Drawn> walk_drawn(const Doc& doc) {
    std::vector<Drawn> out;
    std::set<QPDFObjGen> seen;
    struct Todo {
        Drawn d;
        int depth;
    };
    std::vector<Todo> todo;
    int page_no = 0;
    for (OH page : doc.pages()) {
        ++page_no;
        const std::string where = "page " + std::to_string(page_no);
        OH res = page_resources(page);
        for (OH c : content_streams(page.getKey("/Contents"))) todo.push_back({{where, c, res}, 0});
    }
    for_each_annotation(doc, [&](int page, OH a) {
        for (OH s : appearance_streams(a)) {
            todo.push_back({{"the appearance of an annotation on page " + std::to_string(page), s,
                             s.getDict().getKey("/Resources")},
                            0});
        }
    });
    std::reverse(todo.begin(), todo.end());  // page 1 first: a font is reported where it is first used
    while (!todo.empty() && out.size() < kMaxStreams) {
        Todo t = todo.back();
        todo.pop_back();
        if (t.d.stream.isIndirect() && !seen.insert(t.d.stream.getObjGen()).second) continue;
        out.push_back(t.d);
        OH xobjects = t.d.resources.isDictionary() ? t.d.resources.getKey("/XObject") : OH::newNull();
        if (!xobjects.isDictionary() || t.depth >= kMaxFormDepth) continue;
        for (const auto& k : xobjects.getKeys()) {
            OH x = xobjects.getKey(k);
            if (!x.isStream()) continue;
            OH st = x.getDict().getKey("/Subtype");
            if (!st.isName() || st.getName() != "/Form") continue;
            OH res = x.getDict().getKey("/Resources");
            todo.push_back(
                {{"form " + k.substr(1) + " of " + t.d.where, x, res.isNull() ? t.d.resources : res}, t.depth + 1});
        }
    }
    return out;
}

std::vector<UsedFont> walk_fonts(const Doc& doc) {
    std::vector<UsedFont> out;
    std::set<QPDFObjGen> seen;
    for (const Drawn& d : drawn_streams(doc)) {
        OH fonts = d.resources.isDictionary() ? d.resources.getKey("/Font") : OH::newNull();
        if (!fonts.isDictionary()) continue;
        for (const auto& k : fonts.getKeys()) {
            OH f = fonts.getKey(k);
            if (!f.isDictionary()) continue;
            if (f.isIndirect() && !seen.insert(f.getObjGen()).second) continue;
            out.push_back({k.substr(1), d.where, f});
        }
    }
    return out;
}

}  // namespace

const std::vector<Drawn>& drawn_streams(const Doc& doc) {
    if (!doc.drawn_memo) doc.drawn_memo = std::make_unique<const std::vector<Drawn>>(walk_drawn(doc));
    return *doc.drawn_memo;
}

const std::vector<UsedFont>& used_fonts(const Doc& doc) {
    if (!doc.fonts_memo) doc.fonts_memo = std::make_unique<const std::vector<UsedFont>>(walk_fonts(doc));
    return *doc.fonts_memo;
}

}  // namespace kansli::inspect::detail
