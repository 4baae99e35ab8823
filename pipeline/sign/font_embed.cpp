#include "sign/font_embed.hpp"

#include "layout/subset.hpp"

#include <botan/hash.h>

#include <cmath>
#include <cstdio>
#include <iterator>
#include <set>
#include <vector>

namespace kansli::sign::detail {
namespace {

std::string ref_of(OH o) { return o.unparse(); }

int scaled(int units, int upem) {
    return static_cast<int>(std::lround(static_cast<double>(units) * 1000.0 / static_cast<double>(upem)));
}

std::string hex4(std::uint32_t v) {
    char b[8];
    std::snprintf(b, sizeof b, "%04X", v & 0xFFFF);
    return b;
}

std::string utf16_hex(char32_t u) {
    if (u < 0x10000) return hex4(u);
    return hex4(0xD800 + ((u - 0x10000) >> 10)) + hex4(0xDC00 + ((u - 0x10000) & 0x3FF));
}

std::string to_unicode_cmap(const std::map<std::uint16_t, char32_t>& by_glyph) {
    std::string s =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    // Runs of consecutive glyph ids with consecutive BMP code points (same high byte) as bfrange.
    std::vector<std::pair<std::uint16_t, char32_t>> singles;
    std::vector<std::string> ranges;
    for (auto it = by_glyph.begin(); it != by_glyph.end();) {
        auto end = std::next(it);
        while (end != by_glyph.end() && it->second < 0xFFFF && end->first == std::prev(end)->first + 1 &&
               end->second == std::prev(end)->second + 1 && (end->first >> 8) == (it->first >> 8) &&
               end->second <= 0xFFFF) {
            ++end;
        }
        const auto last = std::prev(end);
        if (last != it) {
            ranges.push_back("<" + hex4(it->first) + "> <" + hex4(last->first) + "> <" + hex4(it->second) + ">\n");
        } else {
            singles.emplace_back(it->first, it->second);
        }
        it = end;
    }
    for (std::size_t i = 0; i < ranges.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, ranges.size() - i);
        s += std::to_string(n) + " beginbfrange\n";
        for (std::size_t k = i; k < i + n; ++k) s += ranges[k];
        s += "endbfrange\n";
    }
    for (std::size_t i = 0; i < singles.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, singles.size() - i);
        s += std::to_string(n) + " beginbfchar\n";
        for (std::size_t k = i; k < i + n; ++k)
            s += "<" + hex4(singles[k].first) + "> <" + utf16_hex(singles[k].second) + ">\n";
        s += "endbfchar\n";
    }
    return s + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
}

// The /W array (ISO 32000-1 §9.7.4.3): "g_first g_last w" for three or more consecutive glyph
// ids of one width, else "g [w w ...]" over runs of consecutive ids.
std::string widths_array(const std::map<std::uint16_t, int>& widths) {
    const std::vector<std::pair<std::uint16_t, int>> v(widths.begin(), widths.end());
    std::string s = "[";
    std::string list;  // an open "g [..." run
    int next = -1;     // the id that continues the open run
    auto close = [&] {
        if (!list.empty()) s += (s.size() > 1 ? " " : "") + list + "]";
        list.clear();
        next = -1;
    };
    for (std::size_t i = 0; i < v.size();) {
        std::size_t same = i + 1;
        while (same < v.size() && v[same].first == v[same - 1].first + 1 && v[same].second == v[i].second) ++same;
        if (same - i >= 3) {
            close();
            s += (s.size() > 1 ? " " : "") + std::to_string(v[i].first) + " " + std::to_string(v[same - 1].first) +
                 " " + std::to_string(v[i].second);
            i = same;
            continue;
        }
        if (v[i].first != next) {
            close();
            list = std::to_string(v[i].first) + " [" + std::to_string(v[i].second);
        } else {
            list += " " + std::to_string(v[i].second);
        }
        next = v[i].first + 1;
        ++i;
    }
    close();
    return s + "]";
}

// Six capital letters from the glyph set (ISO 32000-1 §9.6.4): deterministic.
std::string subset_tag(const std::map<std::uint16_t, int>& widths) {
    auto sha = Botan::HashFunction::create_or_throw("SHA-256");
    for (const auto& [g, w] : widths) {
        const std::uint8_t b[2] = {static_cast<std::uint8_t>(g >> 8), static_cast<std::uint8_t>(g & 0xFF)};
        sha->update(b, 2);
    }
    const auto d = sha->final();
    std::string tag;
    for (int i = 0; i < 6; ++i) tag += static_cast<char>('A' + d[static_cast<std::size_t>(i)] % 26);
    return tag;
}

std::string name_token(const std::string& s) {
    std::string out = "/";
    for (unsigned char c : s) {
        if (c > 0x20 && c < 0x7F && std::string("()<>[]{}/%#").find(static_cast<char>(c)) == std::string::npos) {
            out += static_cast<char>(c);
        }
    }
    return out.size() > 1 ? out : "/KansliFont";
}

}  // namespace

OH new_object(QPDF& doc) { return doc.makeIndirectObject(OH::newDictionary()); }

SharedFont embed_font(QPDF& doc, UpdateWriter& writer, const layout::TrueTypeFont& font, const core::Bytes& file,
                      const std::u32string& chars) {
    SharedFont sf;
    sf.default_width = scaled(font.glyph_advance(0), font.units_per_em());
    std::map<std::uint16_t, int> widths;        // glyph id → width (1/1000 em)
    std::map<std::uint16_t, char32_t> unicode;  // glyph id → the first character drawn with it
    widths[0] = static_cast<int>(sf.default_width);
    for (char32_t c : chars) {
        const std::uint16_t g = font.glyph(c);
        if (g == 0 || sf.codes.count(c)) continue;
        sf.codes[c] = g;
        widths[g] = scaled(font.glyph_advance(g), font.units_per_em());
        unicode.emplace(g, c);
    }
    for (const auto& [g, w] : widths) sf.widths[g] = w;

    // Without hinting: viewers draw the few appearance glyphs at any size without hints, and in
    // Liberation Sans the instructions are more than half of the glyph data.
    std::vector<std::uint16_t> glyphs;
    for (const auto& [g, w] : widths) glyphs.push_back(g);
    const core::Bytes program = layout::subset_truetype(file, glyphs, {.hinting = false});
    const std::string base = name_token(subset_tag(widths) + "+" + font.postscript_name());

    OH type0 = new_object(doc), cid = new_object(doc), descriptor = new_object(doc), file2 = new_object(doc),
       to_unicode = new_object(doc);
    const int upem = font.units_per_em();
    const auto& bb = font.bbox();
    writer.add(type0.getObjectID(), 0,
               "<< /Type /Font /Subtype /Type0 /BaseFont " + base + " /Encoding /Identity-H /DescendantFonts [" +
                   ref_of(cid) + "] /ToUnicode " + ref_of(to_unicode) + " >>");
    writer.add(cid.getObjectID(), 0,
               "<< /Type /Font /Subtype /CIDFontType2 /BaseFont " + base +
                   " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor " +
                   ref_of(descriptor) + " /DW " + std::to_string(widths[0]) + " /W " + widths_array(widths) +
                   " /CIDToGIDMap /Identity >>");
    writer.add(descriptor.getObjectID(), 0,
               "<< /Type /FontDescriptor /FontName " + base + " /Flags 32 /FontBBox [" +
                   std::to_string(scaled(bb[0], upem)) + " " + std::to_string(scaled(bb[1], upem)) + " " +
                   std::to_string(scaled(bb[2], upem)) + " " + std::to_string(scaled(bb[3], upem)) +
                   "] /ItalicAngle 0 /Ascent " + std::to_string(scaled(font.ascender(), upem)) + " /Descent " +
                   std::to_string(scaled(font.descender(), upem)) + " /CapHeight " +
                   std::to_string(scaled(font.cap_height(), upem)) + " /StemV 80 /FontFile2 " + ref_of(file2) + " >>");
    writer.add(
        file2.getObjectID(), 0,
        stream_text("/Length1 " + std::to_string(program.size()), std::string(program.begin(), program.end()), true));
    writer.add(to_unicode.getObjectID(), 0, stream_text("", to_unicode_cmap(unicode), true));
    sf.ref = type0;
    return sf;
}

}  // namespace kansli::sign::detail
