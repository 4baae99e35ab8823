// INTERNAL to sign/: the document's skeleton out of object streams, in the first signature's
// update.
//
// Each later revision, and every verifier that compares a signed revision with the final one,
// reads the objects a signature changes or walks past: the catalog, the page tree and its pages,
// the form fields and their widgets, /Info. A document written with object streams (render/ writes
// them: the structure tree is hundreds of small objects) keeps those in the same object stream as
// fonts and structure elements, and a reader can only get one object out of an object stream by
// parsing all of it, once for each revision it loads. The first signature's update therefore
// also rewrites the skeleton objects that sit in object streams as plain objects (the same values,
// same numbers): every later revision then reads them one by one. Only on a document without a
// signature: in a later update, a rewritten object that an earlier signature's object-level rule
// does not allow to change (a text field that is no ANSLAG field, the outline or structure root)
// would be reported as a change after that signature.
#pragma once

#include "sign/serialize.hpp"

#include <cstddef>

namespace kansli::sign::detail {

/// At most this many skeleton objects are rewritten; a larger skeleton (a long document) stays in
/// its object streams, as before: the update must not grow with the page count.
inline constexpr std::size_t kMaxSkeleton = 256;

/// Marks in `changed` the objects of the skeleton of `q` that sit in object streams: the catalog,
/// /Info, the roots of /Outlines and /StructTreeRoot, the page tree nodes and pages with their
/// indirect /Annots arrays, and the form fields of /AcroForm /Fields with their /Kids. Nothing
/// when the skeleton has more than kMaxSkeleton objects or no object of it is in an object
/// stream. The caller makes sure the document has no signature yet. Returns how many it marked.
std::size_t unpack_skeleton(QPDF& q, ChangedObjects& changed);

}  // namespace kansli::sign::detail
