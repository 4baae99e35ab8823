#include "verify/xref.hpp"

#include "pdf/decode.hpp"
#include "pdf/lexical.hpp"
#include "verify/stream_decode.hpp"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kansli::verify {
using namespace pdf::lexical;
namespace {

std::optional<std::int64_t> small_uint(Span t) {
    if (t.empty() || t.size() > 15) return std::nullopt;
    std::int64_t v = 0;
    for (auto c : t) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

// "N G" at `at` (the start of an indirect object): its number, generation and the offset after them.
struct ObjectHead {
    int num = 0, gen = 0;
    std::size_t after = 0;
};
std::optional<ObjectHead> object_head(Span s, std::size_t at) {
    std::size_t p = skip_ws(s, at);
    int head[2] = {0, 0};
    for (auto& v : head) {
        const std::size_t e = skip_regular(s, p);
        if (!is_uint_token(s, p, e) || e - p > 9) return std::nullopt;
        for (std::size_t i = p; i < e; ++i) v = v * 10 + (s[i] - '0');
        p = skip_ws(s, e);
    }
    return ObjectHead{head[0], head[1], p};
}

Span token_of(Span s, const std::optional<KeySpan>& k) {
    return k ? s.subspan(k->value_begin, k->value_end - k->value_begin) : Span();
}

// An xref stream's subsections: its /Index (pairs of first object, count) or [0 /Size]; the
// problem (" has a malformed /Index", ...) in `why` when neither reads.
std::optional<std::vector<std::int64_t>> index_of(Span s, const std::optional<KeySpan>& index,
                                                  const std::optional<KeySpan>& size, std::string& why) {
    if (index) {
        auto v = parse_int_array(token_of(s, index), 2'000'000);
        if (!v || v->size() % 2 != 0) return why = " has a malformed /Index", std::nullopt;
        return v;
    }
    if (!size) return why = " has neither /Index nor /Size", std::nullopt;
    const auto n = small_uint(token_of(s, size));
    if (!n) return why = " has a malformed /Size", std::nullopt;
    return std::vector<std::int64_t>{0, *n};
}

// One cross-reference stream at `at` ("N G obj << /Type /XRef ... >>"): the object numbers its
// /Index subsections cover (default [0 /Size]) must not overlap, or two readers may take different
// entries for one object. Queues its /Prev. Anything that is not an xref stream is left to qpdf.
std::optional<std::string> check_xref_stream(Span s, std::size_t at, std::vector<std::size_t>& todo) {
    const auto head = object_head(s, at);
    if (!head) return std::nullopt;
    std::string error;
    const auto scan = scan_dict_object(s, at, head->num, head->gen, {"/Type", "/Index", "/Size", "/Prev"}, 64, error);
    if (!scan) {  // not a dictionary object: qpdf decides; a key written twice: readers disagree
        if (error.find("twice") == std::string::npos) return std::nullopt;
        return "object at " + std::to_string(at) + " (an xref section): " + error;
    }
    auto token = [&s](const KeySpan& k) { return s.subspan(k.value_begin, k.value_end - k.value_begin); };
    auto text = [&token](const KeySpan& k) {
        const auto t = token(k);
        return std::string(reinterpret_cast<const char*>(t.data()), t.size());
    };
    const auto& type = scan->keys[0];
    if (!type || text(*type) != "/XRef") return std::nullopt;
    const std::string where = "xref stream at " + std::to_string(at);
    if (const auto& prev = scan->keys[3]) {
        const std::string v = text(*prev);
        if (!v.empty() && v.size() < 16 && v.find_first_not_of("0123456789") == std::string::npos) {
            todo.push_back(static_cast<std::size_t>(std::stoll(v)));
        }
    }
    std::string why;
    const auto index = index_of(s, scan->keys[1], scan->keys[2], why);
    if (!index) return where + why;
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges;  // [first, first + count)
    for (std::size_t i = 0; i < index->size(); i += 2) {
        if ((*index)[i + 1] > 0) ranges.emplace_back((*index)[i], (*index)[i] + (*index)[i + 1]);
    }
    std::sort(ranges.begin(), ranges.end());
    std::int64_t covered = 0;  // end of the ranges so far
    for (std::size_t i = 0; i < ranges.size(); ++i) {
        if (i > 0 && ranges[i].first < covered) {
            return where + " lists object " + std::to_string(ranges[i].first) +
                   " twice in its /Index (readers disagree on which entry wins)";
        }
        covered = std::max(covered, ranges[i].second);
    }
    return std::nullopt;
}

// Where an in-use entry puts an object: type 1 (offset, generation) or type 2 (object stream, index).
struct Location {
    int type = 0;
    std::int64_t a = 0, b = 0;
    bool operator==(const Location&) const = default;
};
using Entries = std::vector<std::pair<std::int64_t, Location>>;  // in-use entries by object number

constexpr std::size_t kMaxXrefStmBytes = 64u << 20;  // decoded /XRefStm data over all sections of a file

// End of the dictionary "<< ... >>" starting at p (strings, hex strings, comments skipped, nesting
// at most 64); nullopt when it does not end inside the span.
std::optional<std::size_t> skip_dict(Span s, std::size_t p) {
    int depth = 0;
    while (p < s.size()) {
        const auto c = s[p];
        if (c == '(') {
            auto e = skip_literal(s, p);
            if (!e) return std::nullopt;
            p = *e;
        } else if (c == '%') {
            p = skip_ws(s, p);
        } else if (c == '<' && p + 1 < s.size() && s[p + 1] == '<') {
            if (++depth > 64) return std::nullopt;
            p += 2;
        } else if (c == '<') {
            while (p < s.size() && s[p] != '>') ++p;
            ++p;
        } else if (c == '>' && p + 1 < s.size() && s[p + 1] == '>') {
            p += 2;
            if (--depth == 0) return p;
        } else {
            ++p;
        }
    }
    return std::nullopt;
}

// "<< /Key int ... >>" (or "[<< ... >>]") with integer values only: the /DecodeParms of an xref stream.
std::optional<std::vector<std::pair<std::string, std::int64_t>>> int_dict(Span t) {
    std::size_t p = skip_ws(t, 0);
    if (p < t.size() && t[p] == '[') p = skip_ws(t, p + 1);
    if (t.size() - p < 2 || t[p] != '<' || t[p + 1] != '<') return std::nullopt;
    p = skip_ws(t, p + 2);
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (p < t.size() && t[p] == '/' && out.size() < 16) {
        const std::size_t k = skip_regular(t, p + 1);
        const std::size_t v = skip_ws(t, k);
        const std::size_t ve = skip_regular(t, v);
        const auto n = small_uint(t.subspan(v, ve - v));
        if (!n) return std::nullopt;
        out.emplace_back(std::string(reinterpret_cast<const char*>(t.data()) + p, k - p), *n);
        p = skip_ws(t, ve);
    }
    if (t.size() - p < 2 || t[p] != '>' || t[p + 1] != '>') return std::nullopt;
    return out;
}

// The in-use entries of the xref stream at `at` (a hybrid file's /XRefStm) for the object numbers
// of `wanted` (sorted by number), sorted by object number; an error text when it cannot be read.
// `budget` is the decoded bytes still allowed. Memory: the decoded data and at most `wanted`.
std::optional<Entries> xref_stream_entries(Span s, std::size_t at, const Entries& wanted, std::size_t& budget,
                                           std::string& error) {
    const std::string where = "/XRefStm stream at " + std::to_string(at);
    auto fail = [&error, &where](const std::string& why) {
        error = where + why;
        return std::nullopt;
    };
    const auto head = object_head(s, at);
    if (!head || s.size() - head->after < 3 || std::memcmp(s.data() + head->after, "obj", 3) != 0)
        return fail(" is not an object");
    const auto close = skip_dict(s, skip_ws(s, head->after + 3));
    std::string why;
    const auto scan = scan_dict_object(
        s, at, head->num, head->gen, {"/Type", "/W", "/Index", "/Size", "/Filter", "/DecodeParms", "/Length"}, 64, why);
    if (!close || !scan) return fail(" is not a dictionary object" + (why.empty() ? "" : ": " + why));
    auto token = [&s](const std::optional<KeySpan>& k) { return token_of(s, k); };
    auto text = [&token](const std::optional<KeySpan>& k) {
        const auto t = token(k);
        return std::string(reinterpret_cast<const char*>(t.data()), t.size());
    };
    const auto& k = scan->keys;
    if (text(k[0]) != "/XRef") return fail(" is not an xref stream");
    const auto w = k[1] ? parse_int_array(token(k[1]), 3) : std::nullopt;
    if (!w || w->size() != 3 || (*w)[0] > 8 || (*w)[1] > 8 || (*w)[2] > 8 || (*w)[0] + (*w)[1] + (*w)[2] == 0)
        return fail(" has a malformed /W");
    const auto found = index_of(s, k[2], k[3], why);
    if (!found) return fail(why);
    const std::vector<std::int64_t>& index = *found;
    // The data: after "stream" and its end-of-line, /Length bytes (direct) or up to "endstream".
    std::size_t d = skip_ws(s, *close);
    if (s.size() - d < 6 || std::memcmp(s.data() + d, "stream", 6) != 0) return fail(" has no stream data");
    d += 6;
    if (d < s.size() && s[d] == '\r') ++d;
    if (d < s.size() && s[d] == '\n') ++d;
    std::size_t len = 0;
    if (const auto l = small_uint(token(k[6])); l && static_cast<std::uint64_t>(*l) <= s.size() - d) {
        len = static_cast<std::size_t>(*l);
    } else {
        const std::string_view rest(reinterpret_cast<const char*>(s.data()) + d, s.size() - d);
        const auto end = rest.find("endstream");
        if (end == std::string_view::npos) return fail(" has no end");
        len = end;
    }
    const std::size_t width = static_cast<std::size_t>((*w)[0] + (*w)[1] + (*w)[2]);
    std::size_t rows = 0;
    for (std::size_t i = 1; i < index.size(); i += 2)
        rows += static_cast<std::size_t>(std::min<std::int64_t>(index[i], 2'000'000));
    if (budget == 0) return fail(": the file's /XRefStm streams are too large to check");
    const std::size_t want = std::min<std::size_t>(rows * (width + 1), budget);  // + 1: a PNG predictor's filter byte
    std::vector<std::uint8_t> data;
    const std::string filter = text(k[4]);
    if (filter.empty()) {
        data.assign(s.begin() + static_cast<std::ptrdiff_t>(d),
                    s.begin() + static_cast<std::ptrdiff_t>(d + std::min(len, want)));
    } else if (filter == "/FlateDecode" || filter == "[/FlateDecode]" || filter == "[ /FlateDecode ]") {
        data = pdf::inflate(s.subspan(d, len), want);  // stops at `want`: a bomb costs no more
    } else {
        return fail(" uses a filter this verifier does not read (" + filter.substr(0, 40) + ")");
    }
    budget -= data.size();
    if (k[5]) {
        const auto parms = int_dict(token(k[5]));
        if (!parms) return fail(" has /DecodeParms this verifier does not read");
        std::int64_t predictor = 1, colors = 1, bpc = 8, columns = 1;
        for (const auto& [key, v] : *parms) {
            if (key == "/Predictor") predictor = v;
            if (key == "/Colors") colors = v;
            if (key == "/BitsPerComponent") bpc = v;
            if (key == "/Columns") columns = v;
        }
        auto plain = unpredict(std::move(data), predictor, colors, bpc, columns);
        if (!plain) return fail(" uses a predictor this verifier does not read");
        data = std::move(*plain);
    }
    if (data.size() / width < rows) {  // a reader with a laxer decoder may see entries this one does not
        return fail(" holds fewer entries than its /Index lists (corrupt or too large to check)");
    }
    Entries out;
    std::size_t q = 0;
    auto field = [&data, &q](std::int64_t n, std::int64_t dflt) {
        if (n == 0) return dflt;
        std::uint64_t v = 0;
        for (std::int64_t i = 0; i < n; ++i) v = (v << 8) | data[q++];
        return static_cast<std::int64_t>(v & 0x7fff'ffff'ffff'ffffULL);
    };
    for (std::size_t i = 0; i < index.size(); i += 2) {
        if (index[i] > 10'000'000'000) return fail(" has a malformed /Index");
        for (std::int64_t j = 0; j < index[i + 1] && data.size() - q >= width; ++j) {
            const auto type = field((*w)[0], 1);
            const auto a = field((*w)[1], 0);
            const auto b = field((*w)[2], 0);
            const std::int64_t n = index[i] + j;
            const auto hit = std::lower_bound(wanted.begin(), wanted.end(), n,
                                              [](const auto& e, std::int64_t v) { return e.first < v; });
            if ((type == 1 || type == 2) && hit != wanted.end() && hit->first == n)
                out.emplace_back(n, Location{static_cast<int>(type), a, b});
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    return out;
}

// A hybrid file's revision: the classic table's in-use entries against those of its /XRefStm.
std::optional<std::string> check_hybrid(Span s, std::size_t table, Entries classic, std::size_t stm,
                                        std::size_t& budget) {
    std::sort(classic.begin(), classic.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    std::string error;
    const auto stream = xref_stream_entries(s, stm, classic, budget, error);
    if (!stream) return "xref table at " + std::to_string(table) + ": " + error;
    auto a = classic.begin();
    for (const auto& [n, where] : *stream) {
        while (a != classic.end() && a->first < n) ++a;
        if (a != classic.end() && a->first == n && !(a->second == where)) {
            return "object " + std::to_string(n) +
                   " defined twice in one revision: classic table and /XRefStm disagree (xref table at " +
                   std::to_string(table) + ", /XRefStm at " + std::to_string(stm) + ")";
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> check_xref_tables(std::span<const std::uint8_t> s, const std::vector<EofMark>& marks) {
    auto number_at = [&s](std::size_t p, std::size_t& end) -> std::optional<std::int64_t> {
        std::size_t q = p;
        std::int64_t v = 0;
        while (q < s.size() && s[q] >= '0' && s[q] <= '9' && q - p < 12) v = v * 10 + (s[q++] - '0');
        if (q == p) return std::nullopt;
        end = q;
        return v;
    };
    // Sections to read: each revision's startxref, then every /Prev of a table's trailer.
    std::vector<std::size_t> todo;
    for (const auto& m : marks) {
        const std::string_view head(reinterpret_cast<const char*>(s.data()), m.after_marker);
        const auto sx = head.rfind("startxref");
        if (sx == std::string_view::npos) continue;
        std::size_t e = 0;
        if (auto v = number_at(skip_ws(s, sx + 9), e)) todo.push_back(static_cast<std::size_t>(*v));
    }
    std::vector<std::size_t> done;
    std::size_t budget = kMaxXrefStmBytes;
    while (!todo.empty() && done.size() < 10000) {
        const std::size_t at = todo.back();
        todo.pop_back();
        if (at >= s.size() || std::find(done.begin(), done.end(), at) != done.end()) continue;
        done.push_back(at);
        if (s.size() - at < 4 || std::memcmp(s.data() + at, "xref", 4) != 0) {
            if (auto bad = check_xref_stream(s, at, todo)) return bad;
            continue;
        }
        std::vector<std::int64_t> seen;
        Entries in_use;  // 'n' entries: (offset, generation)
        std::size_t p = skip_ws(s, at + 4);
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
            std::size_t e = 0;
            const auto first = number_at(p, e);
            std::size_t e2 = 0;
            const auto count = number_at(skip_ws(s, e), e2);
            if (!first || !count || *count > 10'000'000)
                return "xref table at " + std::to_string(at) + " has a malformed subsection";
            p = e2;
            for (std::int64_t i = 0; i < *count; ++i) {
                p = skip_ws(s, p);
                if (s.size() - p < 18) return "xref table at " + std::to_string(at) + " is truncated";
                seen.push_back(*first + i);
                std::size_t e3 = 0, e4 = 0;
                const auto offset = number_at(p, e3);
                const auto gen = number_at(p + 11, e4);
                if (offset && gen && e3 == p + 10 && e4 == p + 16 && s[p + 17] == 'n')
                    in_use.emplace_back(*first + i, Location{1, *offset, *gen});
                p += 18;
            }
            p = skip_ws(s, p);
        }
        std::sort(seen.begin(), seen.end());
        if (std::adjacent_find(seen.begin(), seen.end()) != seen.end()) {
            return "xref table at " + std::to_string(at) + " lists object " +
                   std::to_string(*std::adjacent_find(seen.begin(), seen.end())) +
                   " twice (readers disagree on which entry wins)";
        }
        // /Prev of the trailer that follows
        if (s.size() - p < 7 || std::memcmp(s.data() + p, "trailer", 7) != 0) continue;
        const std::string_view rest(reinterpret_cast<const char*>(s.data()) + p,
                                    std::min<std::size_t>(s.size() - p, 4096));
        const auto end = rest.find("startxref");
        for (const std::string_view key : {"/Prev", "/XRefStm"}) {  // a hybrid file's stream section too
            const auto k = rest.substr(0, end).find(key);
            std::size_t e = 0;
            if (k == std::string_view::npos) continue;
            const auto v = number_at(skip_ws(s, p + k + key.size()), e);
            if (!v) continue;
            todo.push_back(static_cast<std::size_t>(*v));
            if (key == "/XRefStm") {
                if (auto bad = check_hybrid(s, at, std::move(in_use), static_cast<std::size_t>(*v), budget)) return bad;
            }
        }
    }
    return std::nullopt;
}

}  // namespace kansli::verify
