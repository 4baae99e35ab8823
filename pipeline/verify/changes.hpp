// What later revisions changed: a semantic comparison of two loaded revisions (libqpdf).
#pragma once

#include <qpdf/QPDF.hh>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace kansli::verify {

/// Kinds of change. Signatures, Dss and DocumentInfo are allowed after a signature; the others
/// are not. An enum, so that a misspelt kind is a compile error, not a silently allowed change.
enum class ChangeKind : std::uint8_t {
    Signatures,        ///< "signatures": a signature field signed, a signature widget added
    Dss,               ///< "dss": /DSS added or updated
    DocumentInfo,      ///< "document info": /Info changed
    SignatureChanged,  ///< "signature changed": an existing signature value replaced or removed
    PageContent,       ///< "page content"
    Pages,             ///< "pages"
    Annotations,       ///< "annotations"
    FormValues,        ///< "form values"
    Actions,           ///< "actions"
    Catalog,           ///< "catalog" (and anything the comparison could not read)
    AnslagDates,       ///< "ANSLAG dates filled": allowed only after the justering (anslag.hpp)
};

/// The name in reports and JSON ("signatures", "page content", ...).
const char* to_string(ChangeKind kind);

struct Changes {
    std::set<ChangeKind> kinds;
    std::vector<std::string> details;  ///< one line per finding, bounded
    bool too_complex = false;          ///< the comparison budget or depth was exhausted
};

/// True for the kinds that do not invalidate an earlier signature.
bool is_allowed_change(ChangeKind kind);

/// The object-level rule's walk of one later revision (redefined.cpp): which objects it reaches
/// from the catalog, by which path, and which of them are exempt. It depends on that revision
/// only, so several earlier revisions compared with the same one share it. Opaque; empty until
/// the first find_redefined() that is given it completes.
struct RedefinedWalk {
    struct Reached {
        QPDFObjGen object;
        std::string path;
        bool exempt = false;  ///< structural, a signature widget or ANSLAG field, or the XMP stream
    };
    QPDF* after = nullptr;         ///< the revision walked (not owned); null: nothing recorded
    std::size_t nodes = 0;         ///< budget nodes the walk spent
    std::vector<Reached> reached;  ///< in the order the walk reached them
};

struct ReferenceIndex;  // compare.hpp
class XRefTables;       // xref_tables.hpp

/// Compares revision `before` with the later revision `after` (both loaded without recovery).
/// `budget` caps the number of object nodes compared. Never throws (qpdf errors become "catalog"
/// findings with a detail, so the caller fails closed). `walk` and `refs`, when given, are shared
/// by the comparisons of several earlier revisions with the same `after` (find_redefined's walk,
/// the semantic comparison's references); the findings are those of a call without them.
/// `tables`: the revisions' cross-reference tables when the caller keeps them (Revisions does).
Changes compare_revisions(QPDF& before, QPDF& after, std::size_t budget, RedefinedWalk* walk = nullptr,
                          ReferenceIndex* refs = nullptr, XRefTables* tables = nullptr);

/// The object-level rule (redefined.cpp), part of compare_revisions(): every object that `after`
/// added, redefined or deleted relative to `before` and that is reachable from the catalog other
/// than through /AcroForm, /DSS or a signature widget, and is not the catalog, a page tree node or
/// a page's /Annots array, is noted in `out` ("page content" when reached from a page, otherwise
/// "catalog"), with the path that reaches it. Returns false when `budget` nodes did not suffice.
/// qpdf exceptions propagate. With `walk`: a walk of `after` recorded there by an earlier call
/// that completed within `budget` is replayed instead of walking again (the same findings in the
/// same order); otherwise the walk runs and, when it completes, is recorded there. `tables` as
/// for compare_revisions().
bool find_redefined(QPDF& before, QPDF& after, std::size_t budget, Changes& out, RedefinedWalk* walk = nullptr,
                    XRefTables* tables = nullptr);

/// A signature that later revisions may rely on: its dictionary (the field's /V), the 1-based
/// revision it closes, that revision loaded, and whether its coverage, digest and CMS verified.
struct SignedRevision {
    QPDFObjGen dict;
    std::size_t revision = 0;
    QPDF* pdf = nullptr;  ///< not owned
    bool verified = false;
};

/// The widget rule (widgets.cpp): after the signature that closes revision `before_revision`
/// (`before`), a later revision may add or change the appearance of a signature widget (any
/// annotation of a signature field: /AP, /AS, /Rect, /F, /MK, /DA, /BS, /Border, /C, /CA) only
/// when the field's /V in `after` is a verified signature of `signatures` closing a revision after
/// `before_revision` and the widget looks in `after` exactly as in that revision, or when the
/// widget is invisible in `after` (zero-area /Rect, or /F with Hidden or NoView). An empty field
/// that existed before keeps its appearance until the revision that signs it. Anything else is
/// noted in `out` as "annotations" ("unsigned signature widget 12 0 gained a visible
/// appearance"). `budget` caps compared nodes. Never throws (qpdf errors and an exhausted budget
/// become "catalog" findings, so the caller fails closed). `tables` as for compare_revisions().
void check_signature_widgets(QPDF& before, std::size_t before_revision, QPDF& after,
                             const std::vector<SignedRevision>& signatures, std::size_t budget, Changes& out,
                             XRefTables* tables = nullptr);

}  // namespace kansli::verify
