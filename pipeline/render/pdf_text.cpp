#include "render/pdf_text.hpp"

#include "core/utf8.hpp"

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
    bool ascii = true;
    for (unsigned char c : utf8) {
        if (c < 0x20 || c > 0x7e) {
            ascii = false;
            break;
        }
    }
    if (ascii) return PoDoFo::PdfString(std::string(utf8));
    return PoDoFo::PdfString(reinterpret_cast<const PoDoFo::pdf_utf8*>(std::string(utf8).c_str()));
}

void append_utf8(std::string& out, char32_t c) { core::append_utf8(out, c); }

}  // namespace kansli::render
