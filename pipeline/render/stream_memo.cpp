#include "render/stream_memo.hpp"

#include <algorithm>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::render {

namespace {

struct Entry {
    std::size_t hash = 0;
    std::string input;
    std::vector<std::size_t> chunks;
    std::string output;
    std::uint64_t used = 0;
};

class Memo {
public:
    const std::string* find(const std::string& input, const std::vector<std::size_t>& chunks) {
        const std::size_t h = std::hash<std::string_view>{}(input);
        for (auto& e : m_entries) {
            if (e.hash == h && e.input == input && e.chunks == chunks) {
                e.used = ++m_clock;
                ++m_hits;
                return &e.output;
            }
        }
        ++m_misses;
        return nullptr;
    }
    void add(std::string input, std::vector<std::size_t> chunks, std::string output) {
        const std::size_t size = input.size() + output.size();
        if (input.size() > kMemoMaxEntryBytes || size > kMemoMaxBytes) return;
        while (m_bytes + size > kMemoMaxBytes && !m_entries.empty()) {
            const auto oldest = std::min_element(m_entries.begin(), m_entries.end(),
                                                 [](const Entry& a, const Entry& b) { return a.used < b.used; });
            m_bytes -= oldest->input.size() + oldest->output.size();
            m_entries.erase(oldest);
        }
        const std::size_t h = std::hash<std::string_view>{}(input);
        m_entries.push_back({h, std::move(input), std::move(chunks), std::move(output), ++m_clock});
        m_bytes += size;
    }
    [[nodiscard]] DeflateMemoStats stats() const { return {m_entries.size(), m_bytes, m_hits, m_misses}; }

private:
    std::vector<Entry> m_entries;
    std::size_t m_bytes = 0, m_hits = 0, m_misses = 0;
    std::uint64_t m_clock = 0;
};

Memo& thread_memo() {
    thread_local Memo memo;
    return memo;
}

/// A PdfMemStream whose Flate data comes from the memo when the same input was compressed before.
class MemoStream final : public PoDoFo::PdfMemStream {
public:
    explicit MemoStream(PoDoFo::PdfObject* parent) : PdfMemStream(parent) {}

protected:
    void BeginAppendImpl(const PoDoFo::TVecFilters& filters) override {
        m_collect = filters.size() == 1 && filters.front() == PoDoFo::ePdfFilter_FlateDecode;
        m_input.clear();
        m_chunks.clear();
        if (!m_collect) PdfMemStream::BeginAppendImpl(filters);
    }
    void AppendImpl(const char* data, size_t length) override {
        if (!m_collect) return PdfMemStream::AppendImpl(data, length);
        m_input.append(data, length);
        m_chunks.push_back(length);
    }
    void EndAppendImpl() override {
        if (!m_collect) return PdfMemStream::EndAppendImpl();
        m_collect = false;
        Memo& memo = thread_memo();
        if (const std::string* packed = memo.find(m_input, m_chunks)) {
            // The filter's output as it is: PdfStream::BeginAppend has already set /Filter.
            PdfMemStream::BeginAppendImpl(PoDoFo::TVecFilters{});
            PdfMemStream::AppendImpl(packed->data(), packed->size());
            PdfMemStream::EndAppendImpl();
        } else {
            PdfMemStream::BeginAppendImpl(PoDoFo::TVecFilters{PoDoFo::ePdfFilter_FlateDecode});
            std::size_t at = 0;
            for (const std::size_t n : m_chunks) {
                PdfMemStream::AppendImpl(m_input.data() + at, n);
                at += n;
            }
            PdfMemStream::EndAppendImpl();
            memo.add(std::move(m_input), std::move(m_chunks),
                     std::string(GetInternalBuffer(), static_cast<std::size_t>(GetInternalBufferSize())));
        }
        m_input = {};
        m_chunks = {};
    }

private:
    bool m_collect = false;
    std::string m_input;
    std::vector<std::size_t> m_chunks;
};

class Factory final : public PoDoFo::PdfVecObjects::StreamFactory {
public:
    PoDoFo::PdfStream* CreateStream(PoDoFo::PdfObject* parent) override { return new MemoStream(parent); }
};

Factory& factory() {
    static Factory f;  // stateless: the memo it uses is the calling thread's
    return f;
}

}  // namespace

DeflateMemoScope::DeflateMemoScope(PoDoFo::PdfVecObjects& objects) : m_objects(objects) {
    m_objects.SetStreamFactory(&factory());
}

DeflateMemoScope::~DeflateMemoScope() { m_objects.SetStreamFactory(nullptr); }

DeflateMemoStats deflate_memo_stats() { return thread_memo().stats(); }

}  // namespace kansli::render
