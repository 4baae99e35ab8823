#include "verify/digests.hpp"

#include <botan/hash.h>

#include <algorithm>
#include <numeric>

namespace kansli::verify {

RangeDigests::RangeDigests(std::span<const std::uint8_t> pdf, const std::vector<Range>& ranges) : m_pdf(pdf) {
    for (const auto& r : ranges) {
        const bool ok = r.prefix <= r.tail && r.tail <= r.end && r.end <= pdf.size();
        m_ranges.push_back(ok ? std::optional<Range>(r) : std::nullopt);
    }
}

std::optional<std::vector<std::uint8_t>> RangeDigests::digest(std::size_t i, const std::string& name) {
    if (i >= m_ranges.size() || !m_ranges[i]) return std::nullopt;
    const std::lock_guard lock(m_mutex);
    auto it = m_digests.find(name);
    if (it == m_digests.end()) {
        auto hash = Botan::HashFunction::create(name);
        if (!hash) return std::nullopt;
        std::vector<std::size_t> order(m_ranges.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        const auto prefix = [this](std::size_t k) { return m_ranges[k] ? m_ranges[k]->prefix : 0; };
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return prefix(a) < prefix(b); });
        std::vector<std::vector<std::uint8_t>> out(m_ranges.size());
        std::size_t pos = 0;  // `hash` has consumed pdf[0, pos)
        for (std::size_t k : order) {
            if (!m_ranges[k]) continue;
            const Range& r = *m_ranges[k];
            hash->update(m_pdf.data() + pos, r.prefix - pos);
            pos = r.prefix;
            auto branch = hash->copy_state();
            branch->update(m_pdf.data() + r.tail, r.end - r.tail);
            const auto d = branch->final();
            out[k].assign(d.begin(), d.end());
        }
        it = m_digests.emplace(name, std::move(out)).first;
    }
    return it->second[i];
}

}  // namespace kansli::verify
