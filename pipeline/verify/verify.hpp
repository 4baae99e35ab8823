// kansli verify: PDF signature verification that cannot be fooled and never crashes or hangs.
//
// DESIGN (hostile input first)
//  1. Pre-scan, our own code, linear and non-recursive: size cap, then the largest lexical nesting
//     of << and [ (outside strings, comments, stream data); deeper than `max_depth` is rejected
//     before any parser runs. PoDoFo is not used here at all (0.9.8 is cubic and overflows the
//     stack on deep dictionaries).
//  2. libqpdf (fuzzed upstream) reads the objects, with recovery OFF and warnings suppressed: once
//     for the whole file and once per revision prefix file[0, end) that a signature claims.
//  3. What must be exact is checked on raw bytes by our strict tokenizer (scan.hpp): the signature
//     dictionary is found at its xref offset in its revision, its /ByteRange and /Contents are
//     tokenized there (duplicate keys rejected), and the hole [a, b) of /ByteRange [0 a b c] must be
//     exactly the hex-string token of /Contents of THIS dictionary (defeats signature wrapping);
//     b + c must be a revision end (just after %%EOF and its EOL) that loads on its own; the
//     decoded bytes must equal what qpdf parsed; the dictionary must not be redefined later.
//  4. cms/decode verifies the CMS over the two ranges (Botan::PK_Verifier); ChainValidator
//     (chain.hpp: Botan's own x509_path_validate, its result cached per signer and inputs for the
//     document) validates the chain to --trust roots at an explicit time,
//     offline, with revocation from --crl files, CRLs in the CMS and in /DSS (revocation required
//     whenever any CRL is known).
//  5. Changes after each signature are found by comparing that revision with the final one
//     semantically (catalog keys, page list and effective page dictionaries, annotations, form
//     fields, trailer), deep-comparing objects through references with a visited map, a depth cap
//     and a node budget: only signatures, signature fields/widgets, /DSS and /Info may change.
//     Beside it, an object-level rule (redefined.cpp): any object a later revision added,
//     redefined or deleted that is reachable from the catalog other than through /AcroForm, /DSS
//     or a signature widget, and is not the catalog, a page tree node or an /Annots array (those
//     are diffed key by key), is a named change with its path ("object 9 0 (page 1 /Resources
//     /XObject /Fm)"): shadow attacks swap what a page references, never the page. Classic xref
//     tables that list an object twice, and xref streams whose /Index ranges overlap
//     (or that write /Index twice), are rejected (readers may disagree on the winner).
//     The widget rule (widgets.cpp) closes the path that rule leaves open on purpose, signature
//     widgets: an unsigned revision that adds a visible signature widget, or changes how an
//     existing one looks (/AP, /AS, /Rect, /F, /MK, /DA, ...), paints over signed content. A
//     widget may look different after a signature only when its field's /V is a signature we
//     verified (coverage, digest and CMS ok) that closes a later revision and the widget looks in
//     the final revision exactly as in that one, or when it is invisible (zero-area /Rect, /F
//     Hidden or NoView). So an empty field from `kansli build` keeps its appearance until the
//     revision that signs it. Modifications are therefore decided after every signature's own
//     bytes are checked.
//  Every loop is bounded (depth caps, visited sets, budgets); third-party exceptions are caught.
//
// JSON (kansli verify --json) is an array with one object per file (a file that cannot be read
// has verdict "indeterminate", its reason and one problem):
//  { "file": str, "verdict": "passed"|"failed"|"indeterminate", "reason": str, "revisions": int,
//    "problems": [str], "signatures": [ { "kind": "signature"|"document-timestamp", "field": str, "role": str, "signer": str,
//    "signer_dn": str, "signing_time": str, "sub_filter": str, "digest": str, "algorithm": str,
//    "revision": int, "byte_range": [int,int,int,int], "covers_whole_file": bool,
//    "coverage": FACET, "intact": FACET, "valid": FACET, "chain": FACET, "identity": FACET,
//    "modifications": FACET, "changes_after": [str], "warnings": [str], "verdict": str, "reason": str,
//    "level": "B-B"|"B-T"|"B-LT"|"B-LTA"|"", "timestamp": FACET, "timestamp_time": str } ] }
//  FACET = { "status": "ok"|"failed"|"indeterminate"|"not-checked", "detail": str }
#pragma once

#include "core/time.hpp"

#include <botan/x509_crl.h>
#include <botan/x509cert.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace kansli::pdf {
struct Loaded;  // pdf/loaded.hpp (pdf/ is not part of verify's interface)
}  // namespace kansli::pdf

namespace kansli::verify {

enum class Verdict : std::uint8_t { Unknown = 0, Passed, Failed, Indeterminate };
enum class FacetStatus : std::uint8_t { Unknown = 0, Ok, Failed, Indeterminate, NotChecked };

struct Facet {
    FacetStatus status = FacetStatus::NotChecked;
    std::string detail;
};

struct SignatureReport {
    std::string kind = "signature";  ///< "signature" | "document-timestamp" (/SubFilter /ETSI.RFC3161)
    std::string field;               ///< fully qualified field name ("" for an orphan /Sig dictionary)
    std::string role;                ///< sekreterare | justerare | ordförande | "" (from the field name)
    std::string signer;              ///< certificate CN
    std::string signer_dn;
    std::string signing_time;  ///< /M as ISO 8601 UTC, or the raw value when unparsable
    std::string sub_filter;
    std::string digest_algorithm;
    std::string signature_algorithm;
    std::size_t revision = 0;  ///< 1-based revision the signature closes
    std::int64_t byte_range[4] = {0, 0, 0, 0};
    bool covers_whole_file = false;
    Facet coverage, intact, valid, chain, modifications;
    /// Does the certificate's CN name the person the field is for (its /TU in the signed
    /// revision, core/names.hpp)? not-checked when the field names nobody.
    Facet identity;
    std::string level;           ///< PAdES level: "B-B", "B-T", "B-LT", "B-LTA"; "" when the CMS did not verify
    Facet timestamp;             ///< the signature time-stamp (verify/timestamp.hpp); NotChecked when absent
    std::string timestamp_time;  ///< its genTime, ISO 8601 UTC, when it checked out
    std::vector<std::string> changes_after;  ///< kinds of changes by later revisions
    std::vector<std::string> warnings;
    Verdict verdict = Verdict::Unknown;
    std::string reason;
};

struct VerifyReport {
    std::string file;
    std::vector<SignatureReport> signatures;
    std::vector<std::string> problems;  ///< document-level reasons (unreadable, no signatures, ...)
    std::size_t revisions = 0;
    Verdict verdict = Verdict::Unknown;
    std::string reason;
    /// A protokollsutdrag's proof (verify/utdrag_check.hpp): ok with the statement of what it
    /// proves as detail; failed or indeterminate with the reason; not-checked when there is none.
    Facet extract_proof;
};

struct VerifyOptions {
    std::vector<Botan::X509_Certificate> trust;      ///< trust anchors; none → chain Indeterminate
    std::vector<Botan::X509_Certificate> extra;      ///< untrusted intermediates (--cert)
    std::vector<Botan::X509_Certificate> trust_tsa;  ///< TSA trust anchors (--trust-tsa); empty: `trust`
    std::vector<Botan::X509_CRL> crls;               ///< offline revocation data
    core::Instant at;                                ///< validation time (UTC seconds)
    std::size_t max_bytes = std::size_t{128} << 20;
    std::size_t max_depth = 64;              ///< lexical nesting cap of << and [
    std::size_t compare_budget = 2'000'000;  ///< object nodes compared per signature
    std::size_t threads = 0;  ///< for the signatures' CMS, chain and time-stamp checks; 0: verify_threads()
};

/// Verifies every signature of one PDF held in memory. Never throws for bad PDF content: all
/// problems end up in the report. `file` is only copied into the report. With `keep_final`, a
/// second reader of the same bytes (the archive's preflight) gets the final revision as loaded
/// (pdf/loaded.hpp), when it is the whole file, it loaded and the verification ran to its end;
/// else null. It reads `pdf`, which must outlive it unchanged; the holder only reads it.
VerifyReport verify_pdf(std::span<const std::uint8_t> pdf, const std::string& file, const VerifyOptions& options,
                        std::shared_ptr<const pdf::Loaded>* keep_final = nullptr);

const char* to_string(Verdict v);
const char* to_string(FacetStatus s);

/// Reads certificates (PEM with one or more, or DER). Throws core::Error (exit 2) on failure.
std::vector<Botan::X509_Certificate> load_certificates(const std::string& path);
/// Reads CRLs (PEM with one or more, or DER). Throws core::Error (exit 2) on failure.
std::vector<Botan::X509_CRL> load_crls(const std::string& path);

}  // namespace kansli::verify
