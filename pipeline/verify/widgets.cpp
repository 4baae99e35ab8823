// The widget rule behind check_signature_widgets(): a signature widget is an annotation like any
// other, and a later revision that gives an unsigned one a visible /Rect and an arbitrary /AP /N
// paints over signed content (a shadow "hide/overlay" attack that changes no signed object).
// Signers legitimately draw their own widget, so a widget may look different after a signature
// only when the revision that signs its field (a signature we verified) drew it and nothing
// changed it afterwards, or when it cannot be seen at all.
#include "verify/changes.hpp"
#include "verify/compare.hpp"
#include "verify/sigfields.hpp"

#include <qpdf/QPDFObjectHandle.hh>

#include <map>
#include <memory>
#include <vector>

namespace kansli::verify {
namespace {

using OH = QPDFObjectHandle;

// Every key of an annotation that changes what a viewer paints for it.
constexpr const char* kAppearanceKeys[] = {"/AP", "/AS", "/Rect", "/F", "/MK", "/DA", "/BS", "/Border", "/C", "/CA"};

// Invisible: /F with Hidden (2) or NoView (32), or a /Rect of four numbers with no area. A
// missing or malformed /Rect counts as visible (fail closed).
bool is_invisible(OH w) {
    OH f = w.getKey("/F");
    if (f.isInteger() && (f.getIntValue() & (2 | 32)) != 0) return true;
    OH r = w.getKey("/Rect");
    if (!r.isArray() || r.getArrayNItems() != 4) return false;
    double v[4];
    for (int i = 0; i < 4; ++i) {
        OH x = r.getArrayItem(i);
        if (!x.isNumber()) return false;
        v[i] = x.getNumericValue();
    }
    return v[0] == v[2] || v[1] == v[3];
}

// The field's value: /V of the widget or of the nearest ancestor that has one.
OH field_value(OH w) {
    for (int i = 0; i < 32 && w.isDictionary(); ++i) {
        if (w.hasKey("/V")) return w.getKey("/V");
        w = w.getKey("/Parent");
    }
    return OH::newNull();
}

class WidgetRule {
public:
    WidgetRule(QPDF& before, std::size_t before_revision, QPDF& after, const std::vector<SignedRevision>& signatures,
               std::size_t budget, Changes& out, XRefTables* tables)
        : m_tables(tables),
          m_before(before),
          m_before_revision(before_revision),
          m_after(after),
          m_signatures(signatures),
          m_budget(budget),
          m_out(out) {}

    void run() {
        collect_pages(m_after.getRoot().getKey("/Pages"), m_pages_after);
        collect_pages(m_before.getRoot().getKey("/Pages"), m_pages_before);
        // Annotations of pages: what viewers paint.
        for (std::size_t p = 0; p < m_pages_after.size(); ++p) {
            OH annots = m_pages_after[p].getKey("/Annots");
            if (!annots.isArray()) continue;
            const int n = annots.getArrayNItems();
            for (int i = 0; i < n && i < 100000; ++i) {
                OH a = annots.getArrayItem(i);
                if (!a.isDictionary() || !is_sig_field(a)) continue;
                if (a.isIndirect())
                    check(a);
                else
                    check_direct(a, p, i);
            }
        }
        // Widgets of the form field tree that no page lists (some viewers paint them too).
        OH fields = m_after.getRoot().getKey("/AcroForm").getKey("/Fields");
        std::vector<std::pair<OH, int>> stack;
        if (fields.isArray()) {
            for (int i = fields.getArrayNItems() - 1; i >= 0; --i) stack.push_back({fields.getArrayItem(i), 0});
        }
        std::set<QPDFObjGen> walked;
        while (!stack.empty() && walked.size() < 100000) {
            auto [f, depth] = stack.back();
            stack.pop_back();
            if (!f.isDictionary() || !f.isIndirect() || depth > 32 || !walked.insert(f.getObjGen()).second) continue;
            OH st = f.getKey("/Subtype");
            if (st.isName() && st.getName() == "/Widget" && is_sig_field(f)) check(f);
            OH kids = f.getKey("/Kids");
            if (kids.isArray()) {
                for (int i = kids.getArrayNItems() - 1; i >= 0; --i) stack.push_back({kids.getArrayItem(i), depth + 1});
            }
        }
    }

private:
    void note(const std::string& detail) {
        m_out.kinds.insert(ChangeKind::Annotations);
        if (m_out.details.size() < 50) m_out.details.push_back("annotations: " + detail);
    }

    static void collect_pages(OH root, std::vector<OH>& out) {
        std::vector<std::pair<OH, int>> stack{{root, 0}};
        std::set<QPDFObjGen> seen;
        while (!stack.empty() && out.size() < 100000) {
            auto [o, depth] = stack.back();
            stack.pop_back();
            if (!o.isDictionary() || depth > 64) continue;
            if (o.isIndirect() && !seen.insert(o.getObjGen()).second) continue;
            OH kids = o.getKey("/Kids");
            OH type = o.getKey("/Type");
            if (kids.isArray() && !(type.isName() && type.getName() == "/Page")) {
                for (int i = kids.getArrayNItems() - 1; i >= 0; --i) stack.push_back({kids.getArrayItem(i), depth + 1});
            } else {
                out.push_back(o);
            }
        }
    }

    bool same_appearance(Comparer& cmp, OH a, OH b) {
        if (!a.isDictionary() || !b.isDictionary()) return false;
        for (const char* k : kAppearanceKeys) {
            if (!cmp.same(a.getKey(k), b.getKey(k))) return false;
        }
        return true;
    }

    // The comparer of revision `revision` (its QPDF `pdf`, a prefix of the same file as `after`)
    // with `after`: objects with identical cross-reference entries are the same bytes, so only what
    // they reference is compared (an unchanged appearance's font program is not read twice).
    Comparer& comparer(std::size_t revision, QPDF& pdf) {
        auto it = m_cmp.find(revision);
        if (it == m_cmp.end()) {
            it = m_cmp.emplace(revision, std::make_unique<Comparer>(m_budget)).first;
            it->second->set_revisions(pdf, m_after, m_tables);
        }
        return *it->second;
    }

    void check(OH w) {
        const QPDFObjGen og = w.getObjGen();
        if (!m_checked.insert(og).second || is_invisible(w)) return;
        OH old = m_before.getObjectByObjGen(og);
        const bool existed = old.isDictionary() && is_sig_field(old);
        if (existed && same_appearance(comparer(m_before_revision, m_before), old, w)) return;
        const std::string name = "signature widget " + og.unparse(' ');
        OH v = field_value(w);
        const SignedRevision* s = nullptr;
        if (v.isIndirect()) {
            for (const auto& c : m_signatures) {
                if (c.dict == v.getObjGen()) s = &c;
            }
        }
        if (s == nullptr) {
            note("unsigned " + name + (existed ? " changed its visible appearance" : " gained a visible appearance"));
        } else if (s->revision <= m_before_revision) {
            note("signed " + name + (existed ? " changed its visible appearance" : " gained a visible appearance") +
                 " after this signature");
        } else if (!s->verified || s->pdf == nullptr) {
            note(name + " gained a visible appearance signed by a signature that does not verify");
        } else if (!same_appearance(comparer(s->revision, *s->pdf), s->pdf->getObjectByObjGen(og), w)) {
            note(name + " changed its visible appearance after revision " + std::to_string(s->revision) + " signed it");
        }
    }

    // A direct annotation cannot be a form field; it may only stay as it was at its place.
    void check_direct(OH a, std::size_t page, int index) {
        if (is_invisible(a)) return;
        if (page < m_pages_before.size()) {
            OH annots = m_pages_before[page].getKey("/Annots");
            if (annots.isArray() && index < annots.getArrayNItems() &&
                same_appearance(comparer(m_before_revision, m_before), annots.getArrayItem(index), a)) {
                return;
            }
        }
        note("unsigned direct signature widget on page " + std::to_string(page + 1) + " gained a visible appearance");
    }

    XRefTables* m_tables;  ///< the caller's, or null (each comparer reads its own)
    QPDF& m_before;
    std::size_t m_before_revision;
    QPDF& m_after;
    const std::vector<SignedRevision>& m_signatures;
    std::size_t m_budget;
    Changes& m_out;
    std::vector<OH> m_pages_after, m_pages_before;
    std::set<QPDFObjGen> m_checked;
    std::map<std::size_t, std::unique_ptr<Comparer>> m_cmp;  ///< per revision compared with `after`
};

}  // namespace

void check_signature_widgets(QPDF& before, std::size_t before_revision, QPDF& after,
                             const std::vector<SignedRevision>& signatures, std::size_t budget, Changes& out,
                             XRefTables* tables) {
    try {
        WidgetRule(before, before_revision, after, signatures, budget, out, tables).run();
    } catch (const TooComplex&) {
        out.too_complex = true;
        out.kinds.insert(ChangeKind::Catalog);
        out.details.push_back("catalog: the signature widgets are too deep, cyclic or large to compare");
    } catch (const std::exception& e) {
        out.kinds.insert(ChangeKind::Catalog);
        out.details.push_back(std::string("catalog: the signature widgets could not be compared: ") + e.what());
    }
}

}  // namespace kansli::verify
