#include "pdf/page_text.hpp"

#include "pdf/to_unicode.hpp"

#include <algorithm>
#include <map>

namespace kansli::pdf {
namespace {

using OH = QPDFObjectHandle;
using CodeMap = std::map<std::uint16_t, char32_t>;

constexpr std::size_t kMaxOperands = 64;
constexpr std::size_t kMaxToUnicodeBytes = std::size_t{1} << 20;

class TextCollector final : public OH::ParserCallbacks {
public:
    TextCollector(OH fonts, std::map<std::string, CodeMap>& cache, const Limits& limits, Usage& used)
        : m_fonts(std::move(fonts)), m_cache(cache), m_limits(limits), m_used(used) {}

    void handleObject(OH obj) override {
        if (!obj.isOperator()) {
            if (m_operands.size() < kMaxOperands) m_operands.push_back(obj);
            return;
        }
        const std::string op = obj.getOperatorValue();
        if (op == "Tf" && m_operands.size() == 2 && m_operands[0].isName()) {
            select_font(m_operands[0].getName());
        } else if ((op == "Tj" || op == "'") && !m_operands.empty() && m_operands.back().isString()) {
            show(m_operands.back().getStringValue());
        } else if (op == "\"" && m_operands.size() == 3 && m_operands[2].isString()) {
            show(m_operands[2].getStringValue());
        } else if (op == "TJ" && m_operands.size() == 1 && m_operands[0].isArray()) {
            for (OH item : m_operands[0].getArrayAsVector())
                if (item.isString()) show(item.getStringValue());
        }
        m_operands.clear();
    }
    void handleEOF() override {}

    std::u32string text;

private:
    void select_font(const std::string& name) {
        m_map = nullptr;
        OH font = m_fonts.isDictionary() ? m_fonts.getKey(name) : OH::newNull();
        if (!font.isDictionary()) return;
        const std::string key = font.isIndirect() ? font.getObjGen().unparse(' ') : name;
        auto it = m_cache.find(key);
        if (it == m_cache.end()) it = m_cache.emplace(key, load(font)).first;
        m_map = &it->second;
    }

    CodeMap load(OH font) {
        CodeMap out;
        OH subtype = font.getKey("/Subtype");
        OH tu = font.getKey("/ToUnicode");
        if (!subtype.isName() || subtype.getName() != "/Type0" || !tu.isStream()) return out;
        Limits capped = m_limits;
        capped.stream_decoded_bytes = std::min<std::uint64_t>(capped.stream_decoded_bytes, kMaxToUnicodeBytes);
        for (const auto& [code, uni] : parse_to_unicode(read_stream(tu, capped, m_used))) out.emplace(code, uni);
        return out;
    }

    void show(const std::string& bytes) {
        if (!m_map) {
            for (std::size_t i = 0; i < bytes.size(); ++i) text += U'\uFFFD';
            return;
        }
        for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
            const auto code = static_cast<std::uint16_t>((static_cast<unsigned char>(bytes[i]) << 8) |
                                                         static_cast<unsigned char>(bytes[i + 1]));
            const auto it = m_map->find(code);
            text += it == m_map->end() ? U'\uFFFD' : it->second;
        }
        if (bytes.size() % 2 == 1) text += U'\uFFFD';
    }

    OH m_fonts;
    std::map<std::string, CodeMap>& m_cache;
    const Limits& m_limits;
    Usage& m_used;
    const CodeMap* m_map = nullptr;
    std::vector<OH> m_operands;
};

}  // namespace

std::vector<std::u32string> page_texts(Opened& doc, const Limits& limits, Usage& used) {
    std::vector<std::u32string> out;
    std::map<std::string, CodeMap> cache;
    for (OH page : doc.pages) {
        OH resources = page.getKey("/Resources");
        OH fonts = resources.isDictionary() ? resources.getKey("/Font") : OH::newNull();
        TextCollector collector(fonts, cache, limits, used);
        // Decoded under the caps first (qpdf would inflate a bomb in memory), then parsed.
        std::string content;
        OH contents = page.getKey("/Contents");
        std::vector<OH> parts = contents.isArray() ? contents.getArrayAsVector() : std::vector<OH>{contents};
        for (OH part : parts) {
            if (!part.isStream()) continue;
            content += read_stream(part, limits, used);
            content += '\n';
        }
        OH::parseContentStream(OH::newStream(doc.qpdf.get(), content), &collector);
        out.push_back(std::move(collector.text));
    }
    return out;
}

}  // namespace kansli::pdf
