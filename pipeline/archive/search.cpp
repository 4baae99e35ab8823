#include "archive/search.hpp"

#include "archive/register.hpp"
#include "archive/report.hpp"
#include "archive/search_schema.hpp"
#include "core/utf8.hpp"

#include <sqlite3.h>
#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace kansli::archive {

namespace {

/// Every word as an FTS5 string ("a" "b": all must occur), so no user text is FTS5 syntax.
std::string fts_query(const std::string& text) {
    std::string out, word;
    auto flush = [&] {
        if (word.empty()) return;
        out += (out.empty() ? "\"" : " \"");
        for (char c : word) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        out += "\"";
        word.clear();
    };
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n') {
            flush();
        } else {
            word += c;
        }
    }
    flush();
    return out;
}

// Parameters, the same numbers in every statement: ?1 FTS5 query, ?2 organ, ?3 ?4 lowest and
// highest key, ?5 signer, ?6 § number, ?7 limit, ?8 organ code.

/// The statements of one query: the hits (at most ?7, newest first) and what the count counts
/// ("FROM ... WHERE ...").
struct Plan {
    std::string hits, count_from;
};

/// Conditions on a key column (date range, organ bits); `organ_row` checks the organ by name where
/// the code is the shared last one.
std::string key_filter(const SearchQuery& q, long long organ_code, const std::string& key,
                       const std::string& organ_row) {
    std::string where = key + " BETWEEN ?3 AND ?4";
    if (q.organ.empty()) return where;
    where +=
        " AND ((" + key + " >> " + std::to_string(kKeyOrganShift) + ") & " + std::to_string(kKeyOrganMask) + ") = ?8";
    return organ_code >= kKeyOrganMask ? where + " AND " + organ_row : where;
}

/// At most this many signer codes are written into a statement; more are read from ?5.
constexpr std::size_t kInlineSigners = 16;

/// The package (alias o) has one of the signers `codes` (signers stored ",3,17,"). A few codes are
/// written into the statement, an instr() each per row: json_each over ?5 parsed the array again
/// for every package row, 4 of the 5 ms of a --signer query over 10,000 packages. Many are looked
/// up in the JSON array ?5. The codes are the register's own integers.
std::string signer_in(const std::vector<long long>& codes) {
    if (codes.size() > kInlineSigners)
        return " AND EXISTS (SELECT 1 FROM json_each(?5) j WHERE instr(o.signers, ',' || j.value || ',') > 0)";
    std::string cond;
    for (const long long c : codes)
        cond += (cond.empty() ? "" : " OR ") + ("instr(o.signers, '," + std::to_string(c) + ",') > 0");
    return " AND (" + cond + ")";
}

std::string with_alias(std::string cond, const std::string& alias) {
    for (auto at = cond.find("o.signers"); at != std::string::npos; at = cond.find("o.signers", at + alias.size()))
        cond.replace(at, 1, alias);
    return cond;
}

/// A §'s package row among those of its date and organ (its key's upper bits), read in key order
/// rather than through the version index: the rows of neighbouring hits share pages.
std::string same_package(const std::string& alias, const std::string& rid, const std::string& version) {
    const std::string shift = std::to_string(kKeyOrganShift);
    return alias + ".key BETWEEN ((" + rid + " >> " + shift + ") << " + shift + ") AND (" + rid + " | " +
           std::to_string(kKeySlotMask) + ") AND " + alias + ".version = " + version;
}

/// TEXT: the FTS5 index alone decides which §§ match and in which order (its rowid is the key), so
/// the newest ?7 are read and the rest only counted.
Plan text_plan(const SearchQuery& q, long long organ_code, const std::string& signers) {
    const std::string in_package = "EXISTS (SELECT 1 FROM package_search o NOT INDEXED WHERE " +
                                   same_package("o", "paragraph_search.rowid", "paragraph_search.version");
    std::string where = "paragraph_search MATCH ?1 AND " +
                        key_filter(q, organ_code, "paragraph_search.rowid", in_package + " AND o.organ = ?2)");
    if (q.paragraf) where += " AND paragraph_search.number = ?6";
    if (!q.signer.empty()) where += " AND " + in_package + signers + ")";
    Plan p;
    // One FTS5 cursor yields the hits in key order, so the snippet is made for those kept only.
    p.hits =
        "SELECT ps.objid, ps.organ, ps.date, ps.kind, h.number, h.title, h.snippet FROM (SELECT rowid AS rid, "
        "version, number, title, snippet(paragraph_search, 1, '[', ']', '…', 12) AS snippet FROM "
        "paragraph_search WHERE " +
        where + " ORDER BY rowid DESC LIMIT ?7) h CROSS JOIN package_search ps NOT INDEXED WHERE " +
        same_package("ps", "h.rid", "h.version") + " ORDER BY h.rid DESC";
    p.count_from = "FROM paragraph_search WHERE " + where;
    return p;
}

/// Without TEXT: packages in key order from package_search, one row each with its signers and the
/// span of its § numbers; counted over the narrow index package_search_filter. A § number is
/// looked up in paragraphs only for a package whose numbers have gaps, and for the hits shown.
Plan document_plan(const SearchQuery& q, long long organ_code, const std::string& signers) {
    std::string where = key_filter(q, organ_code, "ps.key", "ps.organ = ?2");
    if (q.paragraf) {
        where +=
            " AND ?6 BETWEEN ps.first_no AND ps.last_no AND (ps.n_no = ps.last_no - ps.first_no + 1 OR EXISTS "
            "(SELECT 1 FROM paragraphs g WHERE g.version = ps.version AND g.number = ?6))";
    }
    if (!q.signer.empty()) where += with_alias(signers, "ps");
    Plan p;
    p.hits = q.paragraf
                 ? "SELECT ps.objid, ps.organ, ps.date, ps.kind, f.number, f.title, '' FROM package_search ps "
                   "CROSS JOIN paragraphs f WHERE " +
                       where + " AND f.version = ps.version AND f.number = ?6"
                 : "SELECT ps.objid, ps.organ, ps.date, ps.kind, 0, '', '' FROM package_search ps WHERE " + where;
    p.hits += " ORDER BY ps.key DESC LIMIT ?7";
    // Counted on an index: the organ's (its code and key), else the signers' when they are asked for
    // (the wider), else the narrowest. The organ's name is in none: the shared last code reads rows.
    const char* index = !q.organ.empty()   ? "INDEXED BY package_search_organ "
                        : q.signer.empty() ? "INDEXED BY package_search_filter "
                                           : "INDEXED BY package_search_signers ";
    p.count_from =
        std::string("FROM package_search ps ") + (organ_code >= kKeyOrganMask ? "" : index) + "WHERE " + where;
    return p;
}

struct Bindings {
    std::string match;
    long long lo = 0, hi = std::numeric_limits<long long>::max();
    long long organ_code = 0;
    std::vector<long long> signers;  ///< the codes of the signers whose name has --signer
    std::string signer_codes;        ///< the same as a JSON array (?5)
    bool nothing = false;            ///< an organ never archived, no such signer: no hit, no query
};

/// The key range of --from/--to and the organ's code, computed by SQLite as the triggers do.
Bindings bindings(const Register& reg, const SearchQuery& q) {
    Bindings b;
    b.match = fts_query(q.text);
    if (!q.signer.empty()) {
        Stmt s(reg.db(), "SELECT code FROM signers WHERE instr(name, ?1) > 0 ORDER BY code");
        s.bind(1, q.signer);
        while (s.step()) {
            b.signers.push_back(s.integer(0));
            b.signer_codes += (b.signer_codes.empty() ? "[" : ",") + std::to_string(b.signers.back());
        }
        b.signer_codes += b.signer_codes.empty() ? "[]" : "]";
        b.nothing = b.signers.empty();
    }
    if (q.organ.empty() && q.from.empty() && q.to.empty()) return b;
    const std::string day = "max(0, min(65535, CAST(julianday(?%) - 2440587.5 AS INTEGER)))";
    std::string sql =
        "SELECT (SELECT code FROM organs WHERE name = ?1), (" + day + " << 40), ((" + day + " + 1) << 40) - 1";
    sql.replace(sql.find("?%"), 2, "?2");
    sql.replace(sql.find("?%"), 2, "?3");
    Stmt s(reg.db(), sql);
    s.bind(1, q.organ).bind(2, q.from.empty() ? std::string("1970-01-01") : q.from);
    s.bind(3, q.to.empty() ? std::string("2149-06-06") : q.to);
    s.step();
    if (!q.organ.empty()) {
        if (s.text(0).empty()) b.nothing = true;
        b.organ_code = std::min(s.integer(0), kKeyOrganMask);  // as the key holds it
    }
    if (!q.from.empty()) b.lo = s.integer(1);
    if (!q.to.empty()) b.hi = s.integer(2);
    return b;
}

void bind_all(Stmt& s, const SearchQuery& q, const Bindings& b) {
    if (!b.match.empty()) s.bind(1, b.match);
    s.bind(3, b.lo).bind(4, b.hi);
    if (!q.organ.empty()) s.bind(2, q.organ).bind(8, b.organ_code);
    if (!q.signer.empty()) s.bind(5, b.signer_codes);
    if (q.paragraf) s.bind(6, static_cast<long long>(*q.paragraf));
    const auto max = static_cast<std::size_t>(std::numeric_limits<long long>::max());
    s.bind(7, static_cast<long long>(q.limit > max ? max : q.limit));
}

SearchResult run(const std::string& archive_dir, const SearchQuery& q, bool count) {
    const Register reg = Register::open_read_only(archive_dir);
    const Bindings b = bindings(reg, q);
    SearchResult r;
    if (b.nothing) return r;
    const std::string signers = q.signer.empty() ? std::string() : signer_in(b.signers);
    const Plan plan = b.match.empty() ? document_plan(q, b.organ_code, signers) : text_plan(q, b.organ_code, signers);
    Stmt s(reg.db(), plan.hits);
    bind_all(s, q, b);
    while (s.step()) {
        r.hits.push_back(
            {s.text(0), s.text(1), s.text(2), s.text(3), static_cast<int>(s.integer(4)), s.text(5), s.text(6)});
    }
    r.total = r.hits.size();
    // Fewer hits than the limit: that was all of them, no count needed.
    if (count && r.hits.size() == q.limit) {
        // Up to the first multiple of kCountCap above the limit; exact when the count is all that
        // was asked for.
        const std::size_t cap = (q.limit / kCountCap + 1) * kCountCap;
        const std::string sql = q.limit == 0 ? "SELECT count(*) " + plan.count_from
                                             : "SELECT count(*) FROM (SELECT 1 " + plan.count_from + " LIMIT " +
                                                   std::to_string(cap + 1) + ")";
        Stmt c(reg.db(), sql);
        bind_all(c, q, b);
        if (c.step()) r.total = static_cast<std::size_t>(c.integer(0));
        r.total_exact = q.limit == 0 || r.total <= cap;
    }
    return r;
}

}  // namespace

std::vector<SearchHit> search(const std::string& archive_dir, const SearchQuery& q) {
    return run(archive_dir, q, false).hits;
}

SearchResult search_counted(const std::string& archive_dir, const SearchQuery& q) { return run(archive_dir, q, true); }

const void* use_huge_page_cache() {
    constexpr std::size_t kHuge = std::size_t{2} << 20;
    int header = 0;
    if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header) != SQLITE_OK) return nullptr;  // initialised
    const std::size_t slot = 4096 + ((static_cast<std::size_t>(header) + 7) & ~std::size_t{7});
    if (slot * kSearchCachePages > kHuge) return nullptr;
    // Twice the size, so that a 2 MiB-aligned 2 MiB lies inside; the rest is given back.
    void* const raw = ::mmap(nullptr, 2 * kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (raw == MAP_FAILED) return nullptr;
    const auto start = reinterpret_cast<std::uintptr_t>(raw);
    const auto aligned = (start + kHuge - 1) & ~(kHuge - 1);
    if (aligned > start) ::munmap(raw, aligned - start);
    ::munmap(reinterpret_cast<void*>(aligned + kHuge), start + kHuge - aligned);  // > 0: aligned < start + 2 MiB
    void* const region = reinterpret_cast<void*>(aligned);
    ::madvise(region, kHuge, MADV_HUGEPAGE);  // advice only: without THP the pages are 4 KiB, as before
    if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, region, static_cast<int>(slot), kSearchCachePages) != SQLITE_OK) {
        ::munmap(region, kHuge);
        return nullptr;
    }
    return region;
}

std::string hits_text(const std::vector<SearchHit>& hits) {
    std::string out;
    for (const auto& h : hits) {
        out += h.date + "  " + core::escape_for_display(h.organ) + "  ";
        if (h.number) out += "§" + std::to_string(h.number) + " " + core::escape_for_display(h.title) + "  ";
        out += h.objid + "\n";
        if (!h.snippet.empty()) out += "    " + core::escape_for_display(h.snippet) + "\n";
    }
    out += std::to_string(hits.size()) + (hits.size() == 1 ? " hit\n" : " hits\n");
    return out;
}

std::string hits_text(const SearchResult& r) {
    std::string out = hits_text(r.hits);
    if (r.total <= r.hits.size()) return out;
    out.erase(out.rfind(std::to_string(r.hits.size()) + " hit"));
    return out + std::to_string(r.hits.size()) + " of " +
           (r.total_exact ? std::to_string(r.total) : "more than " + std::to_string(r.total - 1)) +
           " hits, newest first (--limit N shows more; --from, --to, --organ narrow the search)\n";
}

std::string hits_json(const SearchResult& r) {
    std::string out = "{\"total\": " + std::to_string(r.total) + (r.total_exact ? "" : ", \"total_exact\": false") +
                      ", \"shown\": " + std::to_string(r.hits.size()) + ", \"hits\": [";
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
        const auto& h = r.hits[i];
        out += std::string(i ? ",\n " : "\n ") + "{\"objid\": " + json_quote(h.objid) +
               ", \"organ\": " + json_quote(h.organ) + ", \"date\": " + json_quote(h.date) +
               ", \"kind\": " + json_quote(h.kind) + ", \"paragraf\": " + std::to_string(h.number) +
               ", \"title\": " + json_quote(h.title) + ", \"snippet\": " + json_quote(h.snippet) + "}";
    }
    return out + "]}\n";
}

}  // namespace kansli::archive
