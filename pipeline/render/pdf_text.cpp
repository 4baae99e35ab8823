#include "render/pdf_text.hpp"

#include "core/utf8.hpp"
#include "pdf/text_string.hpp"

namespace kansli::render {

void append_milli(std::string& out, std::int64_t milli) {
    if (milli < 0) {
        out += '-';
        milli = -milli;
    }
    out += std::to_string(milli / 1000);
    auto frac = static_cast<int>(milli % 1000);
    if (frac == 0) return;
    char digits[4] = {static_cast<char>('0' + frac / 100), static_cast<char>('0' + frac / 10 % 10),
                      static_cast<char>('0' + frac % 10), 0};
    int len = 3;
    while (len > 0 && digits[len - 1] == '0') --len;
    out += '.';
    out.append(digits, static_cast<std::size_t>(len));
}

PoDoFo::PdfString text_string(std::string_view utf8) {
    const std::string bytes = pdf::text_string_bytes(utf8);  // the one encoder (pdf/text_string.hpp)
    if (pdf::is_plain_ascii(utf8)) return PoDoFo::PdfString(bytes);
    // FE FF, then UTF-16BE code units: PoDoFo takes the units without the mark and writes it back.
    return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf16be*>(bytes.data() + 2),
                             static_cast<PoDoFo::pdf_long>((bytes.size() - 2) / 2));
}

void append_utf8(std::string& out, char32_t c) { core::append_utf8(out, c); }

}  // namespace kansli::render
