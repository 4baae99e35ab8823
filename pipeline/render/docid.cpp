#include "render/docid.hpp"

#include "core/diagnostic.hpp"

#include <botan/hash.h>

#include <algorithm>
#include <string_view>

namespace kansli::render {

namespace {
bool is_hex(std::uint8_t c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Finds "<32 hex digits>" starting at or after `from`; returns the index of the first digit.
std::size_t next_hex32(const core::Bytes& b, std::size_t from, std::size_t end) {
    for (std::size_t i = from; i + 33 < end; ++i) {
        if (b[i] != '<') continue;
        if (b[i + 33] != '>') return std::string_view::npos;
        for (std::size_t k = 1; k <= 32; ++k) {
            if (!is_hex(b[i + k])) return std::string_view::npos;
        }
        return i + 1;
    }
    return std::string_view::npos;
}
}  // namespace

void set_content_id(core::Bytes& pdf) {
    std::string_view view(reinterpret_cast<const char*>(pdf.data()), pdf.size());
    // The /ID is in the trailer after the last xref table, or in the dictionary of the last
    // cross-reference stream: both begin where the last startxref points.
    const std::size_t startxref = view.rfind("startxref");
    std::size_t trailer = std::string_view::npos;
    if (startxref != std::string_view::npos) {
        std::size_t at = startxref + 9, offset = 0;
        while (at < view.size() && (view[at] == ' ' || view[at] == '\r' || view[at] == '\n')) ++at;
        for (; at < view.size() && view[at] >= '0' && view[at] <= '9' && offset < view.size(); ++at)
            offset = offset * 10 + static_cast<std::size_t>(view[at] - '0');
        if (offset < startxref) trailer = offset;
    }
    const std::size_t id = trailer == std::string_view::npos ? trailer : view.find("/ID", trailer);
    const std::size_t first = id == std::string_view::npos ? id : next_hex32(pdf, id, std::min(pdf.size(), id + 40));
    const std::size_t second =
        first == std::string_view::npos ? first : next_hex32(pdf, first + 33, std::min(pdf.size(), first + 80));
    if (second == std::string_view::npos) {
        throw core::Error(core::ExitCode::Usage, "render", {}, "internal error: the written PDF has no /ID to replace",
                          "PoDoFo's trailer format changed; render/docid.cpp must follow it");
    }
    std::fill_n(pdf.begin() + static_cast<std::ptrdiff_t>(first), 32, '0');
    std::fill_n(pdf.begin() + static_cast<std::ptrdiff_t>(second), 32, '0');
    // MD5 as PDF 32000-1 §14.4 suggests for /ID: an identifier, not a security property.
    const auto digest = Botan::HashFunction::create_or_throw("MD5")->process(pdf.data(), pdf.size());
    constexpr char kHex[] = "0123456789ABCDEF";
    for (std::size_t k = 0; k < 16; ++k) {
        for (std::size_t at : {first, second}) {
            pdf[at + 2 * k] = static_cast<std::uint8_t>(kHex[digest[k] >> 4]);
            pdf[at + 2 * k + 1] = static_cast<std::uint8_t>(kHex[digest[k] & 0xf]);
        }
    }
}

}  // namespace kansli::render
