#include "pdf/decode.hpp"

#include <qpdf/Pl_Flate.hh>

#include <exception>
#include <stdexcept>

namespace kansli::pdf {

void CappedSink::write(unsigned char const* data, size_t len) {
    if (len > m_cap - m_data.size()) {
        m_data.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(m_cap - m_data.size()));
        m_exceeded = true;
        throw std::length_error("decoded stream larger than the limit");
    }
    m_data.append(reinterpret_cast<const char*>(data), len);
}

std::vector<std::uint8_t> inflate(std::span<const std::uint8_t> data, std::size_t cap, bool* exceeded) {
    CappedSink sink(cap);
    try {
        Pl_Flate z("kansli-inflate", &sink, Pl_Flate::a_inflate);
        z.setWarnCallback([](char const*, int) {});  // truncated data: keep what came out
        z.write(data.data(), data.size());
        z.finish();
    } catch (const std::exception&) {  // corrupt data, or the cap
    }
    if (exceeded) *exceeded = sink.exceeded();
    const std::string& out = sink.data();
    return {out.begin(), out.end()};
}

}  // namespace kansli::pdf
