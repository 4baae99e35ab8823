#include "sign/target.hpp"

#include "core/names.hpp"
#include "sign/refuse.hpp"

#include <algorithm>
#include <cstring>

namespace kansli::sign::detail {
namespace {

std::string quoted_list(const std::vector<SigField>& fields, bool unsigned_only) {
    std::string s;
    for (const auto& f : fields) {
        if (unsigned_only && f.is_signed) continue;
        s += (s.empty() ? "\"" : ", \"") + f.name + "\"";
    }
    return s.empty() ? "(none)" : s;
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// "Justerare 2" → "justerare", "Ordförande" → "ordförande", "Part Region X" → "part"
std::string role_word(const std::string& field_name) {
    std::string w = field_name.substr(0, field_name.find(' '));
    if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z') w[0] = static_cast<char>(w[0] - 'A' + 'a');
    return w;
}

const SigField* find(const std::vector<SigField>& fields, const std::string& name) {
    auto it = std::find_if(fields.begin(), fields.end(), [&](const SigField& f) { return f.name == name; });
    return it == fields.end() ? nullptr : &*it;
}

// "Signatur", else "Signatur 2", "Signatur 3", ...: the first name no field has.
std::string unused_name(const std::vector<SigField>& fields, const std::string& base) {
    for (std::size_t n = 1;; ++n) {
        const std::string name = n == 1 ? base : base + " " + std::to_string(n);
        if (!find(fields, name)) return name;
    }
}

}  // namespace

Target choose_target(const std::vector<SigField>& fields, const std::vector<std::string>& order,
                     const SignRequest& req) {
    std::string wanted = req.field;
    if (wanted.empty() && req.role == Role::Justerare) {
        for (const auto& f : fields) {
            if (starts_with(f.name, "Justerare") && !f.is_signed) {
                wanted = f.name;
                break;
            }
        }
        if (wanted.empty()) {
            const bool any = std::any_of(fields.begin(), fields.end(),
                                         [](const SigField& f) { return starts_with(f.name, "Justerare"); });
            if (any) refuse("every Justerare field is signed already");
            wanted = "Justerare";
        }
    } else if (wanted.empty() && req.role != Role::Unknown) {
        wanted = role_label(req.role);
    } else if (wanted.empty()) {
        for (const auto& name : order) {
            const SigField* f = find(fields, name);
            if (f && !f->is_signed) {
                wanted = name;
                break;
            }
        }
        if (wanted.empty()) {
            const auto unsigned_count =
                std::count_if(fields.begin(), fields.end(), [](const SigField& f) { return !f.is_signed; });
            if (unsigned_count == 1) {
                wanted =
                    std::find_if(fields.begin(), fields.end(), [](const SigField& f) { return !f.is_signed; })->name;
            } else if (unsigned_count == 0 && order.empty()) {
                // A PDF not made for named signers (no fields, or only signed ones): every signer
                // gets a new field, as pdfsig and pyHanko do.
                wanted = unused_name(fields, "Signatur");
            } else {
                refuse("say which signature field to sign",
                       "use --role ROLE or --field NAME; unsigned fields: " + quoted_list(fields, true));
            }
        }
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name != wanted) continue;
        if (fields[i].is_signed) refuse("the field \"" + wanted + "\" is signed already");
        return Target{i, wanted};
    }
    // A new field only where the document prepared none for its signers: no fields at all, or
    // only signed ones and no signing order (a foreign PDF signed ad hoc before).
    const bool all_signed = std::all_of(fields.begin(), fields.end(), [](const SigField& f) { return f.is_signed; });
    if (!(all_signed && (order.empty() || req.new_field))) {
        refuse("the PDF has no signature field \"" + wanted + "\"", "fields: " + quoted_list(fields, false));
    }
    return Target{std::nullopt, wanted};
}

void check_order(const std::vector<SigField>& fields, const std::vector<std::string>& order, const Target& target,
                 const SignRequest& req) {
    if (req.any_order) return;
    const auto pos = std::find(order.begin(), order.end(), target.name);
    if (pos == order.end()) return;
    for (auto it = order.begin(); it != pos; ++it) {
        const SigField* f = find(fields, *it);
        if (!f || f->is_signed) continue;
        // render/ writes /TU as "<field>: <expected signer>"
        std::string who = f->tooltip;
        if (starts_with(who, (f->name + ": ").c_str())) who = who.substr(f->name.size() + 2);
        if (who.empty()) who = "the signer of \"" + f->name + "\"";
        const std::string me = req.signer_name.empty() ? "the signer of \"" + target.name + "\"" : req.signer_name;
        refuse(
            who + " (" + role_word(f->name) + ") must sign before " + me + " (" + role_word(target.name) + ")",
            "signing order: " +
                [&] {
                    std::string s;
                    for (const auto& n : order) s += (s.empty() ? "" : " → ") + n;
                    return s;
                }() +
                "; --any-order overrides it");
    }
}

void check_identity(const std::vector<SigField>& fields, const Target& target, const SignRequest& req) {
    if (!target.index) return;
    const SigField& f = fields.at(*target.index);
    const std::string prefix = f.name + ": ";
    if (!starts_with(f.tooltip, prefix.c_str())) return;
    const std::string expected = f.tooltip.substr(prefix.size());
    if (expected.empty() || core::same_person(expected, req.signer_name)) return;
    refuse("the field \"" + f.name + "\" is for " + expected + ", but the certificate names " +
               (req.signer_name.empty() ? std::string("nobody (no CN)") : req.signer_name),
           "sign with " + expected +
               "'s key and certificate; names are compared ignoring case, hyphens and "
               "extra spaces, not diacritics");
}

std::string capacity_line(const SignRequest& req, const std::string& field, const std::string& tooltip) {
    if (req.role != Role::Unknown && req.field.empty()) return std::string("Roll: ") + role_label(req.role);
    for (const char* role : {"Sekreterare", "Justerare", "Ordförande"}) {
        if (starts_with(field, role)) return "Roll: " + field;
    }
    const std::string prefix = field + ": ";
    if (starts_with(tooltip, prefix.c_str())) {
        const std::string who = tooltip.substr(prefix.size());
        if (!who.empty() && !core::same_person(who, req.signer_name)) return "För: " + who;
    }
    if (!req.organization.empty()) return "För: " + req.organization;
    return "Fält: " + field;
}

int nesting_depth(const core::Bytes& pdf, int limit) {
    int depth = 0, max_depth = 0;
    const std::size_t n = pdf.size();
    std::size_t i = 0;
    auto at = [&](std::size_t k) { return k < n ? static_cast<char>(pdf[k]) : '\0'; };
    while (i < n && max_depth <= limit) {
        const char c = at(i);
        if (c == '%') {  // comment
            while (i < n && at(i) != '\n' && at(i) != '\r') ++i;
        } else if (c == '(') {  // literal string, balanced parentheses, backslash escapes
            int level = 0;
            for (; i < n; ++i) {
                if (at(i) == '\\') {
                    ++i;
                    continue;
                }
                if (at(i) == '(') ++level;
                if (at(i) == ')' && --level == 0) break;
            }
            ++i;
        } else if (c == '<' && at(i + 1) == '<') {
            max_depth = std::max(max_depth, ++depth);
            i += 2;
        } else if (c == '>' && at(i + 1) == '>') {
            depth = std::max(0, depth - 1);
            i += 2;
        } else if (c == '<') {  // hex string
            while (i < n && at(i) != '>') ++i;
            ++i;
        } else if (c == '[') {
            max_depth = std::max(max_depth, ++depth);
            ++i;
        } else if (c == ']') {
            depth = std::max(0, depth - 1);
            ++i;
        } else if (c == 's' && i > 0 && at(i - 1) != 'd' && i + 6 <= n && std::memcmp(&pdf[i], "stream", 6) == 0 &&
                   (at(i + 6) == '\r' || at(i + 6) == '\n')) {
            // stream data: skip to "endstream" (a stream is never nested inside a dictionary)
            static constexpr char kEnd[] = "endstream";
            const auto it = std::search(pdf.begin() + static_cast<std::ptrdiff_t>(i + 6), pdf.end(), kEnd, kEnd + 9);
            i = static_cast<std::size_t>(it - pdf.begin()) + 9;
            depth = 0;
        } else {
            ++i;
        }
    }
    return max_depth;
}

}  // namespace kansli::sign::detail
