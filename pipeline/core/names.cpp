#include "core/names.hpp"

#include "core/utf8.hpp"

namespace kansli::core {
namespace {

// Latin-1 precomposed letter of base + combining mark, or 0 when there is none.
char32_t compose(char32_t base, char32_t mark) {
    struct Row {
        char32_t mark;
        const char* bases;
        const char32_t* composed;
    };
    static constexpr char32_t kGrave[] = {0xC0, 0xC8, 0xCC, 0xD2, 0xD9, 0xE0, 0xE8, 0xEC, 0xF2, 0xF9};
    static constexpr char32_t kAcute[] = {0xC1, 0xC9, 0xCD, 0xD3, 0xDA, 0xDD, 0xE1, 0xE9, 0xED, 0xF3, 0xFA, 0xFD};
    static constexpr char32_t kCirc[] = {0xC2, 0xCA, 0xCE, 0xD4, 0xDB, 0xE2, 0xEA, 0xEE, 0xF4, 0xFB};
    static constexpr char32_t kTilde[] = {0xC3, 0xD1, 0xD5, 0xE3, 0xF1, 0xF5};
    static constexpr char32_t kDiaer[] = {0xC4, 0xCB, 0xCF, 0xD6, 0xDC, 0xE4, 0xEB, 0xEF, 0xF6, 0xFC, 0xFF};
    static constexpr char32_t kRing[] = {0xC5, 0xE5};
    static const Row kRows[] = {{0x300, "AEIOUaeiou", kGrave},  {0x301, "AEIOUYaeiouy", kAcute},
                                {0x302, "AEIOUaeiou", kCirc},   {0x303, "ANOano", kTilde},
                                {0x308, "AEIOUaeiouy", kDiaer}, {0x30A, "Aa", kRing}};
    for (const Row& r : kRows) {
        if (r.mark != mark) continue;
        for (int i = 0; r.bases[i] != '\0'; ++i) {
            if (static_cast<char32_t>(r.bases[i]) == base) return r.composed[i];
        }
    }
    return 0;
}

bool is_space_or_hyphen(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '-' || c == 0xA0 ||
           c == 0x2010 || c == 0x2011 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
}

bool is_invisible(char32_t c) {
    return c == 0xAD || c == 0x061C || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2060 && c <= 0x206F) || c == 0xFEFF;
}

char32_t lower(char32_t c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 0x20;
    return c;
}

}  // namespace

std::u32string name_key(std::string_view utf8_name) {
    // "Björn Sandal (S)" → "Björn Sandal"
    std::string_view trimmed = utf8_name;
    while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) trimmed.remove_suffix(1);
    if (!trimmed.empty() && trimmed.back() == ')') {
        if (const auto open = trimmed.rfind('('); open != std::string_view::npos && open > 0)
            utf8_name = trimmed.substr(0, open);
    }
    std::u32string key;
    bool pending_space = false;
    for (std::size_t i = 0; i < utf8_name.size();) {
        const Decoded d = decode_at(utf8_name, i);
        i += d.length;
        // An invalid byte keeps its identity (0x110000 + byte): it matches only the same byte.
        char32_t c = d.valid ? d.cp : 0x110000 + static_cast<unsigned char>(utf8_name[i - 1]);
        if (is_invisible(c)) continue;
        if (is_space_or_hyphen(c)) {
            pending_space = !key.empty();
            continue;
        }
        if (!pending_space && !key.empty()) {
            if (const char32_t composed = compose(key.back(), c)) {
                key.back() = lower(composed);
                continue;
            }
        }
        if (pending_space) key += U' ';
        pending_space = false;
        key += lower(c);
    }
    return key;
}

bool same_person(std::string_view a, std::string_view b) {
    const std::u32string ka = name_key(a);
    return !ka.empty() && ka == name_key(b);
}

}  // namespace kansli::core
