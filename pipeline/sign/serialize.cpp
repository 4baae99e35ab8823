#include "sign/serialize.hpp"

#include "core/diagnostic.hpp"
#include "pdf/text_string.hpp"

namespace kansli::sign::detail {
namespace {

constexpr int kMaxSerializeDepth = 256;

std::string literal(const std::string& bytes) {
    std::string s = "(";
    pdf::append_literal_bytes(s, bytes);
    return s + ")";
}

bool starts_with_delimiter(const std::string& s) {
    return !s.empty() && (s[0] == '/' || s[0] == '<' || s[0] == '[' || s[0] == '(');
}

void write(OH o, int depth, std::string& out) {
    if (depth > kMaxSerializeDepth)
        throw core::Error(core::ExitCode::Invalid, "sign", {}, "an object nests too deeply to rewrite");
    if (o.isIndirect() && depth > 0) {
        out += std::to_string(o.getObjectID()) + " " + std::to_string(o.getGeneration()) + " R";
        return;
    }
    if (o.isStream()) throw core::Error(core::ExitCode::Invalid, "sign", {}, "a stream cannot be rewritten here");
    if (o.isString()) {
        out += literal(o.getStringValue());
    } else if (o.isArray()) {
        out += '[';
        bool first = true;
        for (OH& item : o.getArrayAsVector()) {
            if (!first) out += ' ';
            first = false;
            write(item, depth + 1, out);
        }
        out += ']';
    } else if (o.isDictionary()) {
        out += "<<";
        for (const auto& key : o.getKeys()) {
            OH value = o.getKey(key);
            if (value.isNull()) continue;
            pdf::append_name(out, key);
            std::string v;
            write(value, depth + 1, v);
            if (!starts_with_delimiter(v)) out += ' ';
            out += v;
        }
        out += ">>";
    } else if (o.isName()) {
        pdf::append_name(out, o.getName());
    } else {
        out += o.unparse();  // null, boolean, integer, real (as read)
    }
}

}  // namespace

std::string pdf_text(OH o) {
    std::string out;
    write(o, 0, out);
    return out;
}

}  // namespace kansli::sign::detail
