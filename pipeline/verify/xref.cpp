#include "verify/xref.hpp"

#include "verify/lexical.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kansli::verify {
using namespace lexical;
namespace {

// One cross-reference stream at `at` ("N G obj << /Type /XRef ... >>"): the object numbers its
// /Index subsections cover (default [0 /Size]) must not overlap, or two readers may take different
// entries for one object. Queues its /Prev. Anything that is not an xref stream is left to qpdf.
std::optional<std::string> check_xref_stream(Span s, std::size_t at, std::vector<std::size_t>& todo) {
    std::size_t p = skip_ws(s, at);
    std::int64_t head[2] = {0, 0};
    for (auto& v : head) {
        const std::size_t e = skip_regular(s, p);
        if (!is_uint_token(s, p, e) || e - p > 9) return std::nullopt;
        for (std::size_t i = p; i < e; ++i) v = v * 10 + (s[i] - '0');
        p = skip_ws(s, e);
    }
    std::string error;
    const auto scan = scan_dict_object(s, at, static_cast<int>(head[0]), static_cast<int>(head[1]),
                                       {"/Type", "/Index", "/Size", "/Prev"}, 64, error);
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
    std::vector<std::int64_t> index;
    if (const auto& idx = scan->keys[1]) {
        auto v = parse_int_array(token(*idx), 2'000'000);
        if (!v || v->size() % 2 != 0) return where + " has a malformed /Index";
        index = std::move(*v);
    } else if (const auto& size = scan->keys[2]) {
        const std::string t = text(*size);
        if (t.empty() || t.size() > 15 || t.find_first_not_of("0123456789") != std::string::npos) return where + " has a malformed /Size";
        index = {0, std::stoll(t)};
    } else {
        return where + " has neither /Index nor /Size";
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> ranges;  // [first, first + count)
    for (std::size_t i = 0; i < index.size(); i += 2) {
        if (index[i + 1] > 0) ranges.emplace_back(index[i], index[i] + index[i + 1]);
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
        std::size_t p = skip_ws(s, at + 4);
        while (p < s.size() && s[p] >= '0' && s[p] <= '9') {
            std::size_t e = 0;
            const auto first = number_at(p, e);
            std::size_t e2 = 0;
            const auto count = number_at(skip_ws(s, e), e2);
            if (!first || !count || *count > 10'000'000) return "xref table at " + std::to_string(at) + " has a malformed subsection";
            p = e2;
            for (std::int64_t i = 0; i < *count; ++i) {
                p = skip_ws(s, p);
                if (s.size() - p < 18) return "xref table at " + std::to_string(at) + " is truncated";
                seen.push_back(*first + i);
                p += 18;
            }
            p = skip_ws(s, p);
        }
        std::sort(seen.begin(), seen.end());
        if (std::adjacent_find(seen.begin(), seen.end()) != seen.end()) {
            return "xref table at " + std::to_string(at) + " lists object " + std::to_string(*std::adjacent_find(seen.begin(), seen.end())) +
                   " twice (readers disagree on which entry wins)";
        }
        // /Prev of the trailer that follows
        if (s.size() - p < 7 || std::memcmp(s.data() + p, "trailer", 7) != 0) continue;
        const std::string_view rest(reinterpret_cast<const char*>(s.data()) + p, std::min<std::size_t>(s.size() - p, 4096));
        const auto end = rest.find("startxref");
        for (const std::string_view key : {"/Prev", "/XRefStm"}) {  // a hybrid file's stream section too
            const auto k = rest.substr(0, end).find(key);
            std::size_t e = 0;
            if (k == std::string_view::npos) continue;
            if (auto v = number_at(skip_ws(s, p + k + key.size()), e)) todo.push_back(static_cast<std::size_t>(*v));
        }
    }
    return std::nullopt;
}

}  // namespace kansli::verify
