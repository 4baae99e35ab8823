#include "sign/fields.hpp"

#include <set>

namespace kansli::sign::detail {
namespace {

using namespace PoDoFo;

constexpr int kMaxDepth = 32;

PdfObject* resolve(PdfMemDocument& doc, const PdfObject* o) {
    if (o && o->IsReference()) return doc.GetObjects().GetObject(o->GetReference());
    return const_cast<PdfObject*>(o);  // PoDoFo 0.9.8 hands out const keys of mutable objects
}

struct Walker {
    PdfMemDocument& doc;
    std::set<PdfReference> visited;
    std::vector<SigField> out;

    void walk(PdfObject* node, const std::string& parent_name, bool parent_is_sig, int depth) {
        if (!node || !node->IsDictionary() || depth > kMaxDepth) return;
        if (node->Reference().IsIndirect() && !visited.insert(node->Reference()).second) return;
        const PdfDictionary& d = node->GetDictionary();
        std::string name = parent_name;
        if (const PdfObject* t = d.GetKey("T"); t && (t->IsString() || t->IsHexString())) {
            const std::string part = utf8_of(t);
            name = parent_name.empty() ? part : parent_name + "." + part;
        }
        bool is_sig = parent_is_sig;
        if (const PdfObject* ft = d.GetKey("FT"); ft && ft->IsName()) is_sig = ft->GetName().GetName() == "Sig";

        // Kids that are fields (they have /T) make this a non-terminal field; kids without /T
        // are widgets of this field.
        std::vector<PdfObject*> field_kids;
        PdfObject* first_widget = nullptr;
        if (PdfObject* kids = resolve(doc, d.GetKey("Kids")); kids && kids->IsArray()) {
            for (auto& k : kids->GetArray()) {
                PdfObject* kid = resolve(doc, const_cast<PdfObject*>(&k));
                if (!kid || !kid->IsDictionary()) continue;
                if (kid->GetDictionary().HasKey("T")) {
                    field_kids.push_back(kid);
                } else if (!first_widget) {
                    first_widget = kid;
                }
            }
        }
        for (PdfObject* kid : field_kids) walk(kid, name, is_sig, depth + 1);
        if (!field_kids.empty() || !is_sig) return;
        SigField f;
        f.field = node;
        f.widget = first_widget ? first_widget : node;
        f.name = name;
        f.tooltip = utf8_of(resolve(doc, d.GetKey("TU")));
        // A /V that dangles still counts as signed: the field is not fillable, and the check of
        // existing signatures then refuses the file.
        const PdfObject* v = resolve(doc, d.GetKey("V"));
        f.is_signed = d.HasKey("V") && !(v && v->IsNull());
        out.push_back(std::move(f));
    }
};

}  // namespace

std::string utf8_of(const PoDoFo::PdfObject* obj) {
    if (!obj || !(obj->IsString() || obj->IsHexString())) return {};
    return obj->GetString().GetStringUtf8();
}

std::vector<SigField> signature_fields(PoDoFo::PdfMemDocument& doc) {
    Walker w{doc, {}, {}};
    if (!doc.GetCatalog() || !doc.GetCatalog()->IsDictionary()) return {};
    PdfObject* form = resolve(doc, doc.GetCatalog()->GetDictionary().GetKey("AcroForm"));
    if (!form || !form->IsDictionary()) return {};
    PdfObject* fields = resolve(doc, form->GetDictionary().GetKey("Fields"));
    if (!fields || !fields->IsArray()) return {};
    for (auto& f : fields->GetArray()) w.walk(resolve(doc, const_cast<PdfObject*>(&f)), "", false, 0);
    return std::move(w.out);
}

std::vector<std::string> signing_order(PoDoFo::PdfMemDocument& doc) {
    std::vector<std::string> names;
    if (!doc.GetCatalog() || !doc.GetCatalog()->IsDictionary()) return names;
    PdfObject* arr = resolve(doc, doc.GetCatalog()->GetDictionary().GetKey("KANS_SigningOrder"));
    if (!arr || !arr->IsArray()) return names;
    for (auto& e : arr->GetArray()) {
        const PdfObject* s = resolve(doc, const_cast<PdfObject*>(&e));
        if (s && (s->IsString() || s->IsHexString())) names.push_back(utf8_of(s));
    }
    return names;
}

PoDoFo::PdfPage* page_of(PoDoFo::PdfMemDocument& doc, PoDoFo::PdfObject* widget) {
    const PdfObject* p = widget->GetDictionary().GetKey("P");
    const int n = doc.GetPageCount();
    for (int i = 0; i < n; ++i) {
        PdfPage* page = doc.GetPage(i);
        if (p && p->IsReference() && page->GetObject()->Reference() == p->GetReference()) return page;
    }
    for (int i = 0; i < n; ++i) {
        PdfPage* page = doc.GetPage(i);
        PdfObject* annots = resolve(doc, page->GetObject()->GetDictionary().GetKey("Annots"));
        if (!annots || !annots->IsArray()) continue;
        for (auto& a : annots->GetArray()) {
            if (a.IsReference() && a.GetReference() == widget->Reference()) return page;
        }
    }
    return nullptr;
}

}  // namespace kansli::sign::detail
