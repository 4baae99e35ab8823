// A bounded memo of byte strings by byte strings, for the batch caches that map exact input bytes
// to what a pure function made of them (render's Flate output of font subsets, the preflight's
// decoded font programs and ICC profiles). Keys are compared in full (the hash only picks the
// candidates), so a hit is exactly what computing the value again would give. One per thread:
// it does no locking.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kansli::core {

class ByteMemo {
public:
    /// At most `max_entry` bytes (key + value) an entry and `max_total` all together; the least
    /// recently used entries go first.
    ByteMemo(std::size_t max_entry, std::size_t max_total) : m_max_entry(max_entry), m_max_total(max_total) {}

    /// The value kept for `key`, or null (counted as a hit or a miss).
    const std::string* find(const std::string& key);
    /// Keeps `value` for `key` (not looked up first: call after a miss); an entry over the limits
    /// is not kept.
    void add(std::string key, std::string value);

    struct Stats {
        std::size_t entries = 0, bytes = 0, hits = 0, misses = 0;
    };
    [[nodiscard]] Stats stats() const { return {m_entries.size(), m_bytes, m_hits, m_misses}; }

private:
    struct Entry {
        std::size_t hash = 0;
        std::string key, value;
        std::uint64_t used = 0;
    };
    std::size_t m_max_entry, m_max_total;
    std::vector<Entry> m_entries;
    std::size_t m_bytes = 0, m_hits = 0, m_misses = 0;
    std::uint64_t m_clock = 0;
};

}  // namespace kansli::core
