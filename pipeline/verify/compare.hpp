// Deep comparison of objects of two revisions (libqpdf), shared by changes.cpp and widgets.cpp.
#pragma once

#include <qpdf/QPDFObjectHandle.hh>

#include <algorithm>
#include <cstddef>
#include <exception>
#include <map>
#include <set>
#include <string>

namespace kansli::verify {

/// Thrown by Comparer when its node budget or depth cap is exhausted.
struct TooComplex {};

/// Deep equality of objects of two revisions through references (same object numbers, same
/// values, same raw stream data) with a node budget; throws TooComplex when it runs out.
class Comparer {
    using OH = QPDFObjectHandle;

public:
    explicit Comparer(std::size_t budget) : m_budget(budget) {}

    /// Objects that are pages of the page tree in both revisions (compared one by one by Analysis).
    void set_pages(std::set<QPDFObjGen> pages) { m_pages = std::move(pages); }

    // Deep equality through references: same object numbers, same values, same raw stream data.
    bool same(OH a, OH b, int depth = 0) {
        if (m_budget == 0 || depth > 200) throw TooComplex{};
        --m_budget;
        if (a.isIndirect() != b.isIndirect()) return false;
        if (a.isIndirect()) {
            if (a.getObjGen() != b.getObjGen()) return false;
            // Pages are compared one by one (Analysis::pages): a destination or link naming a
            // page compares it by identity, or adding a signature widget to a page would
            // "change" every outline entry and link that points at it.
            // Only real pages of both page trees: any other dictionary that says /Type /Page (a
            // font or resources dictionary prepared by an attacker) is compared deeply.
            if (m_pages.contains(a.getObjGen())) return true;
            auto [it, fresh] = m_memo.try_emplace(a.getObjGen(), true);  // assume equal while in progress (cycles)
            if (!fresh) return it->second;
            const bool r = same_direct(a, b, depth);
            m_memo[a.getObjGen()] = r;
            return r;
        }
        return same_direct(a, b, depth);
    }

    // The value of key `k` of a dictionary, compared as same_direct() compares it.
    bool same_value(const std::string& k, OH a, OH b, bool field) {
        if (k == "/Parent" || k == "/P" || (k == "/Kids" && field)) return same_shallow(a, b, 0);
        return same(a, b);
    }

private:
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
            const auto ka = a.getKeys();
            if (ka != b.getKeys()) return false;
            // Back-references (/Parent, an annotation's /P) and a form field's /Kids are compared
            // by identity: their targets are compared on their own (pages, every field of the
            // tree), and following them would make one signed kid "change" all its siblings, its
            // parent, its page and every annotation on that page.
            const bool field = a.hasKey("/FT") || a.hasKey("/T");
            for (const auto& k : ka) {
                const bool shallow = k == "/Parent" || k == "/P" || (k == "/Kids" && field);
                if (!(shallow ? same_shallow(a.getKey(k), b.getKey(k), depth + 1) : same(a.getKey(k), b.getKey(k), depth + 1))) {
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
};

}  // namespace kansli::verify
