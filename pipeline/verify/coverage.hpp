// Coverage of one signature, checked on raw bytes: /ByteRange [0 a b c] must end at a revision
// end, and its gap [a, b) must be exactly the /Contents hex string of THIS signature dictionary,
// found at its xref offset in that revision and not redefined later (defeats signature wrapping).
#pragma once

#include "verify/revisions.hpp"
#include "verify/scan.hpp"
#include "verify/verify.hpp"

#include <qpdf/QPDFObjectHandle.hh>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace kansli::verify {

/// What a signature whose coverage passed signs: the CMS bytes from /Contents, the end of the
/// revision it closes (offset in the file, and 1-based number) and that revision loaded.
struct Covered {
    std::vector<std::uint8_t> cms;
    std::size_t end = 0;
    std::size_t revision = 0;
    QPDF* pdf = nullptr;  ///< owned by the Revisions given to check_coverage()
    QPDFObjGen dict;      ///< the signature dictionary
};

/// Checks the signature dictionary `sig` (a field's /V) of the file `pdf`, whose revisions end at
/// `marks` and are loaded by `revisions`; `max_depth` caps the nesting the strict tokenizer reads.
/// Fills r.signing_time (from /M), r.sub_filter, r.byte_range, r.revision, r.covers_whole_file and
/// r.coverage (Failed with the reason, or Ok). Returns what the signature covers when r.coverage
/// is Ok, else nullopt. qpdf exceptions propagate (the caller makes them a coverage failure).
std::optional<Covered> check_coverage(const QPDFObjectHandle& sig, std::span<const std::uint8_t> pdf,
                                      const std::vector<EofMark>& marks, Revisions& revisions, std::size_t max_depth,
                                      SignatureReport& r);

}  // namespace kansli::verify
