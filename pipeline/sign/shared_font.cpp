#include "sign/shared_font.hpp"

#include <cctype>
#include <memory>
#include <vector>

namespace kansli::sign::detail {
namespace {

using namespace PoDoFo;

constexpr std::size_t kMaxEntries = 65536;
constexpr pdf_long kMaxCMapBytes = 1 << 20;

// Resolves a reference (one level) without creating or dirtying anything.
const PdfObject* resolve(PdfMemDocument& doc, const PdfObject* o) {
    if (o && o->IsReference()) return doc.GetObjects().GetObject(o->GetReference());
    return o;
}

const PdfObject* key(PdfMemDocument& doc, const PdfObject* dict, const char* name) {
    if (!dict || !dict->IsDictionary()) return nullptr;
    return resolve(doc, dict->GetDictionary().GetKey(PdfName(name)));
}

// The /KansliSig entry of /AcroForm /DR /Font (unresolved), or nullptr.
const PdfObject* registered_entry(PdfMemDocument& doc) {
    const PdfObject* catalog = doc.GetCatalog();
    const PdfObject* fonts = key(doc, key(doc, key(doc, catalog, "AcroForm"), "DR"), "Font");
    if (!fonts || !fonts->IsDictionary()) return nullptr;
    return fonts->GetDictionary().GetKey(PdfName(kSharedFontName));
}

double number(const PdfObject& o) { return o.IsReal() ? o.GetReal() : static_cast<double>(o.GetNumber()); }
bool is_number(const PdfObject& o) { return o.IsNumber() || o.IsReal(); }

// Hex strings of a CMap section, in order ("<0041>" → 0x0041); arrays are flattened with a marker.
struct Token {
    bool array_open = false, array_close = false;
    std::string hex;  // raw hex digits
};

std::vector<Token> hex_tokens(const std::string& s) {
    std::vector<Token> out;
    for (std::size_t i = 0; i < s.size() && out.size() < 4 * kMaxEntries; ++i) {
        if (s[i] == '[') out.push_back({true, false, {}});
        else if (s[i] == ']') out.push_back({false, true, {}});
        else if (s[i] == '<') {
            const auto end = s.find('>', i);
            if (end == std::string::npos) break;
            std::string hex;
            for (std::size_t k = i + 1; k < end; ++k) {
                if (std::isxdigit(static_cast<unsigned char>(s[k]))) hex += s[k];
            }
            out.push_back({false, false, hex});
            i = end;
        }
    }
    return out;
}

std::optional<std::uint32_t> hex_value(const std::string& hex) {
    if (hex.empty() || hex.size() > 8) return std::nullopt;
    return static_cast<std::uint32_t>(std::stoul(hex, nullptr, 16));
}

// A UTF-16BE target of one code point (a surrogate pair allowed); nullopt for ligatures.
std::optional<char32_t> utf16_target(const std::string& hex) {
    if (hex.size() == 4) return hex_value(hex);
    if (hex.size() == 8) {
        const auto hi = *hex_value(hex.substr(0, 4)), lo = *hex_value(hex.substr(4));
        if (hi >= 0xD800 && hi < 0xDC00 && lo >= 0xDC00 && lo < 0xE000) {
            return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
        }
    }
    return std::nullopt;
}

void parse_sections(const std::string& cmap, const char* begin, const char* end, bool range,
                    std::map<char32_t, std::uint16_t>& out) {
    for (std::size_t pos = cmap.find(begin); pos != std::string::npos; pos = cmap.find(begin, pos)) {
        pos += std::char_traits<char>::length(begin);
        const auto stop = cmap.find(end, pos);
        if (stop == std::string::npos) return;
        const auto t = hex_tokens(cmap.substr(pos, stop - pos));
        std::size_t i = 0;
        while (i < t.size() && out.size() < kMaxEntries) {
            if (!range) {
                if (i + 1 >= t.size()) break;
                const auto code = hex_value(t[i].hex);
                const auto uni = utf16_target(t[i + 1].hex);
                if (code && *code <= 0xFFFF && t[i].hex.size() == 4 && uni) out.emplace(*uni, static_cast<std::uint16_t>(*code));
                i += 2;
                continue;
            }
            if (i + 2 >= t.size()) break;
            const auto lo = hex_value(t[i].hex), hi = hex_value(t[i + 1].hex);
            i += 2;
            if (t[i].array_open) {  // <lo> <hi> [<u1> <u2> ...]
                std::uint32_t c = lo ? *lo : 0;
                for (++i; i < t.size() && !t[i].array_close; ++i, ++c) {
                    const auto uni = utf16_target(t[i].hex);
                    if (lo && hi && c <= *hi && c <= 0xFFFF && uni) out.emplace(*uni, static_cast<std::uint16_t>(c));
                }
                ++i;
                continue;
            }
            const auto first = utf16_target(t[i].hex);
            ++i;
            if (!lo || !hi || !first || *hi < *lo || *hi > 0xFFFF || *hi - *lo > 0xFFFF) continue;
            for (std::uint32_t c = *lo; c <= *hi && out.size() < kMaxEntries; ++c) {
                out.emplace(*first + (c - *lo), static_cast<std::uint16_t>(c));
            }
        }
        pos = stop;
    }
}

}  // namespace

std::string shared_repertoire() {
    std::string s;
    for (char c = 0x20; c < 0x7F; ++c) s += c;
    for (char32_t u = 0xC0; u <= 0xFF; ++u) {  // À…ÿ (× ÷ included: cheaper than a gap)
        s += static_cast<char>(0xC0 | (u >> 6));
        s += static_cast<char>(0x80 | (u & 0x3F));
    }
    s += "§–‘’“”";
    return s;
}

std::u32string utf32_of(const std::string& utf8) {
    std::u32string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + static_cast<std::size_t>(len) > utf8.size()) {
            out += U'\uFFFD';
            ++i;
            continue;
        }
        char32_t u = len == 1 ? c : c & (0x7F >> len);
        bool ok = true;
        for (int k = 1; k < len; ++k) {
            const auto d = static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]);
            if ((d & 0xC0) != 0x80) ok = false;
            u = (u << 6) | (d & 0x3F);
        }
        out += ok ? u : U'\uFFFD';
        i += ok ? static_cast<std::size_t>(len) : 1;
    }
    return out;
}

std::map<char32_t, std::uint16_t> parse_to_unicode(const std::string& cmap) {
    std::map<char32_t, std::uint16_t> out;
    parse_sections(cmap, "beginbfchar", "endbfchar", false, out);
    parse_sections(cmap, "beginbfrange", "endbfrange", true, out);
    return out;
}

bool shared_font_name_taken(PdfMemDocument& doc) { return registered_entry(doc) != nullptr; }

std::optional<SharedFont> find_shared_font(PdfMemDocument& doc) {
    const PdfObject* entry = registered_entry(doc);
    if (!entry || !entry->IsReference()) return std::nullopt;  // must be an object others can reference
    const PdfObject* font = resolve(doc, entry);
    if (!font || !font->IsDictionary()) return std::nullopt;
    const PdfDictionary& fd = font->GetDictionary();
    const PdfObject* subtype = fd.GetKey(PdfName("Subtype"));
    const PdfObject* encoding = fd.GetKey(PdfName("Encoding"));
    if (!subtype || !subtype->IsName() || subtype->GetName() != PdfName("Type0")) return std::nullopt;
    if (!encoding || !encoding->IsName() || encoding->GetName() != PdfName("Identity-H")) return std::nullopt;
    const PdfObject* tu = key(doc, font, "ToUnicode");
    if (!tu || !tu->HasStream()) return std::nullopt;

    SharedFont sf;
    sf.ref = entry->GetReference();
    char* buffer = nullptr;
    pdf_long length = 0;
    tu->GetStream()->GetFilteredCopy(&buffer, &length);
    const std::unique_ptr<char, decltype(&podofo_free)> owned(buffer, &podofo_free);
    if (!buffer || length <= 0 || length > kMaxCMapBytes) return std::nullopt;
    sf.codes = parse_to_unicode(std::string(buffer, static_cast<std::size_t>(length)));
    if (sf.codes.empty()) return std::nullopt;

    const PdfObject* descendants = key(doc, font, "DescendantFonts");
    if (!descendants || !descendants->IsArray() || descendants->GetArray().empty()) return std::nullopt;
    const PdfObject* cid = resolve(doc, &descendants->GetArray()[0]);
    if (const PdfObject* dw = key(doc, cid, "DW"); dw && is_number(*dw)) sf.default_width = number(*dw);
    if (const PdfObject* w = key(doc, cid, "W"); w && w->IsArray()) {
        const PdfArray& a = w->GetArray();
        for (std::size_t i = 0; i + 1 < a.size() && sf.widths.size() < kMaxEntries;) {
            if (!a[i].IsNumber()) return std::nullopt;
            const pdf_int64 first = a[i].GetNumber();
            const PdfObject* next = resolve(doc, &a[i + 1]);
            if (next && next->IsArray()) {
                const PdfArray& ws = next->GetArray();
                for (std::size_t k = 0; k < ws.size() && first + static_cast<pdf_int64>(k) <= 0xFFFF; ++k) {
                    if (first >= 0 && is_number(ws[k])) {
                        sf.widths[static_cast<std::uint16_t>(first + static_cast<pdf_int64>(k))] = number(ws[k]);
                    }
                }
                i += 2;
            } else if (i + 2 < a.size() && a[i + 1].IsNumber() && is_number(a[i + 2])) {
                const pdf_int64 last = a[i + 1].GetNumber();
                for (pdf_int64 c = std::max<pdf_int64>(first, 0); c <= last && c <= 0xFFFF && sf.widths.size() < kMaxEntries; ++c) {
                    sf.widths[static_cast<std::uint16_t>(c)] = number(a[i + 2]);
                }
                i += 3;
            } else {
                return std::nullopt;
            }
        }
    }
    return sf;
}

}  // namespace kansli::sign::detail
