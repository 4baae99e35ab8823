// The one change `kansli anslag` makes after the justering: the two ANSLAG/BEVIS date fields of a
// protokoll (core/anslag_fields.hpp) filled ("ANSLAG dates filled", ChangeKind::AnslagDates).
#pragma once

#include "verify/changes.hpp"

#include <qpdf/QPDFObjectHandle.hh>

#include <optional>
#include <string>
#include <vector>

namespace kansli::verify {

/// True when dictionary `o`'s `key` is the name `value` ("/Subtype", "/Widget").
inline bool name_is(QPDFObjectHandle o, const char* key, const char* value) {
    QPDFObjectHandle v = o.getKey(key);
    return v.isName() && v.getName() == value;
}

/// A text field (/FT /Tx) with its widget merged, named as an ANSLAG date field.
bool is_anslag_field(QPDFObjectHandle o);

/// When `b` is `a` (an ANSLAG field with no or an empty /V) filled with a date "YYYY-MM-DD" and a
/// form XObject appearance /AP /N of at most the widget's size: "<name> = <date>". Otherwise
/// nullopt. Keys other than /V and /AP are the caller's to compare.
std::optional<std::string> anslag_fill(QPDFObjectHandle a, QPDFObjectHandle b);

/// True when one of `signatures` is verified and closes a revision in which every field of the
/// signing order (/KANS_SigningOrder) is signed and both ANSLAG fields are still empty: the fill
/// came after the justering. Never throws (false on any error).
bool anslag_filled_after_justering(const std::vector<SignedRevision>& signatures);

}  // namespace kansli::verify
