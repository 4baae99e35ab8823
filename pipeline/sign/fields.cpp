#include "sign/fields.hpp"

#include <set>

namespace kansli::sign::detail {
namespace {

constexpr int kMaxFieldDepth = 32;

struct Walker {
    std::string type = "/Sig";  ///< the field type collected
    std::set<QPDFObjGen> visited;
    std::vector<SigField> out;

    void walk(OH node, const std::string& parent_name, bool parent_is_sig, int depth) {
        if (!node.isDictionary() || depth > kMaxFieldDepth) return;
        if (node.isIndirect() && !visited.insert(node.getObjGen()).second) return;
        std::string name = parent_name;
        if (OH t = node.getKey("/T"); t.isString()) {
            const std::string part = utf8_of(t);
            name = parent_name.empty() ? part : parent_name + "." + part;
        }
        bool is_sig = parent_is_sig;
        if (OH ft = node.getKey("/FT"); ft.isName()) is_sig = ft.getName() == type;

        // Kids that are fields (they have /T) make this a non-terminal field; kids without /T
        // are widgets of this field.
        std::vector<OH> field_kids;
        OH first_widget;
        bool have_widget = false;
        if (OH kids = node.getKey("/Kids"); kids.isArray()) {
            for (OH kid : kids.getArrayAsVector()) {
                if (!kid.isDictionary()) continue;
                if (kid.hasKey("/T")) {
                    field_kids.push_back(kid);
                } else if (!have_widget) {
                    first_widget = kid;
                    have_widget = true;
                }
            }
        }
        for (OH kid : field_kids) walk(kid, name, is_sig, depth + 1);
        if (!field_kids.empty() || !is_sig) return;
        SigField f;
        f.field = node;
        f.widget = have_widget ? first_widget : node;
        f.name = name;
        f.tooltip = utf8_of(node.getKey("/TU"));
        // qpdf treats a key whose value is null (or a dangling reference) as absent.
        f.is_signed = node.hasKey("/V");
        out.push_back(std::move(f));
    }
};

}  // namespace

std::string utf8_of(OH obj) {
    if (!obj.isString()) return {};
    return obj.getUTF8Value();
}

std::vector<SigField> signature_fields(QPDF& doc) {
    Walker w;
    OH fields = key_of(key_of(doc.getRoot(), "/AcroForm"), "/Fields");
    if (!fields.isArray()) return {};
    for (OH f : fields.getArrayAsVector()) w.walk(f, "", false, 0);
    return std::move(w.out);
}

std::vector<SigField> text_fields(QPDF& doc) {
    Walker w;
    w.type = "/Tx";
    OH fields = key_of(key_of(doc.getRoot(), "/AcroForm"), "/Fields");
    if (!fields.isArray()) return {};
    for (OH f : fields.getArrayAsVector()) w.walk(f, "", false, 0);
    return std::move(w.out);
}

std::vector<std::string> signing_order(QPDF& doc) {
    std::vector<std::string> names;
    OH arr = key_of(doc.getRoot(), "/KANS_SigningOrder");
    if (!arr.isArray()) return names;
    for (OH s : arr.getArrayAsVector()) {
        if (s.isString()) names.push_back(utf8_of(s));
    }
    return names;
}

}  // namespace kansli::sign::detail
