#include "verify/pdfdate.hpp"

#include "core/time.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kansli::verify {

std::string pdf_date_to_iso(const std::string& raw) {
    std::string s = raw.rfind("D:", 0) == 0 ? raw.substr(2) : raw;
    // The n-digit field at pos: `def` when the string ends before it, nullopt when it is cut
    // short or holds a non-digit.
    auto num = [&s](std::size_t pos, std::size_t n, int def) -> std::optional<int> {
        if (pos >= s.size()) return def;
        if (pos + n > s.size()) return std::nullopt;
        const std::string_view field = std::string_view(s).substr(pos, n);
        if (!std::all_of(field.begin(), field.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
        int v = 0;
        std::from_chars(field.data(), field.data() + field.size(), v);  // at most 4 digits: no overflow
        return v;
    };
    auto y = num(0, 4, 0), mo = num(4, 2, 1), d = num(6, 2, 1), h = num(8, 2, 0), mi = num(10, 2, 0),
         se = num(12, 2, 0);
    if (!y || !mo || !d || !h || !mi || !se || s.size() < 4) return raw;
    const core::Date date{*y, *mo, *d};
    if (!core::is_valid_date(date) || *h > 23 || *mi > 59 || *se > 60) return raw;
    std::int64_t t = core::days_from_civil(date) * 86400 + *h * 3600 + *mi * 60 + *se;
    if (s.size() > 14 && (s[14] == '+' || s[14] == '-')) {
        auto oh = num(15, 2, 0);
        auto om = s.size() > 18 ? num(18, 2, 0) : std::optional<int>(0);
        if (!oh || !om) return raw;
        const int off = *oh * 3600 + *om * 60;
        t += s[14] == '+' ? -off : off;
    }
    return core::format_iso(core::Instant{t});
}

}  // namespace kansli::verify
