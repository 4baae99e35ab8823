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

struct SearchResult {
    std::vector<SearchHit> hits;  ///< the first `limit` matches, newest meeting first
    std::size_t total = 0;        ///< every match
};

/// The first q.limit hits, newest first: meeting date descending; one date's hits grouped by
/// organ; of one date and organ the document archived last first, and a document's §§ from the last
/// to the first (reverse chronological throughout, so that the index yields them in that order).
/// Throws core::Error (exit 2) when the archive has no register or one this kansli cannot read.
std::vector<SearchHit> search(const std::string& archive_dir, const SearchQuery& q);
/// The same hits and the count of every match (one more query over the index).
SearchResult search_counted(const std::string& archive_dir, const SearchQuery& q);

/// "DATE  ORGAN  §N TITLE  OBJID", the snippet below, then "N hits".
std::string hits_text(const std::vector<SearchHit>& hits);
/// The same, ending "N hits" when all are shown, else "K of N hits, newest first (...)".
std::string hits_text(const SearchResult& r);
/// {"total": N, "shown": K, "hits": [{"objid", "organ", "date", "kind", "paragraf", "title", "snippet"}…]}
std::string hits_json(const SearchResult& r);

}  // namespace kansli::archive
