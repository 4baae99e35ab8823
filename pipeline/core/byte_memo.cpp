#include "core/byte_memo.hpp"

#include <algorithm>
#include <functional>
#include <string_view>

namespace kansli::core {

const std::string* ByteMemo::find(const std::string& key) {
    const std::size_t h = std::hash<std::string_view>{}(key);
    for (auto& e : m_entries) {
        if (e.hash == h && e.key == key) {
            e.used = ++m_clock;
            ++m_hits;
            return &e.value;
        }
    }
    ++m_misses;
    return nullptr;
}

void ByteMemo::add(std::string key, std::string value) {
    const std::size_t size = key.size() + value.size();
    if (size > m_max_entry || size > m_max_total) return;
    while (m_bytes + size > m_max_total && !m_entries.empty()) {
        const auto oldest = std::min_element(m_entries.begin(), m_entries.end(),
                                             [](const Entry& a, const Entry& b) { return a.used < b.used; });
        m_bytes -= oldest->key.size() + oldest->value.size();
        m_entries.erase(oldest);
    }
    const std::size_t h = std::hash<std::string_view>{}(key);
    m_entries.push_back({h, std::move(key), std::move(value), ++m_clock});
    m_bytes += size;
}

}  // namespace kansli::core
