// What later revisions changed: a semantic comparison of two loaded revisions (libqpdf).
#pragma once

#include <qpdf/QPDF.hh>

#include <cstddef>
#include <set>
#include <string>
#include <vector>

namespace kansli::verify {

/// Kinds of change, by name: "signatures", "dss" and "document info" are allowed after a
/// signature; "signature changed", "page content", "pages", "annotations", "form values",
/// "actions", "catalog" are not.
struct Changes {
    std::set<std::string> kinds;
    std::vector<std::string> details;  ///< one line per finding, bounded
    bool too_complex = false;          ///< the comparison budget or depth was exhausted
};

/// True for the kinds that do not invalidate an earlier signature.
bool is_allowed_change(const std::string& kind);

/// Compares revision `before` with the later revision `after` (both loaded without recovery).
/// `budget` caps the number of object nodes compared. Never throws (qpdf errors become "catalog"
/// findings with a detail, so the caller fails closed).
Changes compare_revisions(QPDF& before, QPDF& after, std::size_t budget);

/// The object-level rule (redefined.cpp), part of compare_revisions(): every object that `after`
/// added, redefined or deleted relative to `before` and that is reachable from the catalog other
/// than through /AcroForm, /DSS or a signature widget, and is not the catalog, a page tree node or
/// a page's /Annots array, is noted in `out` ("page content" when reached from a page, otherwise
/// "catalog"), with the path that reaches it. Returns false when `budget` nodes did not suffice.
/// qpdf exceptions propagate.
bool find_redefined(QPDF& before, QPDF& after, std::size_t budget, Changes& out);

}  // namespace kansli::verify
