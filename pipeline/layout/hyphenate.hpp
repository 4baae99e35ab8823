// Swedish hyphenation: libhyphen with the hyph_sv_SE patterns, plus house rules (no names, no
// numbers, no short words) and a preference for breaks near the middle and at compound joints.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kansli::layout {

/// A permitted break inside a word: the hyphen goes between word[index - 1] and word[index].
/// cost is relative, 100 = an ordinary break; lower is preferred (middle of the word, after a
/// linking 's' of a compound), higher is worse (near an end).
struct HyphenPoint {
    std::uint16_t index = 0;
    std::uint16_t cost = 100;
    friend bool operator==(const HyphenPoint&, const HyphenPoint&) = default;
};

/// One dictionary, one cache. Not thread-safe (the cache is mutated by points()); use one
/// instance per thread. No global state.
class Hyphenator final {
public:
    static constexpr const char* kDefaultDictionary = "/usr/share/hyphen/hyph_sv_SE.dic";
    static constexpr int kMinBefore = 2;  ///< letters kept before a break
    static constexpr int kMinAfter = 3;   ///< letters kept after a break
    static constexpr int kMinWord = 6;    ///< shorter words are never broken
    static constexpr int kMinCost = 50;   ///< no HyphenPoint::cost is lower (the line breaker relies on it)

    /// Uses a libhyphen .dic file, parsed on the first points() call that needs the patterns
    /// (a word of kMinWord or more lower-case letters). Errors: core::Error (ExitCode::Usage,
    /// kind "hyphenation") when the file is missing or unreadable now; if libhyphen cannot parse
    /// it later, words simply get no break points.
    /// Cheap to construct.
    explicit Hyphenator(const std::string& dic_path = kDefaultDictionary);
    ~Hyphenator();
    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;

    /// Break points of `word` (letters only, no surrounding punctuation), ascending by index.
    /// Empty for words with a capital letter or a digit, with characters outside the dictionary's
    /// encoding, or shorter than kMinWord letters. The reference stays valid until the next call.
    const std::vector<HyphenPoint>& points(std::u32string_view word);

    /// The word with '-' at every break point, for tests and debugging ("sam-man-trä-des-da-tum").
    std::u32string show(std::u32string_view word);

    [[nodiscard]] std::size_t cache_size() const { return m_cache.size(); }
    /// True once the dictionary has been parsed (for tests and benchmarks of the lazy loading).
    [[nodiscard]] bool loaded() const;

private:
    std::vector<HyphenPoint> compute(std::u32string_view word);
    bool ensure_loaded();  ///< parses the dictionary once; false if libhyphen could not

    struct Dict;
    std::unique_ptr<Dict> m_dict;
    std::unordered_map<std::u32string, std::vector<HyphenPoint>> m_cache;
};

}  // namespace kansli::layout
