// The signature fields of a form: the field tree under /AcroForm /Fields (with inherited /FT),
// and the signer role a field's name names.
#pragma once

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <string>
#include <vector>

namespace kansli::verify {

/// One signed signature field: its fully qualified name and its /V (not yet checked to be a
/// signature dictionary).
struct SignatureField {
    std::string name;
    QPDFObjectHandle value;
};

/// Every signature field of `pdf` that has a /V, in field-tree order (depth first), at most about
/// 1000. Fields reached twice are visited once; a tree deeper than 32 levels is cut there and
/// noted in `problems`. qpdf exceptions propagate.
std::vector<SignatureField> find_signature_fields(QPDF& pdf, std::vector<std::string>& problems);

/// True when `field` is a signature field: its /FT, or the nearest inherited one up the /Parent
/// chain (at most 32 levels), is /Sig.
bool is_sig_field(QPDFObjectHandle field);

/// "sekreterare", "justerare" or "ordförande" when the field name contains it (ASCII case
/// folded; "ordforande" too), otherwise "".
std::string role_of(const std::string& field);

}  // namespace kansli::verify
