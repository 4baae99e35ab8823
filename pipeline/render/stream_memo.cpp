#include "render/stream_memo.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <new>
#include <vector>

namespace kansli::render {

namespace {

struct FreeCompressor {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

libdeflate_compressor& thread_compressor() {
    thread_local std::unique_ptr<libdeflate_compressor, FreeCompressor> c(libdeflate_alloc_compressor(kFlateLevel));
    if (!c) throw std::bad_alloc();
    return *c;
}

struct Entry {
    std::size_t hash = 0;
    std::string input;
    std::string output;
    std::uint64_t used = 0;
};

class Memo {
public:
    const std::string* find(const std::string& input) {
        const std::size_t h = std::hash<std::string_view>{}(input);
        for (auto& e : m_entries) {
            if (e.hash == h && e.input == input) {
                e.used = ++m_clock;
                ++m_hits;
                return &e.output;
            }
        }
        ++m_misses;
        return nullptr;
    }
    void add(std::string input, std::string output) {
        const std::size_t size = input.size() + output.size();
        if (input.size() > kMemoMaxEntryBytes || size > kMemoMaxBytes) return;
        while (m_bytes + size > kMemoMaxBytes && !m_entries.empty()) {
            const auto oldest = std::min_element(m_entries.begin(), m_entries.end(),
                                                 [](const Entry& a, const Entry& b) { return a.used < b.used; });
            m_bytes -= oldest->input.size() + oldest->output.size();
            m_entries.erase(oldest);
        }
        const std::size_t h = std::hash<std::string_view>{}(input);
        m_entries.push_back({h, std::move(input), std::move(output), ++m_clock});
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

bool& memo_on() {
    thread_local bool on = false;
    return on;
}

/// A PdfMemStream whose Flate data is flate_compress()'s (or the memo's, within a DeflateMemoScope).
class FlateStream final : public PoDoFo::PdfMemStream {
public:
    explicit FlateStream(PoDoFo::PdfObject* parent) : PdfMemStream(parent) {}

protected:
    void BeginAppendImpl(const PoDoFo::TVecFilters& filters) override {
        m_collect = filters.size() == 1 && filters.front() == PoDoFo::ePdfFilter_FlateDecode;
        m_input.clear();
        if (!m_collect) PdfMemStream::BeginAppendImpl(filters);
    }
    void AppendImpl(const char* data, size_t length) override {
        if (!m_collect) return PdfMemStream::AppendImpl(data, length);
        m_input.append(data, length);
    }
    void EndAppendImpl() override {
        if (!m_collect) return PdfMemStream::EndAppendImpl();
        m_collect = false;
        // The compressed data as it is: PdfStream::BeginAppend has already set /Filter.
        PdfMemStream::BeginAppendImpl(PoDoFo::TVecFilters{});
        if (!memo_on()) {
            const std::string packed = flate_compress(m_input);
            PdfMemStream::AppendImpl(packed.data(), packed.size());
        } else if (const std::string* known = thread_memo().find(m_input)) {
            PdfMemStream::AppendImpl(known->data(), known->size());
        } else {
            std::string packed = flate_compress(m_input);
            PdfMemStream::AppendImpl(packed.data(), packed.size());
            thread_memo().add(std::move(m_input), std::move(packed));
        }
        PdfMemStream::EndAppendImpl();
        m_input = {};
    }

private:
    bool m_collect = false;
    std::string m_input;
};

class Factory final : public PoDoFo::PdfVecObjects::StreamFactory {
public:
    PoDoFo::PdfStream* CreateStream(PoDoFo::PdfObject* parent) override { return new FlateStream(parent); }
};

Factory& factory() {
    static Factory f;  // stateless: the compressor and memo it uses are the calling thread's
    return f;
}

}  // namespace

std::string flate_compress(std::string_view data) {
    libdeflate_compressor& c = thread_compressor();
    std::string out(libdeflate_zlib_compress_bound(&c, data.size()), '\0');
    const std::size_t n = libdeflate_zlib_compress(&c, data.data(), data.size(), out.data(), out.size());
    if (n == 0) throw std::length_error("libdeflate: the compressed data exceeds its bound");
    out.resize(n);
    return out;
}

FlateStreamScope::FlateStreamScope(PoDoFo::PdfVecObjects& objects) : m_objects(objects) {
    m_objects.SetStreamFactory(&factory());
}

FlateStreamScope::~FlateStreamScope() { m_objects.SetStreamFactory(nullptr); }

DeflateMemoScope::DeflateMemoScope() : m_was(memo_on()) { memo_on() = true; }

DeflateMemoScope::~DeflateMemoScope() { memo_on() = m_was; }

DeflateMemoStats deflate_memo_stats() { return thread_memo().stats(); }

}  // namespace kansli::render
