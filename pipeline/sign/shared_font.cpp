#include "sign/shared_font.hpp"

#include "pdf/reader.hpp"

#include <cctype>
#include <algorithm>
#include <vector>

namespace kansli::sign::detail {
namespace {

constexpr std::size_t kMaxEntries = 65536;
constexpr std::size_t kMaxCMapBytes = 1 << 20;

// The /KansliSig entry of /AcroForm /DR /Font (unresolved), or a null handle.
OH registered_entry(QPDF& doc) {
    OH fonts = key_of(key_of(key_of(doc.getRoot(), "/AcroForm"), "/DR"), "/Font");
    if (!fonts.isDictionary() || !fonts.hasKey(std::string("/") + kSharedFontName)) return OH::newNull();
    return fonts.getKey(std::string("/") + kSharedFontName);
}

double number(OH o) { return o.getNumericValue(); }
bool is_number(OH o) { return o.isNumber(); }

// Hex strings of a CMap section, in order ("<0041>" → 0x0041); arrays are flattened with a marker.
struct Token {
    bool array_open = false, array_close = false;
    std::string hex;  // raw hex digits
};

std::vector<Token> hex_tokens(const std::string& s) {
    std::vector<Token> out;
    for (std::size_t i = 0; i < s.size() && out.size() < 4 * kMaxEntries; ++i) {
        if (s[i] == '[')
            out.push_back({true, false, {}});
        else if (s[i] == ']')
            out.push_back({false, true, {}});
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
                if (code && *code <= 0xFFFF && t[i].hex.size() == 4 && uni)
                    out.emplace(*uni, static_cast<std::uint16_t>(*code));
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
    // The letters of Swedish, Nordic and the commonest Western European names, and the
    // typography of a signature line. Every letter costs its outline in the first signature
    // (about 30 bytes deflated); names with other letters get a private font in their signature.
    return s + "ÅÄÖåäöÉéÈèÜüÆæØøÁáÍíÓóÚúÑñÇçß§–‘’“”";
}

std::map<char32_t, std::uint16_t> parse_to_unicode(const std::string& cmap) {
    std::map<char32_t, std::uint16_t> out;
    parse_sections(cmap, "beginbfchar", "endbfchar", false, out);
    parse_sections(cmap, "beginbfrange", "endbfrange", true, out);
    return out;
}

bool shared_font_name_taken(QPDF& doc) { return !registered_entry(doc).isNull(); }

std::optional<SharedFont> find_shared_font(QPDF& doc) {
    OH font = registered_entry(doc);
    if (!font.isIndirect() || !font.isDictionary()) return std::nullopt;  // others must be able to reference it
    OH subtype = font.getKey("/Subtype");
    OH encoding = font.getKey("/Encoding");
    if (!subtype.isName() || subtype.getName() != "/Type0") return std::nullopt;
    if (!encoding.isName() || encoding.getName() != "/Identity-H") return std::nullopt;
    OH tu = font.getKey("/ToUnicode");
    if (!tu.isStream()) return std::nullopt;
    OH length = tu.getDict().getKey("/Length");
    if (!length.isInteger() || length.getIntValue() < 0 ||
        length.getIntValue() > static_cast<long long>(kMaxCMapBytes)) {
        return std::nullopt;
    }

    SharedFont sf;
    sf.ref = font;
    pdf::Limits cmap_limits = pdf::default_limits();  // decoded under a cap: the input is untrusted
    cmap_limits.stream_decoded_bytes = kMaxCMapBytes;
    pdf::Usage used;
    std::string data;
    try {
        data = pdf::read_stream(tu, cmap_limits, used);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (data.empty()) return std::nullopt;
    sf.codes = parse_to_unicode(data);
    if (sf.codes.empty()) return std::nullopt;

    OH descendants = font.getKey("/DescendantFonts");
    if (!descendants.isArray() || descendants.getArrayNItems() < 1) return std::nullopt;
    OH cid = descendants.getArrayItem(0);
    if (OH dw = key_of(cid, "/DW"); is_number(dw)) sf.default_width = number(dw);
    if (OH w = key_of(cid, "/W"); w.isArray()) {
        auto a = w.getArrayAsVector();
        for (std::size_t i = 0; i + 1 < a.size() && sf.widths.size() < kMaxEntries;) {
            if (!a[i].isInteger()) return std::nullopt;
            const long long first = a[i].getIntValue();
            if (a[i + 1].isArray()) {
                auto ws = a[i + 1].getArrayAsVector();
                for (std::size_t k = 0; k < ws.size() && first + static_cast<long long>(k) <= 0xFFFF; ++k) {
                    if (first >= 0 && is_number(ws[k])) {
                        sf.widths[static_cast<std::uint16_t>(first + static_cast<long long>(k))] = number(ws[k]);
                    }
                }
                i += 2;
            } else if (i + 2 < a.size() && a[i + 1].isInteger() && is_number(a[i + 2])) {
                const long long last = a[i + 1].getIntValue();
                for (long long c = std::max<long long>(first, 0);
                     c <= last && c <= 0xFFFF && sf.widths.size() < kMaxEntries; ++c) {
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
