#include "layout/hyphenate.hpp"

#include "core/diagnostic.hpp"
#include "core/utf8.hpp"

#include <hyphen.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace kansli::layout {

struct Hyphenator::Dict {
    std::string path;
    HyphenDict* dict = nullptr;
    bool tried = false;  // hnj_hyphen_load was called (dict stays null if it failed)
    ~Dict() {
        if (dict != nullptr) hnj_hyphen_free(dict);
    }
};

namespace {
bool is_upper(char32_t c) { return (c >= U'A' && c <= U'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7); }
bool is_lower(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7); }

// Cost of a break before word[i] (see HyphenPoint): cheapest in the middle; a break right after
// an 's' with at least four letters on each side is most likely a compound joint with the
// linking s (sammanträdes-datum, utdrags-bestyrkande, samverkans-avtal) and is cheaper still.
std::uint16_t break_cost(std::u32string_view w, std::size_t i) {
    const std::size_t n = w.size();
    const std::size_t off_middle = (2 * i > n ? 2 * i - n : n - 2 * i);  // 0 .. n
    int cost = 80 + static_cast<int>(40 * off_middle / n);
    if (w[i - 1] == U's' && i >= 4 && n - i >= 4) cost -= 30;
    return static_cast<std::uint16_t>(std::max(cost, Hyphenator::kMinCost));
}
}  // namespace

Hyphenator::Hyphenator(const std::string& dic_path) : m_dict(std::make_unique<Dict>()) {
    // Parsing the patterns costs ~40 M instructions (7 ms) and most documents never need them
    // (see typeset_paragraph): only check here that the file can be read, parse on first use.
    m_dict->path = dic_path;
    std::FILE* f = std::fopen(dic_path.c_str(), "rb");
    if (f == nullptr) {
        throw core::Error(core::ExitCode::Usage, "hyphenation", core::SourceLoc{dic_path, 0, 0},
                          "cannot load the hyphenation dictionary",
                          "install hyphen-sv (Debian) or pass another libhyphen .dic file");
    }
    std::fclose(f);
}

bool Hyphenator::loaded() const { return m_dict->dict != nullptr; }

bool Hyphenator::ensure_loaded() {
    if (!m_dict->tried) {
        m_dict->tried = true;
        m_dict->dict = hnj_hyphen_load(m_dict->path.c_str());  // stays null (no hyphenation) on failure
    }
    return m_dict->dict != nullptr;
}

Hyphenator::~Hyphenator() = default;

const std::vector<HyphenPoint>& Hyphenator::points(std::u32string_view word) {
    const std::u32string key(word);
    if (const auto it = m_cache.find(key); it != m_cache.end()) return it->second;
    return m_cache.emplace(key, compute(word)).first->second;
}

std::vector<HyphenPoint> Hyphenator::compute(std::u32string_view word) {
    std::vector<HyphenPoint> out;
    const std::size_t n = word.size();
    if (n < static_cast<std::size_t>(kMinWord) || n > 64) return out;
    for (const char32_t c : word) {
        if (is_upper(c) || !is_lower(c)) return out;  // names, digits, punctuation, non-Latin-1
    }
    if (!ensure_loaded()) return out;
    HyphenDict* const hd = m_dict->dict;
    const bool utf8 = hd->utf8 != 0;
    std::string bytes;
    std::vector<std::size_t> last_byte;  // per letter: index of its last byte in `bytes`
    for (const char32_t c : word) {
        if (utf8)
            core::append_utf8(bytes, c);
        else
            bytes += static_cast<char>(static_cast<unsigned char>(c));
        last_byte.push_back(bytes.size() - 1);
    }
    std::vector<char> hyphens(bytes.size() + 5, '0');
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    const int rc = hnj_hyphen_hyphenate3(hd, bytes.data(), static_cast<int>(bytes.size()), hyphens.data(), nullptr,
                                         &rep, &pos, &cut, kMinBefore, kMinAfter, kMinBefore, kMinAfter);
    const bool nonstandard = rep != nullptr;
    if (rep != nullptr) {
        for (std::size_t i = 0; i < bytes.size(); ++i) std::free(rep[i]);  // NOLINT: libhyphen's malloc
        std::free(rep);
        std::free(pos);
        std::free(cut);
    }
    if (rc != 0 || nonstandard) return out;  // hyph_sv_SE has only standard patterns
    for (std::size_t i = 1; i < n; ++i) {
        // A break after letter i-1 is marked by an odd digit at its last byte.
        if ((hyphens[last_byte[i - 1]] & 1) == 0) continue;
        if (i < static_cast<std::size_t>(kMinBefore) || n - i < static_cast<std::size_t>(kMinAfter)) continue;
        out.push_back({static_cast<std::uint16_t>(i), break_cost(word, i)});
    }
    return out;
}

std::u32string Hyphenator::show(std::u32string_view word) {
    const auto& pts = points(word);
    std::u32string out;
    std::size_t k = 0;
    for (std::size_t i = 0; i < word.size(); ++i) {
        if (k < pts.size() && pts[k].index == i) {
            out += U'-';
            ++k;
        }
        out += word[i];
    }
    return out;
}

}  // namespace kansli::layout
