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
};

/// Scans the content streams of `page` (not its form XObjects: they inherit their Do's marks).
PageMarks scan_marked_content(QPDFObjectHandle page);

}  // namespace kansli::pdf
