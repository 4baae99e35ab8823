// `kansli archive search`: full text over § titles and texts (FTS5), and by organ, meeting date,
// signer and § number.
#pragma once

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

/// Throws core::Error (exit 2) when the archive has no register.
std::vector<SearchHit> search(const std::string& archive_dir, const SearchQuery& q);

std::string hits_text(const std::vector<SearchHit>& hits);
std::string hits_json(const std::vector<SearchHit>& hits);

}  // namespace kansli::archive
