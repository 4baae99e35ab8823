#include "render/foreign_structure.hpp"

namespace kansli::render {

void drop_foreign_structure_keys(std::vector<QPDFObjectHandle>& pages) {
    for (auto& page : pages) {
        if (!page.isDictionary()) continue;
        page.removeKey("/StructParents");
        QPDFObjectHandle annots = page.getKey("/Annots");
        if (!annots.isArray()) continue;
        for (auto& a : annots.aitems())
            if (a.isDictionary()) a.removeKey("/StructParent");
    }
}

}  // namespace kansli::render
