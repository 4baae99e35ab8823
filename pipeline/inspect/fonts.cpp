#include "inspect/fonts.hpp"

#include "inspect/walk.hpp"

namespace kansli::inspect {

FontFacts font_facts(OH font) {
    FontFacts f;
    f.name = detail::text_of(font.getKey("/BaseFont"));
    f.subtype = detail::text_of(font.getKey("/Subtype"));
    f.to_unicode = font.getKey("/ToUnicode").isStream();
    OH descriptor = font.getKey("/FontDescriptor");
    if (f.subtype == "Type0") {
        OH d = font.getKey("/DescendantFonts");
        OH cid = d.isArray() && d.getArrayNItems() >= 1 ? d.getArrayItem(0) : OH::newNull();
        f.subtype += "/" + detail::text_of(cid.getKey("/Subtype"));
        descriptor = cid.getKey("/FontDescriptor");
    }
    if (descriptor.isDictionary()) {
        for (const char* k : {"/FontFile", "/FontFile2", "/FontFile3"})
            f.embedded = f.embedded || descriptor.getKey(k).isStream();
        f.cidset = descriptor.hasKey("/CIDSet");
    }
    return f;
}

std::map<std::size_t, double> cid_widths(OH w) {
    std::map<std::size_t, double> out;
    if (!w.isArray()) return out;
    const int n = w.getArrayNItems();
    constexpr long long kMaxCid = 65535;
    for (int i = 0; i < n && out.size() <= static_cast<std::size_t>(kMaxCid);) {
        OH first = w.getArrayItem(i);
        if (!first.isInteger() || i + 1 >= n) break;
        const long long c = first.getIntValue();
        OH next = w.getArrayItem(i + 1);
        if (next.isArray()) {
            const int m = next.getArrayNItems();
            for (int k = 0; k < m && c + k <= kMaxCid; ++k) {
                OH v = next.getArrayItem(k);
                if (c >= 0 && v.isNumber()) out[static_cast<std::size_t>(c + k)] = v.getNumericValue();
            }
            i += 2;
        } else if (i + 2 < n && next.isInteger() && w.getArrayItem(i + 2).isNumber()) {
            const long long last = std::min(next.getIntValue(), kMaxCid);
            const double v = w.getArrayItem(i + 2).getNumericValue();
            for (long long k = std::max(c, 0LL); k <= last && out.size() <= static_cast<std::size_t>(kMaxCid); ++k)
                out[static_cast<std::size_t>(k)] = v;
            i += 3;
        } else {
            break;
        }
    }
    return out;
}

}  // namespace kansli::inspect
