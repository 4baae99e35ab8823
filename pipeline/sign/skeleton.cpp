#include "sign/skeleton.hpp"

#include <qpdf/QPDFObjectHandle.hh>

#include <set>
#include <vector>

namespace kansli::sign::detail {
namespace {

constexpr int kMaxDepth = 64;

// Collects the skeleton's indirect objects, each once; false as soon as there are too many.
class Skeleton {
public:
    bool add(OH o) {
        if (!o.isIndirect() || !m_seen.insert(o.getObjGen()).second) return true;
        m_objects.push_back(o);
        return m_objects.size() <= kMaxSkeleton;
    }

    // The page tree (/Kids of nodes that are not pages) or the field tree (/Kids of any field),
    // depth first, bounded in depth and size; cycles end at an object already collected.
    bool tree(OH top, bool fields) {
        std::vector<std::pair<OH, int>> stack{{top, 0}};
        while (!stack.empty()) {
            auto [node, depth] = stack.back();
            stack.pop_back();
            if (!node.isDictionary() || depth > kMaxDepth) continue;
            if (node.isIndirect() && m_seen.contains(node.getObjGen())) continue;
            if (!add(node)) return false;
            const bool page = !fields && node.isDictionaryOfType("/Page");
            if (page && !add(node.getKey("/Annots"))) return false;
            OH kids = node.getKey("/Kids");
            if (page || !kids.isArray()) continue;
            for (int i = kids.getArrayNItems() - 1; i >= 0; --i) stack.emplace_back(kids.getArrayItem(i), depth + 1);
        }
        return true;
    }

    const std::vector<OH>& objects() const { return m_objects; }

private:
    std::set<QPDFObjGen> m_seen;
    std::vector<OH> m_objects;
};

}  // namespace

std::size_t unpack_skeleton(QPDF& q, ChangedObjects& changed) {
    Skeleton s;
    OH root = q.getRoot();
    bool fits = s.add(root) && s.add(q.getTrailer().getKey("/Info")) && s.add(root.getKey("/Outlines")) &&
                s.add(root.getKey("/StructTreeRoot")) && s.tree(root.getKey("/Pages"), false);
    OH fields = root.getKey("/AcroForm").isDictionary() ? root.getKey("/AcroForm").getKey("/Fields") : OH::newNull();
    for (int i = 0; fits && fields.isArray() && i < fields.getArrayNItems(); ++i) {
        fits = s.tree(fields.getArrayItem(i), true);
    }
    if (!fits) return 0;
    const auto xref = q.getXRefTable();
    std::size_t marked = 0;
    for (OH o : s.objects()) {
        auto it = xref.find(o.getObjGen());
        if (it == xref.end() || it->second.getType() != 2 || o.isStream()) continue;
        changed.mark(o);
        ++marked;
    }
    return marked;
}

}  // namespace kansli::sign::detail
