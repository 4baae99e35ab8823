#include "pdf/syntax.hpp"

#include "pdf/lexical.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace kansli::pdf {
using namespace lexical;

namespace {

bool token_is(Span s, std::size_t b, std::size_t e, std::string_view word) {
    return e - b == word.size() && std::memcmp(s.data() + b, word.data(), word.size()) == 0;
}

// True when the dictionary s[b, e) names /Type /XRef (a cross-reference stream).
bool is_xref_dict(Span s, std::size_t b, std::size_t e) {
    const std::string_view d(reinterpret_cast<const char*>(s.data()) + b, e - b);
    for (std::size_t at = d.find("/XRef"); at != std::string_view::npos; at = d.find("/XRef", at + 5)) {
        const std::size_t after = at + 5;
        if (after < d.size() && is_regular(static_cast<std::uint8_t>(d[after]))) continue;  // /XRefStm
        std::size_t before = at;
        while (before > 0 && is_ws(static_cast<std::uint8_t>(d[before - 1]))) --before;
        if (before >= 5 && d.substr(before - 5, 5) == "/Type") return true;
    }
    return false;
}

class Scanner {
public:
    Scanner(Span s, const SyntaxCaps& caps) : m_s(s), m_caps(caps) {}

    SyntaxStats run() {
        std::size_t p = 0;
        while (p < m_s.size() && !m_stop) p = step(p);
        return std::move(m_out);
    }

private:
    // One token at p (or white space / a comment); the offset after it.
    std::size_t step(std::size_t p) {
        const std::uint8_t c = m_s[p];
        if (is_ws(c)) return p + 1;
        if (c == '%') {
            while (p < m_s.size() && m_s[p] != '\n' && m_s[p] != '\r') ++p;
            return p;
        }
        if (c == '<' && p + 1 < m_s.size() && m_s[p + 1] == '<') {
            item();
            if (m_counts.empty()) m_dict_begin = p;
            open();
            return p + 2;
        }
        if (c == '[') {
            item();
            open();
            return p + 1;
        }
        if ((c == '>' && p + 1 < m_s.size() && m_s[p + 1] == '>') || c == ']') {
            if (!m_counts.empty()) m_counts.pop_back();
            const std::size_t after = p + (c == ']' ? 1 : 2);
            if (m_counts.empty() && c == '>') m_dict_end = after;
            return after;
        }
        item();
        if (c == '(') {
            const auto e = skip_literal(m_s, p);
            return e ? *e : m_s.size();
        }
        if (c == '<') {
            while (p < m_s.size() && m_s[p] != '>') ++p;
            return p + 1;
        }
        if (c == '/') return skip_regular(m_s, p + 1);
        if (!is_regular(c)) return p + 1;  // a stray ')', '{', '}'
        const std::size_t e = skip_regular(m_s, p);
        if (m_counts.empty() && token_is(m_s, p, e, "obj")) {
            if (++m_out.objects > m_caps.objects && m_caps.objects) m_stop = true;
        }
        if (token_is(m_s, p, e, "stream")) return stream_data(e);
        return e;
    }

    // Stream data is opaque: jump to "endstream". Remembers cross-reference streams.
    std::size_t stream_data(std::size_t e) {
        std::size_t d = e;
        if (d < m_s.size() && m_s[d] == '\r') ++d;
        if (d < m_s.size() && m_s[d] == '\n') ++d;
        if (m_counts.empty() && m_dict_end > m_dict_begin && is_xref_dict(m_s, m_dict_begin, m_dict_end)) {
            m_out.xref_streams.push_back({m_dict_begin, m_dict_end, d});
        }
        constexpr std::string_view kEnd = "endstream";
        // string_view::find (memchr for the 'e', then a compare), not std::search byte by byte.
        const std::string_view all(reinterpret_cast<const char*>(m_s.data()), m_s.size());
        const std::size_t hit = all.find(kEnd, d);
        return hit == std::string_view::npos ? m_s.size() : std::min(m_s.size(), hit + kEnd.size());
    }

    void item() {
        if (m_counts.empty()) return;
        const std::size_t n = ++m_counts.back();
        if (++m_out.items > m_caps.total_items && m_caps.total_items) m_stop = true;
        if (n > m_out.largest_container) m_out.largest_container = n;
        if (m_caps.container_items && n > m_caps.container_items) m_stop = true;
    }

    void open() {
        m_counts.push_back(0);
        m_out.nesting = std::max(m_out.nesting, m_counts.size());
        if (m_caps.nesting && m_counts.size() > m_caps.nesting) m_stop = true;
    }

    Span m_s;
    SyntaxCaps m_caps;
    SyntaxStats m_out;
    std::vector<std::size_t> m_counts;             // tokens so far in each open container, innermost last
    std::size_t m_dict_begin = 0, m_dict_end = 0;  // the last top-level dictionary
    bool m_stop = false;
};

}  // namespace

SyntaxStats scan_syntax(std::span<const std::uint8_t> pdf, const SyntaxCaps& caps) { return Scanner(pdf, caps).run(); }

std::size_t max_nesting_depth(std::span<const std::uint8_t> pdf, std::size_t cap) {
    return scan_syntax(pdf, SyntaxCaps{cap, 0, 0}).nesting;
}

}  // namespace kansli::pdf
