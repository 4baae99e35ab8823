// Decoding untrusted stream data under a byte cap, through qpdf's own filters (Pl_Flate, and
// QPDFObjectHandle::pipeStreamData): the one capped inflater of kansli (pdf/ and verify/).
#pragma once

#include <qpdf/Pipeline.hh>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace kansli::pdf {

/// The end of a pipeline: keeps at most `cap` bytes; beyond that it keeps the first `cap`, records
/// the overflow and throws std::length_error (qpdf may turn the exception into a warning, so
/// callers check exceeded()).
class CappedSink : public Pipeline {
public:
    explicit CappedSink(std::uint64_t cap) : Pipeline("kansli-cap", nullptr), m_cap(cap) {}
    void write(unsigned char const* data, size_t len) override;
    void finish() override {}
    [[nodiscard]] bool exceeded() const { return m_exceeded; }
    std::string& data() { return m_data; }

private:
    std::uint64_t m_cap;
    std::string m_data;
    bool m_exceeded = false;
};

/// Inflates zlib `data` to at most `cap` bytes (a decompression bomb stops there; `exceeded`, when
/// given, says whether it would have gone on). Corrupt or truncated data keeps what came out before
/// the error (a lax reader may see it too).
std::vector<std::uint8_t> inflate(std::span<const std::uint8_t> data, std::size_t cap, bool* exceeded = nullptr);

}  // namespace kansli::pdf
