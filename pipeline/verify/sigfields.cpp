#include "verify/sigfields.hpp"

#include "core/roles.hpp"

#include <set>

namespace kansli::verify {
namespace {

using OH = QPDFObjectHandle;

std::string field_name(OH f) {
    std::string name;
    for (int i = 0; i < 32 && f.isDictionary(); ++i) {
        OH t = f.getKey("/T");
        if (t.isString()) name = name.empty() ? t.getUTF8Value() : t.getUTF8Value() + "." + name;
        f = f.getKey("/Parent");
    }
    return name;
}

void walk_fields(OH node, std::vector<SignatureField>& out, std::set<QPDFObjGen>& seen, int depth,
                 std::vector<std::string>& problems) {
    if (!node.isDictionary()) return;
    if (depth > 32) {
        problems.push_back("form field tree deeper than 32 levels");
        return;
    }
    if (node.isIndirect() && !seen.insert(node.getObjGen()).second) return;
    OH v = node.getKey("/V");
    const bool sig = is_sig_field(node);  // its own /FT or an inherited one
    if (sig && !v.isNull()) out.push_back({field_name(node), v, node.isIndirect() ? node.getObjGen() : QPDFObjGen()});
    OH kids = node.getKey("/Kids");
    if (kids.isArray()) {
        for (int i = 0; i < kids.getArrayNItems() && out.size() < 1000; ++i) {
            walk_fields(kids.getArrayItem(i), out, seen, depth + 1, problems);
        }
    }
}

}  // namespace

std::string expected_signer(QPDF& pdf, QPDFObjGen field, const std::string& field_name) {
    if (field.getObj() == 0) return {};
    OH f = pdf.getObjectByObjGen(field);
    if (!f.isDictionary()) return {};
    OH tu = f.getKey("/TU");
    if (!tu.isString()) return {};
    const std::string text = tu.getUTF8Value();
    const std::string prefix = field_name + ": ";
    return text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : std::string();
}

std::vector<SignatureField> find_signature_fields(QPDF& pdf, std::vector<std::string>& problems) {
    std::vector<SignatureField> sigs;
    std::set<QPDFObjGen> seen;
    OH fields = pdf.getRoot().getKey("/AcroForm").getKey("/Fields");
    if (fields.isArray()) {
        for (int i = 0; i < fields.getArrayNItems() && sigs.size() < 1000; ++i) {
            walk_fields(fields.getArrayItem(i), sigs, seen, 0, problems);
        }
    }
    return sigs;
}

std::string role_of(const std::string& field) { return core::role_name(core::role_in_field_name(field)); }

bool is_sig_field(QPDFObjectHandle f) {
    for (int i = 0; i < 32 && f.isDictionary(); ++i) {
        QPDFObjectHandle ft = f.getKey("/FT");
        if (ft.isName()) return ft.getName() == "/Sig";
        f = f.getKey("/Parent");
    }
    return false;
}

}  // namespace kansli::verify
