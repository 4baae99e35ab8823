#include "sign/shared_font.hpp"

#include "pdf/reader.hpp"
#include "pdf/to_unicode.hpp"

#include <cctype>
#include <algorithm>
#include <vector>

namespace kansli::sign::detail {
namespace {

constexpr std::size_t kMaxEntries = 65536;
constexpr std::size_t kMaxCMapBytes = 1 << 20;

// The /KansliSig entry of /AcroForm /DR /Font (unresolved), or a null handle.
OH registered_entry(QPDF& doc) {
    OH fonts = key_of(key_of(key_of(doc.getRoot(), "/AcroForm"), "/DR"), "/Font");
    if (!fonts.isDictionary() || !fonts.hasKey(std::string("/") + kSharedFontName)) return OH::newNull();
    return fonts.getKey(std::string("/") + kSharedFontName);
}

double number(OH o) { return o.getNumericValue(); }
bool is_number(OH o) { return o.isNumber(); }

}  // namespace

std::string shared_repertoire() {
    std::string s;
    for (char c = 0x20; c < 0x7F; ++c) s += c;
    // The letters of Swedish, Nordic and the commonest Western European names, and the
    // typography of a signature line. Every letter costs its outline in the first signature
    // (about 30 bytes deflated); names with other letters get a private font in their signature.
    return s + "ÅÄÖåäöÉéÈèÜüÆæØøÁáÍíÓóÚúÑñÇçß§–‘’“”";
}

std::map<char32_t, std::uint16_t> parse_to_unicode(const std::string& cmap) {
    std::map<char32_t, std::uint16_t> out;
    for (const auto& [code, uni] : pdf::parse_to_unicode(cmap)) out.emplace(uni, code);  // the first code wins
    return out;
}

bool shared_font_name_taken(QPDF& doc) { return !registered_entry(doc).isNull(); }

std::optional<SharedFont> find_shared_font(QPDF& doc) {
    OH font = registered_entry(doc);
    if (!font.isIndirect() || !font.isDictionary()) return std::nullopt;  // others must be able to reference it
    OH subtype = font.getKey("/Subtype");
    OH encoding = font.getKey("/Encoding");
    if (!subtype.isName() || subtype.getName() != "/Type0") return std::nullopt;
    if (!encoding.isName() || encoding.getName() != "/Identity-H") return std::nullopt;
    OH tu = font.getKey("/ToUnicode");
    if (!tu.isStream()) return std::nullopt;
    OH length = tu.getDict().getKey("/Length");
    if (!length.isInteger() || length.getIntValue() < 0 ||
        length.getIntValue() > static_cast<long long>(kMaxCMapBytes)) {
        return std::nullopt;
    }

    SharedFont sf;
    sf.ref = font;
    pdf::Limits cmap_limits = pdf::default_limits();  // decoded under a cap: the input is untrusted
    cmap_limits.stream_decoded_bytes = kMaxCMapBytes;
    pdf::Usage used;
    std::string data;
    try {
        data = pdf::read_stream(tu, cmap_limits, used);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    if (data.empty()) return std::nullopt;
    sf.codes = parse_to_unicode(data);
    if (sf.codes.empty()) return std::nullopt;

    OH descendants = font.getKey("/DescendantFonts");
    if (!descendants.isArray() || descendants.getArrayNItems() < 1) return std::nullopt;
    OH cid = descendants.getArrayItem(0);
    if (OH dw = key_of(cid, "/DW"); is_number(dw)) sf.default_width = number(dw);
    if (OH w = key_of(cid, "/W"); w.isArray()) {
        auto a = w.getArrayAsVector();
        for (std::size_t i = 0; i + 1 < a.size() && sf.widths.size() < kMaxEntries;) {
            if (!a[i].isInteger()) return std::nullopt;
            const long long first = a[i].getIntValue();
            if (a[i + 1].isArray()) {
                auto ws = a[i + 1].getArrayAsVector();
                for (std::size_t k = 0; k < ws.size() && first + static_cast<long long>(k) <= 0xFFFF; ++k) {
                    if (first >= 0 && is_number(ws[k])) {
                        sf.widths[static_cast<std::uint16_t>(first + static_cast<long long>(k))] = number(ws[k]);
                    }
                }
                i += 2;
            } else if (i + 2 < a.size() && a[i + 1].isInteger() && is_number(a[i + 2])) {
                const long long last = a[i + 1].getIntValue();
                for (long long c = std::max<long long>(first, 0);
                     c <= last && c <= 0xFFFF && sf.widths.size() < kMaxEntries; ++c) {
                    sf.widths[static_cast<std::uint16_t>(c)] = number(a[i + 2]);
                }
                i += 3;
            } else {
                return std::nullopt;
            }
        }
    }
    return sf;
}

}  // namespace kansli::sign::detail
