// Deep comparison of objects of two revisions (libqpdf), shared by changes.cpp and widgets.cpp.
#pragma once

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include "verify/xref_tables.hpp"

#include <algorithm>
#include <cstddef>
#include <exception>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kansli::verify {

/// Thrown by Comparer when its node budget or depth cap is exhausted.
struct TooComplex {};

/// What Comparer::same_references() reads of the later revision's objects, kept for the
/// comparisons of several earlier revisions with the same later one (as RedefinedWalk is for the
/// object-level rule): per object, the references it holds in the order the walk meets them and
/// the direct arrays and dictionaries around them. It depends on the later revision alone, so a
/// second comparison replays it instead of asking qpdf for every key and item again.
struct ReferenceIndex {
    QPDF* after = nullptr;  ///< the revision indexed (not owned); reset when another one comes
    /// One step of an object's walk: kOpen / kClose bracket the object itself or a direct array or
    /// dictionary in it (same_references() spends a node on each); otherwise a reference.
    struct Step {
        int obj = 0;  ///< object number, or kOpen / kClose
        int gen = 0;
    };
    static constexpr int kOpen = -1, kClose = -2;
    std::vector<Step> steps;
    std::map<QPDFObjGen, std::pair<std::size_t, std::size_t>> runs;  ///< object → [begin, end) of steps
};

/// Deep equality of objects of two revisions through references (same object numbers, same
/// values, same raw stream data) with a node budget; throws TooComplex when it runs out.
class Comparer {
    using OH = QPDFObjectHandle;

public:
    explicit Comparer(std::size_t budget) : m_budget(budget) {}

    /// Objects that are pages of the page tree in both revisions (compared one by one by Analysis).
    void set_pages(std::set<QPDFObjGen> pages) { m_pages = std::move(pages); }
    /// Annotations of pages in both revisions: Analysis::annots diffs each one itself (depth 0);
    /// reached from elsewhere (the structure tree's OBJRs) they compare by identity, or signing
    /// a widget would "change" the /StructTreeRoot that names it.
    void set_annotations(std::set<QPDFObjGen> annots) { m_annots = std::move(annots); }

    /// The two revisions compared (`a` the earlier; both prefixes of one file). From then on an
    /// object whose cross-reference entries are identical in both (same offset; or same slot of
    /// one object stream whose own entry is identical and whose dictionary holds no reference)
    /// is the same bytes: it is parsed in `b` only, and only the objects it references are still
    /// compared (an indirect /Length among them). Both must outlive the comparer. `tables`: their
    /// cross-reference tables when the caller keeps them (it must outlive the comparer too).
    void set_revisions(QPDF& a, QPDF& b, XRefTables* tables = nullptr) {
        XRefTables& t = tables != nullptr ? *tables : m_own_tables;
        m_xa = &t.of(a);
        m_xb = &t.of(b);
        m_qa = &a;
        m_qb = &b;
    }

    /// Shares `index` (the later revision's references) with other comparers of the same later
    /// revision; set_revisions() first. Results are those of a comparer without it.
    void set_index(ReferenceIndex* index) {
        m_index = index;
        if (m_index != nullptr && m_index->after != m_qb) {
            *m_index = ReferenceIndex{};
            m_index->after = m_qb;
        }
    }

    // Deep equality through references: same object numbers, same values, same raw stream data.
    bool same(OH a, OH b, int depth = 0) {
        if (m_budget == 0 || depth > 200) throw TooComplex{};
        --m_budget;
        if (a.isIndirect() != b.isIndirect()) return false;
        if (a.isIndirect()) {
            if (a.getObjGen() != b.getObjGen()) return false;
            return same_object(a.getObjGen(), depth, &a, &b);
        }
        return same_direct(a, b, depth);
    }

    // The value of key `k` of a dictionary, compared as same_direct() compares it.
    bool same_value(const std::string& k, OH a, OH b, bool field) {
        if (k == "/Parent" || k == "/P" || (k == "/Kids" && field)) return same_shallow(a, b, 0);
        return same(a, b);
    }

private:
    // Identical cross-reference entries in both revisions: the same bytes (see set_revisions).
    bool same_bytes(QPDFObjGen og) {
        if (!m_qb) return false;
        auto ia = m_xa->find(og), ib = m_xb->find(og);
        if (ia == m_xa->end() || ib == m_xb->end()) return false;
        const QPDFXRefEntry& ea = ia->second;
        const QPDFXRefEntry& eb = ib->second;
        if (ea.getType() == 1) return eb.getType() == 1 && ea.getOffset() == eb.getOffset();
        if (ea.getType() != 2 || eb.getType() != 2 || ea.getObjStreamNumber() != eb.getObjStreamNumber() ||
            ea.getObjStreamIndex() != eb.getObjStreamIndex()) {
            return false;
        }
        const QPDFObjGen stm(ea.getObjStreamNumber(), 0);
        auto [it, fresh] = m_plain_objstm.try_emplace(stm.getObj(), false);
        if (fresh) {
            auto sa = m_xa->find(stm), sb = m_xb->find(stm);
            bool plain = sa != m_xa->end() && sb != m_xb->end() && sa->second.getType() == 1 &&
                         sb->second.getType() == 1 && sa->second.getOffset() == sb->second.getOffset();
            if (plain) {
                OH d = m_qb->getObjectByObjGen(stm);
                plain = d.isStream();
                if (plain) {
                    OH dict = d.getDict();
                    for (const auto& k : dict.getKeys()) plain = plain && !dict.getKey(k).isIndirect();
                }
            }
            it->second = plain;
        }
        return it->second;
    }

    // An object with the same bytes in both revisions, read in `b` (the later revision, whose
    // objects the object-level rule reads anyway): equal when every object it references (other
    // than by /Parent, /P or a field's /Kids, which same_direct compares by identity) is.
    bool same_references(OH x, int depth) {
        if (m_budget == 0 || depth > 200) throw TooComplex{};
        --m_budget;
        return each_followed(x, [&](OH c) { return same_child(c, depth + 1); });
    }

    // The values same_references() follows in `x`: its items, or the values of its dictionary
    // (a stream's dictionary) except the back-references /Parent and /P and a form field's
    // /Kids, which same_direct() compares by identity. `f` returns false to stop.
    template <class F>
    static bool each_followed(OH x, F&& f) {
        if (x.isArray()) {
            const int n = x.getArrayNItems();
            for (int i = 0; i < n; ++i) {
                if (!f(x.getArrayItem(i))) return false;
            }
            return true;
        }
        OH d = x.isStream() ? x.getDict() : x;
        if (!d.isDictionary()) return true;
        const bool field = d.hasKey("/FT") || d.hasKey("/T");
        for (const auto& k : d.getKeys()) {
            if (k == "/Parent" || k == "/P" || (k == "/Kids" && field)) continue;
            if (!f(d.getKey(k))) return false;
        }
        return true;
    }

    // same_references(x, depth) from the index: the same nodes spent at the same depths, the
    // same references compared in the same order (the walk is recorded on first use).
    bool replay(QPDFObjGen og, int depth) {
        auto it = m_index->runs.find(og);
        if (it == m_index->runs.end()) {
            const std::size_t begin = m_index->steps.size();
            record(m_qb->getObjectByObjGen(og), 0);
            it = m_index->runs.emplace(og, std::make_pair(begin, m_index->steps.size())).first;
        }
        int d = depth - 1;
        for (std::size_t i = it->second.first; i < it->second.second; ++i) {
            const ReferenceIndex::Step s = m_index->steps[i];
            if (s.obj == ReferenceIndex::kOpen) {
                ++d;
                if (m_budget == 0 || d > 200) throw TooComplex{};
                --m_budget;
            } else if (s.obj == ReferenceIndex::kClose) {
                --d;
            } else if (!same_reference(QPDFObjGen(s.obj, s.gen), d + 1)) {
                return false;
            }
        }
        return true;
    }

    // same(a, b, depth) of the object `og` of both revisions, as a replay reaches it.
    bool same_reference(QPDFObjGen og, int depth) {
        if (m_budget == 0 || depth > 200) throw TooComplex{};
        --m_budget;
        return same_object(og, depth, nullptr, nullptr);
    }

    // The object `og` of both revisions, its budget node spent: `a` and `b` are its handles when
    // the caller has them. Without, a handle in the earlier revision is asked for only when its
    // bytes differ (qpdf adds every object asked for to that revision's cache, and the structure
    // tree is hundreds of objects).
    bool same_object(QPDFObjGen og, int depth, const OH* a, const OH* b) {
        // Pages are compared one by one (Analysis::pages): a destination or link naming a page
        // compares it by identity, or adding a signature widget to a page would "change" every
        // outline entry and link that points at it. Only real pages of both page trees: any
        // other dictionary that says /Type /Page (a font or resources dictionary prepared by an
        // attacker) is compared deeply.
        if (m_pages.contains(og)) return true;
        if (depth > 0 && m_annots.contains(og)) return true;
        auto [it, fresh] = m_memo.try_emplace(og, true);  // assume equal while in progress (cycles)
        if (!fresh) return it->second;
        auto in_b = [&] { return b != nullptr ? *b : m_qb->getObjectByObjGen(og); };
        bool r = false;
        if (!same_bytes(og))
            r = same_direct(a != nullptr ? *a : m_qa->getObjectByObjGen(og), in_b(), depth);
        else
            r = m_index != nullptr ? replay(og, depth) : same_references(in_b(), depth);
        m_memo[og] = r;
        return r;
    }

    // The steps of same_references(x): what it reads of x, without stopping at a difference.
    void record(OH x, int nesting) {
        auto& steps = m_index->steps;
        if (nesting > 200) throw TooComplex{};
        steps.push_back({ReferenceIndex::kOpen, 0});
        each_followed(x, [&](OH c) {
            if (c.isIndirect()) {
                steps.push_back({c.getObjGen().getObj(), c.getObjGen().getGen()});
            } else if (c.isArray() || c.isDictionary()) {
                record(c, nesting + 1);
            }
            return true;
        });
        steps.push_back({ReferenceIndex::kClose, 0});
    }

    bool same_child(OH x, int depth) {
        if (x.isIndirect()) return same(m_qa->getObjectByObjGen(x.getObjGen()), x, depth);
        if (x.isArray() || x.isDictionary()) return same_references(x, depth);
        return true;
    }

    // The keys of a dictionary of revision `a` whose values are not null, as QPDFObjectHandle::
    // getKeys() counts them, except that a referenced object with the same bytes in both revisions
    // (same_bytes) is tested for null in `b`, which reads it anyway: resolving it in `a` would make
    // qpdf parse the whole object stream it sits in (an unchanged font of a changed page's
    // /Resources, say). Same bytes, same value: the answer is the one `a` would give.
    std::set<std::string> keys_of_a(OH d) {
        std::set<std::string> out;
        for (const auto& [k, v] : d.getDictAsMap()) {
            const bool shared = v.isIndirect() && same_bytes(v.getObjGen());
            if (!(shared ? m_qb->getObjectByObjGen(v.getObjGen()).isNull() : OH(v).isNull())) out.insert(k);
        }
        return out;
    }

    // References equal by object number; direct arrays item by item; other direct values deeply.
    bool same_shallow(OH a, OH b, int depth) {
        if (m_budget == 0 || depth > 200) throw TooComplex{};
        --m_budget;
        if (a.isIndirect() || b.isIndirect()) return a.isIndirect() && b.isIndirect() && a.getObjGen() == b.getObjGen();
        if (a.isArray() && b.isArray()) {
            const int n = a.getArrayNItems();
            if (n != b.getArrayNItems()) return false;
            for (int i = 0; i < n; ++i) {
                if (!same_shallow(a.getArrayItem(i), b.getArrayItem(i), depth + 1)) return false;
            }
            return true;
        }
        return same(a, b, depth);
    }

    bool same_direct(OH a, OH b, int depth) {
        if (a.getTypeCode() != b.getTypeCode()) return false;
        if (a.isArray()) {
            const int n = a.getArrayNItems();
            if (n != b.getArrayNItems()) return false;
            for (int i = 0; i < n; ++i) {
                if (!same(a.getArrayItem(i), b.getArrayItem(i), depth + 1)) return false;
            }
            return true;
        }
        if (a.isStream()) {
            if (!same(a.getDict(), b.getDict(), depth + 1)) return false;
            try {
                auto da = a.getRawStreamData();
                auto db = b.getRawStreamData();
                return da->getSize() == db->getSize() &&
                       std::equal(da->getBuffer(), da->getBuffer() + da->getSize(), db->getBuffer());
            } catch (const std::exception&) {
                return false;
            }
        }
        if (a.isDictionary()) {
            const auto ka = keys_of_a(a);
            if (ka != b.getKeys()) return false;
            // Back-references (/Parent, an annotation's /P) and a form field's /Kids are compared
            // by identity: their targets are compared on their own (pages, every field of the
            // tree), and following them would make one signed kid "change" all its siblings, its
            // parent, its page and every annotation on that page.
            const bool field = a.hasKey("/FT") || a.hasKey("/T");
            for (const auto& k : ka) {
                const bool shallow = k == "/Parent" || k == "/P" || (k == "/Kids" && field);
                if (!(shallow ? same_shallow(a.getKey(k), b.getKey(k), depth + 1)
                              : same(a.getKey(k), b.getKey(k), depth + 1))) {
                    return false;
                }
            }
            return true;
        }
        return a.unparse() == b.unparse();
    }

    std::size_t m_budget;
    std::map<QPDFObjGen, bool> m_memo;
    std::set<QPDFObjGen> m_pages;
    std::set<QPDFObjGen> m_annots;
    XRefTables m_own_tables;  ///< without the caller's tables
    const XRefTable* m_xa = nullptr;
    const XRefTable* m_xb = nullptr;
    QPDF* m_qa = nullptr;
    QPDF* m_qb = nullptr;
    std::map<int, bool> m_plain_objstm;  ///< object stream number → usable for same_bytes
    ReferenceIndex* m_index = nullptr;   ///< the later revision's references, shared, or null
};

}  // namespace kansli::verify
