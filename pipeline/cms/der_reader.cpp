#include "cms/der_reader.hpp"

namespace kansli::cms {
namespace der {

std::string oid_of(const Tlv& t) {
    if (t.tag != kOid || t.content.empty() || t.content.size() > 64) malformed("object identifier expected");
    std::string out;
    std::uint64_t arc = 0;
    for (std::size_t i = 0; i < t.content.size(); ++i) {
        const std::uint8_t b = t.content[i];
        if (arc == 0 && b == 0x80) malformed("object identifier arc not minimally encoded");
        if (arc >> 57) return oid_of_big(t);
        arc = (arc << 7) | (b & 0x7f);
        if (b & 0x80) {
            if (i + 1 == t.content.size()) malformed("object identifier truncated");
            continue;
        }
        if (out.empty()) {  // the first subidentifier holds two arcs: 40 * X + Y (X = 2 for Y >= 40)
            const std::uint64_t top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
            out = std::to_string(top) + "." + std::to_string(arc - 40 * top);
        } else {
            out += "." + std::to_string(arc);
        }
        arc = 0;
    }
    return out;
}

std::string oid_of_big(const Tlv& t) {
    if (t.tag != kOid || t.content.empty() || t.content.size() > 64) malformed("object identifier expected");
    std::string out;
    Botan::BigInt arc = 0;
    for (std::size_t i = 0; i < t.content.size(); ++i) {
        const std::uint8_t b = t.content[i];
        if (arc == 0 && b == 0x80) malformed("object identifier arc not minimally encoded");
        arc <<= 7;
        arc += b & 0x7f;
        if (b & 0x80) {
            if (i + 1 == t.content.size()) malformed("object identifier truncated");
            continue;
        }
        if (out.empty()) {  // the first subidentifier holds two arcs: 40 * X + Y (X = 2 for Y >= 40)
            const int top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
            out =
                std::to_string(top) + "." + (arc - Botan::BigInt(static_cast<std::uint64_t>(40 * top))).to_dec_string();
        } else {
            out += "." + arc.to_dec_string();
        }
        arc = 0;
    }
    return out;
}

Botan::BigInt integer_of(const Tlv& t) {
    if (t.tag != kInteger || t.content.empty()) malformed("INTEGER expected");
    if (t.content[0] & 0x80) malformed("negative serial number");
    return Botan::BigInt(t.content.data(), t.content.size());
}

}  // namespace der

namespace detail {

using namespace der;

std::optional<std::string> oid_text(std::span<const std::uint8_t> content, bool big) {
    Tlv t;
    t.tag = kOid;
    t.content = content;
    try {
        return big ? oid_of_big(t) : oid_of(t);
    } catch (const Bad&) {
        return std::nullopt;
    }
}

}  // namespace detail

}  // namespace kansli::cms
