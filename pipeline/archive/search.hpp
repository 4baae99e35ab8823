// `kansli archive search`: full text over § titles and texts (FTS5), and by organ, meeting date,
// signer and § number. Results come newest meeting first, at most `limit` of them, with the number
// of all matches when asked (search_counted).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kansli::archive {

struct SearchQuery {
    std::string text;             ///< words, all must occur (title or text of one §); "" = any
    std::string organ;            ///< exact organ name, or ""
    std::string from, to;         ///< meeting dates YYYY-MM-DD, inclusive, or ""
    std::string signer;           ///< a signer's name (substring, case as stored), or ""
    std::optional<int> paragraf;  ///< § number
    std::size_t limit = 100;
};

struct SearchHit {
    std::string objid, organ, date, kind;
    int number = 0;  ///< § number (0 when the query had neither text nor § number)
    std::string title;
    std::string snippet;
};

/// search_counted() counts matches up to this many (up to the next multiple above a larger limit):
/// counting every one of 10,000 §§ that hold a common word was two thirds of such a search's
/// instructions, and "20 of more than 1000 hits" says what the exact number would (narrow the
/// search). A query with limit 0 asks for the count alone and gets it exact.
constexpr std::size_t kCountCap = 1000;

struct SearchResult {
    std::vector<SearchHit> hits;  ///< the first `limit` matches, newest meeting first
    std::size_t total = 0;        ///< every match; when !total_exact, the cap + 1: more than the cap
    bool total_exact = true;
};

/// The first q.limit hits, newest first: meeting date descending; one date's hits grouped by
/// organ; of one date and organ the document archived last first, and a document's §§ from the last
/// to the first (reverse chronological throughout, so that the index yields them in that order).
/// Throws core::Error (exit 2) when the archive has no register or one this kansli cannot read.
std::vector<SearchHit> search(const std::string& archive_dir, const SearchQuery& q);
/// The same hits and the count of every match (one more query over the index), up to kCountCap
/// (the next multiple of it above q.limit) when q.limit is not 0.
SearchResult search_counted(const std::string& archive_dir, const SearchQuery& q);

/// For a process that runs one search and exits (`kansli archive search`), before its first SQLite
/// call: SQLite's page cache takes its page buffers from one 2 MiB region that the kernel may back
/// with one transparent huge page (madvise), instead of a malloc'd buffer per page. The heavy bench
/// queries read ~200 register pages, and on the benchmark VM each first touch of a 4 KiB page cost ~11 us,
/// one 2 MiB page ~0.2 ms. Up to kSearchCachePages pages of 4 KiB (the register's page size) use
/// the region; more pages, or other page sizes, come from malloc as before. Process-wide and never
/// released. Returns the region, or nullptr, changing nothing, when SQLite is already initialised
/// in this process or the region cannot be mapped.
const void* use_huge_page_cache();
/// Pages of the region: what SQLite's default cache of 2000 KiB holds.
constexpr int kSearchCachePages = 480;

/// "DATE  ORGAN  §N TITLE  OBJID", the snippet below, then "N hits".
std::string hits_text(const std::vector<SearchHit>& hits);
/// The same, ending "N hits" when all are shown, else "K of N hits, newest first (...)" ("K of
/// more than 1000 hits" past the cap).
std::string hits_text(const SearchResult& r);
/// {"total": N, "shown": K, "hits": [{"objid", "organ", "date", "kind", "paragraf", "title", "snippet"}…]};
/// past the cap "total": 1001 (at least that many) followed by "total_exact": false.
std::string hits_json(const SearchResult& r);

}  // namespace kansli::archive
