// ISO 19005-2 6.1: the file structure, checked on the bytes (qpdf forgives what PDF/A forbids).
#include "inspect/doc.hpp"
#include "pdf/lexical.hpp"

#include <qpdf/QPDFXRefEntry.hh>

#include <map>
#include <string_view>

namespace kansli::inspect {

namespace {

namespace lx = pdf::lexical;
using Span = lx::Span;

bool is_eol(std::uint8_t c) { return c == '\n' || c == '\r'; }

/// Length of the end-of-line at p (CRLF 2, CR or LF 1, none 0).
std::size_t eol_at(Span s, std::size_t p) {
    if (p >= s.size()) return 0;
    if (s[p] == '\r') return p + 1 < s.size() && s[p + 1] == '\n' ? 2 : 1;
    return s[p] == '\n' ? 1 : 0;
}

bool starts(Span s, std::size_t p, std::string_view word) {
    return p + word.size() <= s.size() && std::memcmp(s.data() + p, word.data(), word.size()) == 0;
}

std::vector<Finding> header(const Doc& d) {
    const Span s = d.bytes;
    std::vector<Finding> out;
    if (!starts(s, 0, "%PDF-1.") || s.size() < 9 || s[7] < '0' || s[7] > '7' || eol_at(s, 8) == 0) {
        add(out, "", "the file does not begin with \"%PDF-1.n\" (n 0 to 7) and an end-of-line");
        return out;
    }
    const std::size_t c = 8 + eol_at(s, 8);
    int high = 0;
    for (std::size_t i = c + 1; i < s.size() && i < c + 5; ++i) high += s[i] > 127 ? 1 : 0;
    if (c >= s.size() || s[c] != '%' || high < 4) {
        add(out, "", "the header line is not followed by a comment of at least four bytes above 127");
    }
    return out;
}

std::vector<Finding> trailer(const Doc& d) {
    std::vector<Finding> out;
    OH t = d.pdf().getTrailer();
    OH id = t.getKey("/ID");
    if (!id.isArray() || id.getArrayNItems() != 2 || !id.getArrayItem(0).isString() || !id.getArrayItem(1).isString())
        add(out, "", "the trailer has no /ID of two strings");
    if (t.hasKey("/Encrypt")) add(out, "", "the trailer has /Encrypt");
    const Span s = d.bytes;
    const std::string_view view(reinterpret_cast<const char*>(s.data()), s.size());
    const std::size_t eof = view.rfind("%%EOF");
    if (eof == std::string_view::npos) {
        add(out, "", "the file has no %%EOF marker");
    } else {
        const std::size_t after = eof + 5;
        if (after + eol_at(s, after) != s.size())
            add(out, "",
                std::to_string(s.size() - after) + " bytes follow the last %%EOF (at most one end-of-line may)");
    }
    return out;
}

/// Every "xref" section the startxref keywords name: "xref", one end-of-line, "first count".
std::vector<Finding> xref(const Doc& d) {
    const Span s = d.bytes;
    const std::string_view view(reinterpret_cast<const char*>(s.data()), s.size());
    std::vector<Finding> out;
    for (std::size_t p = view.find("startxref"); p != std::string_view::npos; p = view.find("startxref", p + 9)) {
        std::size_t q = lx::skip_ws(s, p + 9);
        const std::size_t e = lx::skip_regular(s, q);
        if (!lx::is_uint_token(s, q, e) || e - q > 15) continue;
        const std::size_t at = std::stoull(std::string(view.substr(q, e - q)));
        if (!starts(s, at, "xref")) continue;  // a cross-reference stream: no such rule
        const std::size_t n = eol_at(s, at + 4);
        const std::size_t h = at + 4 + n;
        std::size_t a = h;
        while (a < s.size() && s[a] >= '0' && s[a] <= '9') ++a;
        const bool header_ok =
            n > 0 && a > h && a < s.size() && s[a] == ' ' && a + 1 < s.size() && s[a + 1] >= '0' && s[a + 1] <= '9';
        if (!header_ok) {
            add(out, "",
                "the xref keyword at byte " + std::to_string(at) +
                    " is not followed by one end-of-line and a subsection header \"first count\"");
        }
    }
    return out;
}

/// The object scan: "N G obj" with single spaces and an end-of-line (6.1.9), "endobj" after an
/// end-of-line, "stream" followed by CRLF or LF and "endstream" after the /Length bytes and an
/// end-of-line (6.1.7.1), hex strings of hex digits, an even number of them (6.1.6).
class ObjectScan {
public:
    explicit ObjectScan(const Doc& d) : m_doc(d), m_s(d.bytes) {
        for (const auto& [og, e] : d.pdf().getXRefTable()) {
            if (e.getType() == 1) m_at[static_cast<std::size_t>(e.getOffset())] = og;
        }
    }

    void run() {
        std::size_t p = 0;
        while ((p = lx::skip_ws(m_s, p)) < m_s.size()) p = token(p);
    }

    std::vector<Finding> objects, streams, strings;

private:
    std::size_t token(std::size_t p) {
        const std::uint8_t c = m_s[p];
        if (c == '(') return lx::skip_literal(m_s, p).value_or(m_s.size());
        if (c == '<' && p + 1 < m_s.size() && m_s[p + 1] == '<') return p + 2;
        if (c == '<') return hex(p);
        if (c == '/') return lx::skip_regular(m_s, p + 1);
        if (lx::is_delim(c)) return p + 1;
        const std::size_t e = lx::skip_regular(m_s, p);
        const std::string_view w(reinterpret_cast<const char*>(m_s.data()) + p, e - p);
        if (w == "obj") obj(p, e);
        if (w == "endobj" && (p == 0 || !is_eol(m_s[p - 1])))
            add(objects, "ISO 19005-2 6.1.9",
                "\"endobj\" at byte " + std::to_string(p) + " does not follow an end-of-line");
        if (w == "stream") return stream(e);
        m_prev2 = m_prev1;
        m_prev1 = {p, e};
        return e;
    }

    std::size_t hex(std::size_t p) {
        std::size_t digits = 0;
        std::size_t q = p + 1;
        bool bad = false;
        for (; q < m_s.size() && m_s[q] != '>'; ++q) {
            if (lx::is_hex(m_s[q])) {
                ++digits;
            } else if (!lx::is_ws(m_s[q])) {
                bad = true;
            }
        }
        if (bad || digits % 2 != 0)
            add(strings, "ISO 19005-2 6.1.6",
                "the hexadecimal string at byte " + std::to_string(p) +
                    (bad ? " holds a character that is not a hex digit" : " has an odd number of digits"));
        return q + 1;
    }

    void obj(std::size_t p, std::size_t e) {
        const auto [nb, ne] = m_prev2;
        const auto [gb, ge] = m_prev1;
        if (!lx::is_uint_token(m_s, nb, ne) || !lx::is_uint_token(m_s, gb, ge)) return;
        m_object = nb;
        const bool spaces = gb == ne + 1 && p == ge + 1 && lx::is_ws(m_s[ne]) && lx::is_ws(m_s[ge]);
        if (!spaces || eol_at(m_s, e) == 0) {
            add(objects, "ISO 19005-2 6.1.9",
                "object \"" + std::string(reinterpret_cast<const char*>(m_s.data()) + nb, e - nb) + "\" at byte " +
                    std::to_string(nb) +
                    (spaces ? " has no end-of-line after \"obj\"" : " is not written \"N G obj\" with single spaces"));
        }
    }

    /// After "stream" (at e): returns the offset after "endstream".
    std::size_t stream(std::size_t e) {
        const std::string at = " (stream at byte " + std::to_string(e) + ")";
        if (!(starts(m_s, e, "\r\n") || starts(m_s, e, "\n")))
            add(streams, "ISO 19005-2 6.1.7.1", "\"stream\" is not followed by CRLF or LF" + at);
        const std::size_t data = e + eol_at(m_s, e);
        long long length = -1;
        if (auto it = m_at.find(m_object); it != m_at.end()) {
            OH o = m_doc.pdf().getObjectByObjGen(it->second);
            OH len = o.isStream() ? o.getDict().getKey("/Length") : OH::newNull();
            if (len.isInteger()) length = len.getIntValue();
        }
        // Where /Length says the data ends: an end-of-line and "endstream" must follow.
        if (length >= 0 && static_cast<std::uint64_t>(length) <= m_s.size() - data) {
            const std::size_t q = data + static_cast<std::size_t>(length);
            const std::size_t n = eol_at(m_s, q);
            if (n > 0 && starts(m_s, q + n, "endstream")) return q + n + 9;
        }
        const std::string_view view(reinterpret_cast<const char*>(m_s.data()), m_s.size());
        const std::size_t end = view.find("endstream", data);
        if (end == std::string_view::npos) return m_s.size();
        if (end == data || !is_eol(m_s[end - 1])) {
            add(streams, "ISO 19005-2 6.1.7.1", "\"endstream\" does not follow an end-of-line" + at);
        } else if (length >= 0) {
            const std::size_t eol = end >= 2 && m_s[end - 2] == '\r' && m_s[end - 1] == '\n' ? 2 : 1;
            add(streams, "ISO 19005-2 6.1.7.1",
                "/Length " + std::to_string(length) + " is not the " + std::to_string(end - eol - data) +
                    " bytes of the stream's data" + at);
        }
        return end + 9;
    }

    const Doc& m_doc;
    Span m_s;
    std::map<std::size_t, QPDFObjGen> m_at;  // offset → object (the final xref's)
    std::pair<std::size_t, std::size_t> m_prev1{0, 0}, m_prev2{0, 0};
    std::size_t m_object = 0;  // offset of the current object's number
};

std::vector<Finding> objects(const Doc& d) {
    ObjectScan s(d);
    s.run();
    std::vector<Finding> out = s.objects;
    for (auto& f : s.streams) out.push_back(f);
    for (auto& f : s.strings) out.push_back(f);
    return out;
}

/// 6.1.7.1: no external stream data; 6.1.7.2: no LZW (and no Crypt).
std::vector<Finding> stream_keys(const Doc& d) {
    std::vector<Finding> out;
    for (OH o : d.pdf().getAllObjects()) {
        if (!o.isStream()) continue;
        OH dict = o.getDict();
        for (const char* k : {"/F", "/FFilter", "/FDecodeParms"}) {
            if (dict.hasKey(k)) add(out, "ISO 19005-2 6.1.7.1", "stream " + o.getObjGen().unparse(' ') + " has " + k);
        }
        OH f = dict.getKey("/Filter");
        std::vector<OH> filters = f.isArray() ? f.getArrayAsVector() : std::vector<OH>{f};
        for (OH x : filters) {
            if (x.isName() && (x.getName() == "/LZWDecode" || x.getName() == "/Crypt"))
                add(out, "ISO 19005-2 6.1.7.2", "stream " + o.getObjGen().unparse(' ') + " uses " + x.getName());
        }
    }
    return out;
}

}  // namespace

std::vector<Check> syntax_checks() {
    return {
        {"ISO 19005-2 6.1.2", "file header: %PDF-1.n, then a comment with four bytes above 127", PdfA, header},
        {"ISO 19005-2 6.1.3", "trailer: /ID, no /Encrypt, nothing after the last %%EOF but one end-of-line", PdfA,
         trailer},
        {"ISO 19005-2 6.1.4", "xref keyword, one end-of-line, subsection header with one space", PdfA, xref},
        {"ISO 19005-2 6.1.6, 6.1.7.1, 6.1.9",
         "hex strings; stream/endstream end-of-lines and /Length; N G obj + EOL, EOL + endobj", PdfA, objects},
        {"ISO 19005-2 6.1.7.1, 6.1.7.2",
         "no external stream data (/F, /FFilter, /FDecodeParms), no LZW or Crypt filter", PdfA, stream_keys},
    };
}

}  // namespace kansli::inspect
