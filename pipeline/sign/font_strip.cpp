#include "sign/font_strip.hpp"

#include <map>
#include <optional>
#include <string>

namespace kansli::sign::detail {
namespace {

struct Reader {
    const core::Bytes& b;
    bool ok(std::size_t at, std::size_t n) const { return at <= b.size() && n <= b.size() - at; }
    std::uint16_t u16(std::size_t at) const { return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]); }
    std::uint32_t u32(std::size_t at) const {
        return std::uint32_t{b[at]} << 24 | std::uint32_t{b[at + 1]} << 16 | std::uint32_t{b[at + 2]} << 8 | b[at + 3];
    }
};

void put16(core::Bytes& o, std::size_t at, std::uint32_t v) {
    o[at] = static_cast<std::uint8_t>(v >> 8);
    o[at + 1] = static_cast<std::uint8_t>(v);
}
void put32(core::Bytes& o, std::size_t at, std::uint32_t v) {
    put16(o, at, v >> 16);
    put16(o, at + 2, v & 0xFFFF);
}
void push32(core::Bytes& o, std::uint32_t v) {
    o.resize(o.size() + 4);
    put32(o, o.size() - 4, v);
}

std::uint32_t checksum(const core::Bytes& t, std::size_t from, std::size_t n) {
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < n; i += 4) {
        std::uint32_t w = 0;
        for (std::size_t k = 0; k < 4; ++k) w = w << 8 | (i + k < n ? t[from + i + k] : 0);
        sum += w;
    }
    return sum;
}

// One glyph without its instructions; nullopt when it cannot be read.
std::optional<core::Bytes> strip_glyph(const Reader& r, std::size_t at, std::size_t len) {
    if (len == 0) return core::Bytes{};
    if (len < 10 || !r.ok(at, len)) return std::nullopt;
    const auto contours = static_cast<std::int16_t>(r.u16(at));
    const auto begin = r.b.begin() + static_cast<std::ptrdiff_t>(at);
    if (contours >= 0) {
        const std::size_t ilen_at = 10 + 2 * static_cast<std::size_t>(contours);
        if (ilen_at + 2 > len) return std::nullopt;
        const std::size_t ilen = r.u16(at + ilen_at);
        if (ilen_at + 2 + ilen > len) return std::nullopt;
        core::Bytes g(begin, begin + static_cast<std::ptrdiff_t>(ilen_at));
        g.push_back(0);
        g.push_back(0);
        g.insert(g.end(), begin + static_cast<std::ptrdiff_t>(ilen_at + 2 + ilen), begin + static_cast<std::ptrdiff_t>(len));
        return g;
    }
    // composite: walk the components, clear WE_HAVE_INSTRUCTIONS, cut what follows them
    std::size_t p = 10;
    core::Bytes g(begin, begin + static_cast<std::ptrdiff_t>(len));
    for (int guard = 0; guard < 1024; ++guard) {
        if (p + 4 > len) return std::nullopt;
        const std::uint16_t flags = r.u16(at + p);
        put16(g, p, flags & ~0x0100u);
        std::size_t n = 4 + ((flags & 0x0001) ? 4 : 2);
        if (flags & 0x0008) n += 2;
        else if (flags & 0x0040) n += 4;
        else if (flags & 0x0080) n += 8;
        p += n;
        if (p > len) return std::nullopt;
        if (!(flags & 0x0020)) {
            g.resize(p);
            return g;
        }
    }
    return std::nullopt;
}

std::optional<core::Bytes> strip(const core::Bytes& in) {
    const Reader r{in};
    if (!r.ok(0, 12)) return std::nullopt;
    const std::size_t n = r.u16(4);
    if (!r.ok(12, 16 * n)) return std::nullopt;
    std::map<std::string, std::pair<std::size_t, std::size_t>> tables;  // tag → offset, length
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t e = 12 + 16 * i;
        const std::string tag(in.begin() + static_cast<std::ptrdiff_t>(e), in.begin() + static_cast<std::ptrdiff_t>(e + 4));
        const std::size_t off = r.u32(e + 8), len = r.u32(e + 12);
        if (!r.ok(off, len)) return std::nullopt;
        tables[tag] = {off, len};
    }
    for (const char* need : {"head", "maxp", "loca", "glyf"}) {
        if (!tables.count(need)) return std::nullopt;
    }
    const auto [head, head_len] = tables["head"];
    const auto [maxp, maxp_len] = tables["maxp"];
    if (head_len < 54 || maxp_len < 6) return std::nullopt;
    const bool long_loca = r.u16(head + 50) == 1;
    const std::size_t glyphs = r.u16(maxp + 4);
    const auto [loca, loca_len] = tables["loca"];
    const auto [glyf, glyf_len] = tables["glyf"];
    if (loca_len < (glyphs + 1) * (long_loca ? 4 : 2)) return std::nullopt;
    auto offset = [&](std::size_t i) -> std::size_t { return long_loca ? r.u32(loca + 4 * i) : 2u * r.u16(loca + 2 * i); };

    core::Bytes new_glyf, new_loca;
    for (std::size_t i = 0; i < glyphs; ++i) {
        push32(new_loca, static_cast<std::uint32_t>(new_glyf.size()));
        const std::size_t a = offset(i), e = offset(i + 1);
        if (e < a || e > glyf_len) return std::nullopt;
        const auto g = strip_glyph(r, glyf + a, e - a);
        if (!g) return std::nullopt;
        new_glyf.insert(new_glyf.end(), g->begin(), g->end());
        while (new_glyf.size() % 4) new_glyf.push_back(0);
    }
    push32(new_loca, static_cast<std::uint32_t>(new_glyf.size()));

    std::map<std::string, core::Bytes> out_tables;
    for (const auto& [tag, t] : tables) {
        if (tag == "fpgm" || tag == "prep" || tag == "cvt ") continue;
        out_tables[tag] = core::Bytes(in.begin() + static_cast<std::ptrdiff_t>(t.first),
                                      in.begin() + static_cast<std::ptrdiff_t>(t.first + t.second));
    }
    out_tables["glyf"] = std::move(new_glyf);
    out_tables["loca"] = std::move(new_loca);
    put16(out_tables["head"], 50, 1);  // long loca
    put32(out_tables["head"], 8, 0);   // checkSumAdjustment, set below
    if (out_tables["maxp"].size() >= 32) {
        // maxZones 1 (no twilight zone), then twilight points, storage, function defs,
        // instruction defs, stack elements, size of instructions: all 0
        put16(out_tables["maxp"], 14, 1);
        for (std::size_t at = 16; at <= 26; at += 2) put16(out_tables["maxp"], at, 0);
    }

    // Header: same sfnt version, search fields for the new table count.
    const std::size_t count = out_tables.size();
    std::size_t pow2 = 1, log2 = 0;
    while (pow2 * 2 <= count) pow2 *= 2, ++log2;
    core::Bytes o(in.begin(), in.begin() + 4);
    o.resize(12 + 16 * count);
    put16(o, 4, static_cast<std::uint32_t>(count));
    put16(o, 6, static_cast<std::uint32_t>(pow2 * 16));
    put16(o, 8, static_cast<std::uint32_t>(log2));
    put16(o, 10, static_cast<std::uint32_t>(count * 16 - pow2 * 16));
    std::size_t i = 0, head_at = 0;
    for (const auto& [tag, t] : out_tables) {  // std::map: sorted by tag, as the spec asks
        const std::size_t e = 12 + 16 * i++;
        std::copy(tag.begin(), tag.end(), o.begin() + static_cast<std::ptrdiff_t>(e));
        if (tag == "head") head_at = o.size();
        put32(o, e + 4, checksum(t, 0, t.size()));
        put32(o, e + 8, static_cast<std::uint32_t>(o.size()));
        put32(o, e + 12, static_cast<std::uint32_t>(t.size()));
        o.insert(o.end(), t.begin(), t.end());
        while (o.size() % 4) o.push_back(0);
    }
    put32(o, head_at + 8, 0xB1B0AFBAu - checksum(o, 0, o.size()));
    return o;
}

}  // namespace

core::Bytes strip_hinting(const core::Bytes& sfnt) {
    auto out = strip(sfnt);
    return out ? std::move(*out) : sfnt;
}

}  // namespace kansli::sign::detail
