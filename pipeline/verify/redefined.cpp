// The object-level rule behind compare_revisions(): which objects did later revisions (re)define,
// and can a viewer reach any of them from what the signer saw?
//
// A later revision may (re)define only: signature dictionaries, signature fields and widgets and
// their appearance streams, the /AcroForm dictionary, /DSS and its streams, the /Info dictionary,
// and the structural objects whose every key the semantic comparison (changes.cpp) checks: the
// catalog, the nodes of the page tree and indirect /Annots arrays of pages. Anything else that is
// new, redefined or deleted, and is reachable from the catalog other than through /AcroForm,
// /DSS or a signature widget, is a named change: a shadow attack swaps a Form XObject, an image, a
// font, an indirect /Resources or a content stream and leaves every page dictionary untouched.
#include "verify/anslag.hpp"
#include "verify/changes.hpp"
#include "verify/xref_tables.hpp"

#include <qpdf/QPDFObjectHandle.hh>

#include <deque>
#include <map>
#include <set>
#include <string>

namespace kansli::verify {
namespace {

using OH = QPDFObjectHandle;
struct Budget {};

// A signature widget: /Subtype /Widget with field type /Sig (own or inherited). Any other
// annotation with /FT /Sig (a /FreeText pretending to be a signature field) is not one.
bool is_sig_widget(OH o) {
    if (!o.isDictionary() || !name_is(o, "/Subtype", "/Widget")) return false;
    for (int i = 0; i < 32 && o.isDictionary(); ++i) {
        OH ft = o.getKey("/FT");
        if (ft.isName()) return ft.getName() == "/Sig";
        o = o.getKey("/Parent");
    }
    return false;
}

bool same_entry(const QPDFXRefEntry& a, const QPDFXRefEntry& b) {
    if (a.getType() != b.getType()) return false;
    if (a.getType() == 1) return a.getOffset() == b.getOffset();
    if (a.getType() == 2)
        return a.getObjStreamNumber() == b.getObjStreamNumber() && a.getObjStreamIndex() == b.getObjStreamIndex();
    return true;
}

class Rule {
public:
    Rule(QPDF& before, QPDF& after, XRefTables& tables, std::size_t budget, Changes& out,
         RedefinedWalk* record = nullptr)
        : m_xa(tables.of(before)),
          m_xb(tables.of(after)),
          m_after(after),
          m_budget(budget),
          m_out(out),
          m_record(record) {}

    /// Budget nodes spent so far.
    [[nodiscard]] std::size_t spent() const { return m_spent; }

    // A recorded walk of `after` (find_redefined): which objects the walk reaches, by which path,
    // and whether they are exempt, depends on `after` alone (visit() reads `before` only in
    // changed()), so the findings are those of run(), in the same order.
    void replay(const RedefinedWalk& walk) {
        generations();
        for (const auto& r : walk.reached)
            if (!r.exempt && changed(r.object)) redefined(r.object, r.path);
    }

    void run() {
        generations();
        OH root = m_after.getRoot();
        pages(root.getKey("/Pages"));
        // Breadth first from the catalog, each indirect object once; the path that first reached
        // an object names it.
        m_queue.push_back({root, "catalog"});
        while (!m_queue.empty()) {
            auto [o, path] = m_queue.front();
            m_queue.pop_front();
            visit(o, path, 0, true);
        }
    }

private:
    struct Item {
        OH obj;
        std::string path;
    };

    void note(ChangeKind kind, const std::string& detail) {
        m_out.kinds.insert(kind);
        if (m_out.details.size() < 50) m_out.details.push_back(std::string(to_string(kind)) + ": " + detail);
    }

    // New, redefined (another offset or object stream slot, or its object stream redefined) or deleted.
    bool changed(QPDFObjGen og, int depth = 0) {
        auto b = m_xb.find(og);
        auto a = m_xa.find(og);
        if (b == m_xb.end()) return a != m_xa.end();
        if (a == m_xa.end() || !same_entry(a->second, b->second)) return true;
        if (b->second.getType() == 2 && depth < 2)
            return changed(QPDFObjGen(b->second.getObjStreamNumber(), 0), depth + 1);
        return false;
    }

    // Two generations of one object number: viewers disagree on which one "N G R" means.
    void generations() {
        std::map<int, int> first_gen;
        for (const auto& [og, e] : m_xb) {
            auto [it, fresh] = first_gen.try_emplace(og.getObj(), og.getGen());
            if (!fresh && it->second != og.getGen() && (changed(og) || changed(QPDFObjGen(og.getObj(), it->second)))) {
                note(ChangeKind::Catalog, "object " + std::to_string(og.getObj()) + " is defined with two generations");
            }
        }
    }

    // Page tree nodes and pages of the final revision: redefining them is allowed (every key is
    // compared by changes.cpp); pages get their number for the paths.
    void pages(OH node) {
        std::vector<std::pair<OH, int>> stack{{node, 0}};
        std::size_t n = 0;
        while (!stack.empty()) {
            auto [o, depth] = stack.back();
            stack.pop_back();
            if (!o.isDictionary() || !o.isIndirect() || depth > 64 || m_structural.size() > 200000) continue;
            if (!m_structural.insert(o.getObjGen()).second) continue;
            OH kids = o.getKey("/Kids");
            if (kids.isArray() && !name_is(o, "/Type", "/Page")) {
                for (int i = kids.getArrayNItems() - 1; i >= 0; --i) stack.push_back({kids.getArrayItem(i), depth + 1});
            } else {
                m_page_name[o.getObjGen()] = "page " + std::to_string(++n);
                OH annots = o.getKey("/Annots");
                if (annots.isIndirect()) m_structural.insert(annots.getObjGen());
            }
        }
    }

    void spend(int depth) {
        if (m_budget == 0 || depth > 200) throw Budget{};
        --m_budget;
        ++m_spent;
    }

    void redefined(QPDFObjGen og, const std::string& p) {
        note(p.rfind("page ", 0) == 0 ? ChangeKind::PageContent : ChangeKind::Catalog,
             "object " + og.unparse(' ') + " (" + p + ") was " +
                 (m_xb.contains(og) ? (m_xa.contains(og) ? "redefined" : "added") : "deleted") +
                 " after the signature");
    }

    // A direct number, name, string, boolean or null: all visit() would do with it is spend one
    // node at `depth`, so it is spent here without building its path (the paths of a font's
    // /Widths or a /Nums array were most of this rule's work).
    bool spent_on_scalar(OH x, int depth) {
        if (x.isIndirect() || x.isArray() || x.isDictionary()) return false;
        spend(depth);
        return true;
    }

    void visit(OH o, const std::string& path, int depth, bool top) {
        spend(depth);
        if (o.isIndirect() && !top) {
            const QPDFObjGen og = o.getObjGen();
            if (m_seen.contains(og)) return;
            m_seen.insert(og);
            auto pn = m_page_name.find(og);
            const std::string p = pn != m_page_name.end() ? pn->second : path;
            // An ANSLAG field's widget and appearance: changes.cpp checks every key of it.
            const bool own_appearance = is_sig_widget(o) || is_anslag_field(o);
            // The XMP packet is document information, as /Info is (changes.cpp says so once).
            const bool exempt =
                m_structural.contains(og) || own_appearance || (p == "catalog /Metadata" && o.isStream());
            if (m_record) m_record->reached.push_back({og, p, exempt});
            if (!exempt && changed(og)) redefined(og, p);
            if (own_appearance) return;  // its own appearance is the signer's (the filler's) to change
            m_queue.push_back({o, p});
            return;
        }
        if (top && o.isIndirect()) m_seen.insert(o.getObjGen());
        const bool catalog = top && path == "catalog";
        auto child = [&](const std::string& key) { return path.size() < 160 ? path + " " + key : path; };
        if (o.isArray()) {
            const int n = o.getArrayNItems();
            for (int i = 0; i < n; ++i) {
                OH x = o.getArrayItem(i);
                if (!spent_on_scalar(x, depth + 1)) visit(x, child("[" + std::to_string(i) + "]"), depth + 1, false);
            }
        } else if (o.isDictionary() || o.isStream()) {
            OH d = o.isStream() ? o.getDict() : o;
            for (const auto& k : d.getKeys()) {
                if (catalog && (k == "/AcroForm" || k == "/DSS")) continue;
                OH x = d.getKey(k);
                if (!spent_on_scalar(x, depth + 1)) visit(x, child(k), depth + 1, false);
            }
        }
    }

    const XRefTable& m_xa;
    const XRefTable& m_xb;
    QPDF& m_after;
    std::size_t m_budget;
    Changes& m_out;
    std::set<QPDFObjGen> m_seen, m_structural;
    std::map<QPDFObjGen, std::string> m_page_name;
    std::deque<Item> m_queue;
    RedefinedWalk* m_record;  ///< where run() records its walk, or null
    std::size_t m_spent = 0;
};

}  // namespace

bool find_redefined(QPDF& before, QPDF& after, std::size_t budget, Changes& out, RedefinedWalk* walk,
                    XRefTables* tables) {
    XRefTables own;
    if (tables == nullptr) tables = &own;
    try {
        // Only a walk that completed, of this very revision, within this budget is replayed: a
        // walk cut short (budget, depth, a qpdf error) is never recorded, so those run again.
        if (walk != nullptr && walk->after == &after && walk->nodes <= budget) {
            Rule(before, after, *tables, budget, out).replay(*walk);
            return true;
        }
        RedefinedWalk fresh;
        Rule rule(before, after, *tables, budget, out, walk != nullptr ? &fresh : nullptr);
        rule.run();
        if (walk != nullptr) {
            fresh.after = &after;
            fresh.nodes = rule.spent();
            *walk = std::move(fresh);
        }
        return true;
    } catch (const Budget&) {
        return false;
    }
}

}  // namespace kansli::verify
