#include "verify/scan.hpp"

#include "pdf/lexical.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace kansli::verify {
using namespace pdf::lexical;
namespace {

class ObjectLexer {
public:
    ObjectLexer(Span s, std::size_t max_depth) : m_s(s), m_max_depth(max_depth) {}

    // Skips one value at p; returns the end offset and the value's kind.
    std::optional<std::size_t> value(std::size_t p, std::size_t depth, ValueKind& kind) {
        if (depth > m_max_depth) return fail("nesting deeper than the limit");
        p = skip_ws(m_s, p);
        if (p >= m_s.size()) return fail("unexpected end of data");
        const std::uint8_t c = m_s[p];
        if (c == '<' && p + 1 < m_s.size() && m_s[p + 1] == '<') {
            kind = ValueKind::Dictionary;
            return dict(p, depth + 1, nullptr, nullptr);
        }
        if (c == '<') {
            kind = ValueKind::HexString;
            for (std::size_t q = p + 1; q < m_s.size(); ++q) {
                if (m_s[q] == '>') return q + 1;
                if (!is_hex(m_s[q]) && !is_ws(m_s[q])) return fail("bad character in a hex string");
            }
            return fail("unterminated hex string");
        }
        if (c == '(') {
            kind = ValueKind::LiteralString;
            auto e = skip_literal(m_s, p);
            return e ? e : fail("unterminated string");
        }
        if (c == '[') {
            kind = ValueKind::Array;
            std::size_t q = p + 1;
            for (;;) {
                q = skip_ws(m_s, q);
                if (q >= m_s.size()) return fail("unterminated array");
                if (m_s[q] == ']') return q + 1;
                ValueKind k = ValueKind::Unknown;
                auto e = value(q, depth + 1, k);
                if (!e) return e;
                q = *e;
            }
        }
        if (c == '/') {
            kind = ValueKind::Name;
            return skip_regular(m_s, p + 1);
        }
        if (is_regular(c)) {
            kind = ValueKind::Other;
            std::size_t e = skip_regular(m_s, p);
            // "num gen R" is one value.
            if (is_uint_token(m_s, p, e)) {
                std::size_t g = skip_ws(m_s, e);
                std::size_t ge = skip_regular(m_s, g);
                if (ge > g && is_uint_token(m_s, g, ge)) {
                    std::size_t r = skip_ws(m_s, ge);
                    if (r < m_s.size() && m_s[r] == 'R' && (r + 1 == m_s.size() || !is_regular(m_s[r + 1]))) {
                        return r + 1;
                    }
                }
            }
            return e;
        }
        return fail("unexpected character");
    }

    // Parses a dictionary at p ("<<"); fills spans of wanted keys at the top level when given.
    std::optional<std::size_t> dict(std::size_t p, std::size_t depth, const std::vector<std::string>* wanted,
                                    DictScan* out) {
        if (depth > m_max_depth) return fail("nesting deeper than the limit");
        std::size_t q = p + 2;
        for (;;) {
            q = skip_ws(m_s, q);
            if (q + 1 < m_s.size() && m_s[q] == '>' && m_s[q + 1] == '>') return q + 2;
            if (q >= m_s.size() || m_s[q] != '/') return fail("dictionary key expected");
            const std::size_t kb = q;
            q = skip_regular(m_s, q + 1);
            const std::string_view key(reinterpret_cast<const char*>(m_s.data() + kb), q - kb);
            const std::size_t vb = skip_ws(m_s, q);
            ValueKind kind = ValueKind::Unknown;
            auto ve = value(vb, depth, kind);
            if (!ve) return ve;
            if (wanted && out) {
                for (std::size_t i = 0; i < wanted->size(); ++i) {
                    if (key != (*wanted)[i]) continue;
                    if (out->keys[i]) return fail("key " + (*wanted)[i] + " occurs twice in the dictionary");
                    out->keys[i] = KeySpan{vb, *ve, kind};
                }
            }
            q = *ve;
        }
    }

    std::optional<std::size_t> fail(std::string why) {
        if (m_error.empty()) m_error = std::move(why);
        return std::nullopt;
    }
    [[nodiscard]] const std::string& error() const { return m_error; }

private:
    Span m_s;
    std::size_t m_max_depth;
    std::string m_error;
};

}  // namespace

std::vector<EofMark> find_eof_marks(std::span<const std::uint8_t> s) {
    std::vector<EofMark> out;
    constexpr std::string_view kEof = "%%EOF";
    auto it = s.begin();
    while (true) {
        it = std::search(it, s.end(), kEof.begin(), kEof.end());
        if (it == s.end()) break;
        EofMark m;
        m.after_marker = static_cast<std::size_t>(it - s.begin()) + kEof.size();
        std::size_t p = m.after_marker;
        if (p < s.size() && s[p] == '\r') ++p;
        if (p < s.size() && s[p] == '\n') ++p;
        m.after_eol = p;
        out.push_back(m);
        it += static_cast<std::ptrdiff_t>(kEof.size());
    }
    return out;
}

std::optional<DictScan> scan_dict_object(std::span<const std::uint8_t> s, std::size_t offset, int num, int gen,
                                         const std::vector<std::string>& wanted, std::size_t max_depth,
                                         std::string& error) {
    if (offset >= s.size()) {
        error = "object offset beyond the end of the file";
        return std::nullopt;
    }
    // "num gen obj"
    std::size_t p = offset;
    auto expect_token = [&](const std::string& tok) {
        p = skip_ws(s, p);
        const std::size_t e = skip_regular(s, p);
        const bool ok = e - p == tok.size() && std::memcmp(s.data() + p, tok.data(), tok.size()) == 0;
        p = e;
        return ok;
    };
    if (!expect_token(std::to_string(num)) || !expect_token(std::to_string(gen)) || !expect_token("obj")) {
        error = "the xref offset does not point at \"" + std::to_string(num) + " " + std::to_string(gen) + " obj\"";
        return std::nullopt;
    }
    p = skip_ws(s, p);
    if (p + 1 >= s.size() || s[p] != '<' || s[p + 1] != '<') {
        error = "the object is not a dictionary";
        return std::nullopt;
    }
    DictScan out;
    out.keys.resize(wanted.size());
    ObjectLexer lex(s, max_depth);
    if (!lex.dict(p, 1, &wanted, &out)) {
        error = lex.error();
        return std::nullopt;
    }
    return out;
}

std::optional<std::vector<std::uint8_t>> decode_hex_token(std::span<const std::uint8_t> t) {
    if (t.size() < 2 || t.front() != '<' || t.back() != '>') return std::nullopt;
    std::vector<std::uint8_t> out;
    out.reserve(t.size() / 2);
    int hi = -1;
    for (std::size_t i = 1; i + 1 < t.size(); ++i) {
        const std::uint8_t c = t[i];
        if (is_ws(c)) continue;
        int v = 0;
        if (c >= '0' && c <= '9')
            v = c - '0';
        else if (c >= 'a' && c <= 'f')
            v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            v = c - 'A' + 10;
        else
            return std::nullopt;
        if (hi < 0) {
            hi = v;
        } else {
            out.push_back(static_cast<std::uint8_t>(hi * 16 + v));
            hi = -1;
        }
    }
    if (hi >= 0) out.push_back(static_cast<std::uint8_t>(hi * 16));
    return out;
}

std::optional<std::vector<std::int64_t>> parse_int_array(std::span<const std::uint8_t> t, std::size_t max_items) {
    if (t.size() < 2 || t.front() != '[' || t.back() != ']') return std::nullopt;
    std::vector<std::int64_t> out;
    std::size_t p = 1;
    while (true) {
        p = skip_ws(t, p);
        if (p + 1 >= t.size()) break;
        const std::size_t e = skip_regular(t, p);
        if (!is_uint_token(t, p, e) || e - p > 15 || out.size() >= max_items) return std::nullopt;
        std::int64_t v = 0;
        for (std::size_t i = p; i < e; ++i) v = v * 10 + (t[i] - '0');
        out.push_back(v);
        p = e;
    }
    return out;
}

}  // namespace kansli::verify
