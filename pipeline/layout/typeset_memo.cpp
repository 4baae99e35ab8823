#include "layout/typeset_memo.hpp"

#include <functional>
#include <string_view>

namespace kansli::layout {

namespace {

std::size_t hash_of(const std::vector<Span>& spans, const ParagraphStyle& style) {
    std::size_t h = std::hash<core::Length>{}(style.width);
    for (const Span& s : spans) h = h * 1000003u ^ std::hash<std::u32string_view>{}(s.text);
    return h;
}

}  // namespace

std::optional<std::vector<Line>> TypesetMemo::find(const std::vector<Span>& spans, const ParagraphStyle& style,
                                                   const Hyphenator* hyphenator) const {
    const std::size_t h = hash_of(spans, style);
    const std::lock_guard<std::mutex> lock(m_mutex);
    for (const Entry& e : m_entries) {
        if (e.hash == h && e.hyphenator == hyphenator && e.style == style && e.spans == spans) return e.lines;
    }
    return std::nullopt;
}

void TypesetMemo::keep(const std::vector<Span>& spans, const ParagraphStyle& style, const Hyphenator* hyphenator,
                       const std::vector<Line>& lines) {
    std::size_t chars = 0;
    for (const Span& s : spans) chars += s.text.size();
    const std::lock_guard<std::mutex> lock(m_mutex);
    if (m_entries.size() >= kMemoMaxEntries || m_chars + chars > kMemoMaxChars) return;
    m_entries.push_back({hash_of(spans, style), spans, style, hyphenator, lines});
    m_chars += chars;
}

}  // namespace kansli::layout
