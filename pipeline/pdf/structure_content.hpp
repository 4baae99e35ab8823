// The marked content of one page's content stream, for the structure checks (internal to pdf/).
#pragma once

#include <qpdf/QPDFObjectHandle.hh>

#include <string>
#include <vector>

namespace kansli::pdf {

struct PageMarks {
    std::vector<int> mcids;      ///< MCIDs of the page's marked content, in content order
    int unmarked = 0;            ///< painting operators outside any tagged (MCID) or /Artifact sequence
    std::string first_unmarked;  ///< the first of them ("Tj")
    std::string error;           ///< the content could not be parsed (then the rest is partial)

    bool operator==(const PageMarks&) const = default;
};

/// Scans the content streams of `page` (not its form XObjects: they inherit their Do's marks).
/// Well-formed content is read token by token (content_lexer.hpp straight from the bytes; what it
/// is unsure of, from the start again with qpdf's QPDFTokenizer; no object per token);
/// content qpdf's parser would have to repair (a bad token, an unbalanced bracket, an integer out
/// of range, an inline image without EI, nesting deeper than 64) is read again, from the start,
/// by qpdf's parser (QPDFPageObjectHelper::parseContents), so the result is always the parser's.
PageMarks scan_marked_content(QPDFObjectHandle page);
/// The same; `*parsed` says whether qpdf's parser had to read the content (for the tests).
PageMarks scan_marked_content(QPDFObjectHandle page, bool* parsed);

/// The same through qpdf's parser alone (one QPDFObjectHandle per token): the fallback of
/// scan_marked_content and the reference its tests compare it with.
PageMarks scan_marked_content_parsed(QPDFObjectHandle page);

}  // namespace kansli::pdf
