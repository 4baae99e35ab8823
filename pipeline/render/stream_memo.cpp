#include "render/stream_memo.hpp"

#include "core/byte_memo.hpp"

#include <libdeflate.h>

#include <memory>
#include <new>
#include <stdexcept>
#include <string>

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

core::ByteMemo& thread_memo() {
    thread_local core::ByteMemo memo(kMemoMaxEntryBytes, kMemoMaxBytes);
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

DeflateMemoStats deflate_memo_stats() {
    const auto s = thread_memo().stats();
    return {s.entries, s.bytes, s.hits, s.misses};
}

}  // namespace kansli::render
