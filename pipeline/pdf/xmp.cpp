#include "pdf/xmp.hpp"

#include <charconv>
#include <vector>

namespace kansli::pdf {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// One occurrence of a simple property: the byte range of its raw value.
struct Occurrence {
    std::size_t begin = 0, end = 0;
};

/// Every occurrence of `name` as an element with text content or as an attribute, in order.
std::vector<Occurrence> occurrences(std::string_view x, std::string_view name) {
    std::vector<Occurrence> out;
    for (std::size_t p = x.find(name); p != std::string_view::npos; p = x.find(name, p + 1)) {
        const std::size_t after = p + name.size();
        if (after >= x.size()) break;
        if (p > 0 && x[p - 1] == '<') {  // element: <name> or <name attrs>
            if (x[after] != '>' && !is_space(x[after])) continue;
            const std::size_t gt = x.find('>', after);
            if (gt == std::string_view::npos || x[gt - 1] == '/') continue;
            const std::string close = "</" + std::string(name);
            const std::size_t end = x.find(close, gt + 1);
            if (end == std::string_view::npos) break;
            // Only text content: a value that is itself markup (rdf:Seq ...) is not a simple property.
            if (x.substr(gt + 1, end - gt - 1).find('<') != std::string_view::npos) continue;
            out.push_back({gt + 1, end});
        } else if (p > 0 && is_space(x[p - 1])) {  // attribute: name="v" or name='v'
            std::size_t q = after;
            while (q < x.size() && is_space(x[q])) ++q;
            if (q >= x.size() || x[q] != '=') continue;
            ++q;
            while (q < x.size() && is_space(x[q])) ++q;
            if (q >= x.size() || (x[q] != '"' && x[q] != '\'')) continue;
            const std::size_t end = x.find(x[q], q + 1);
            if (end == std::string_view::npos) break;
            out.push_back({q + 1, end});
        }
    }
    return out;
}

std::string unescape(std::string_view v) {
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    std::string out;
    for (std::size_t i = 0; i < v.size();) {
        bool done = false;
        if (v[i] == '&') {
            for (const auto& [e, c] : kEntities) {
                if (v.substr(i, e.size()) == e) {
                    out += c;
                    i += e.size();
                    done = true;
                    break;
                }
            }
        }
        if (!done) out += v[i++];
    }
    // Surrounding white space is not part of a simple value.
    const auto b = out.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return out.substr(b, out.find_last_not_of(" \t\r\n") - b + 1);
}

int to_int(const std::optional<std::string>& s) {
    int v = 0;
    if (!s || s->empty()) return 0;
    const auto [p, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    return ec == std::errc() && p == s->data() + s->size() ? v : 0;
}

}  // namespace

std::optional<std::string> xmp_property(std::string_view xmp, std::string_view name) {
    const auto occ = occurrences(xmp, name);
    if (occ.empty()) return std::nullopt;
    return unescape(xmp.substr(occ.front().begin, occ.front().end - occ.front().begin));
}

XmpClaims xmp_claims(std::string_view xmp) {
    XmpClaims c;
    c.pdfa_part = to_int(xmp_property(xmp, "pdfaid:part"));
    c.pdfa_conformance = xmp_property(xmp, "pdfaid:conformance").value_or("");
    c.pdfua_part = to_int(xmp_property(xmp, "pdfuaid:part"));
    return c;
}

bool replace_xmp_property(std::string& xmp, std::string_view name, std::string_view value) {
    const auto occ = occurrences(xmp, name);
    const std::string v = xml_escape(value);
    for (auto it = occ.rbegin(); it != occ.rend(); ++it) xmp.replace(it->begin, it->end - it->begin, v);
    return !occ.empty();
}

}  // namespace kansli::pdf
