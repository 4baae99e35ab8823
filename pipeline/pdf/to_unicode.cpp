#include "pdf/to_unicode.hpp"

#include <cctype>
#include <optional>
#include <vector>

namespace kansli::pdf {
namespace {

constexpr std::size_t kMaxEntries = 65536;

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

void parse_sections(const std::string& cmap, const char* begin, const char* end, bool range, ToUnicodePairs& out) {
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
                    out.emplace_back(static_cast<std::uint16_t>(*code), *uni);
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
                    if (lo && hi && c <= *hi && c <= 0xFFFF && uni)
                        out.emplace_back(static_cast<std::uint16_t>(c), *uni);
                }
                ++i;
                continue;
            }
            const auto first = utf16_target(t[i].hex);
            ++i;
            if (!lo || !hi || !first || *hi < *lo || *hi > 0xFFFF || *hi - *lo > 0xFFFF) continue;
            for (std::uint32_t c = *lo; c <= *hi && out.size() < kMaxEntries; ++c) {
                out.emplace_back(static_cast<std::uint16_t>(c), static_cast<char32_t>(*first + (c - *lo)));
            }
        }
        pos = stop;
    }
}

}  // namespace

ToUnicodePairs parse_to_unicode(const std::string& cmap) {
    ToUnicodePairs out;
    parse_sections(cmap, "beginbfchar", "endbfchar", false, out);
    parse_sections(cmap, "beginbfrange", "endbfrange", true, out);
    return out;
}

}  // namespace kansli::pdf
