// The lines typeset_paragraph gave for a paragraph, kept by the FontSet they were measured
// with (one document's build): building a protokoll typesets each § for the pages and again,
// in the same style and measure, for its proof texts (job/proof.cpp); the second time the lines
// are taken from here. A hit needs equal spans (every field), an equal ParagraphStyle and the
// same hyphenator, and is served only to a caller that wants no diagnostics (the first
// computation, with its warnings, is never skipped). Bounded: kMemoMaxEntries paragraphs and
// kMemoMaxChars characters of span text per FontSet; beyond that nothing more is kept.
#pragma once

#include "layout/text.hpp"

#include <cstddef>
#include <mutex>
#include <optional>
#include <vector>

namespace kansli::layout {

class TypesetMemo final {
public:
    static constexpr std::size_t kMemoMaxEntries = 4096;
    static constexpr std::size_t kMemoMaxChars = std::size_t{1} << 20;

    /// The lines kept for this input, if any.
    std::optional<std::vector<Line>> find(const std::vector<Span>& spans, const ParagraphStyle& style,
                                          const Hyphenator* hyphenator) const;
    /// Keeps `lines` as the result for this input (unless the bounds are reached).
    void keep(const std::vector<Span>& spans, const ParagraphStyle& style, const Hyphenator* hyphenator,
              const std::vector<Line>& lines);

private:
    struct Entry {
        std::size_t hash = 0;
        std::vector<Span> spans;
        ParagraphStyle style;
        const Hyphenator* hyphenator = nullptr;
        std::vector<Line> lines;
    };
    mutable std::mutex m_mutex;
    std::vector<Entry> m_entries;
    std::size_t m_chars = 0;
};

}  // namespace kansli::layout
