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
    QPDFObjGen field;  ///< the field dictionary (0 0 when direct)
};

/// Every signature field of `pdf` that has a /V, in field-tree order (depth first), at most about
/// 1000. Fields reached twice are visited once; a tree deeper than 32 levels is cut there and
/// noted in `problems`. qpdf exceptions propagate.
std::vector<SignatureField> find_signature_fields(QPDF& pdf, std::vector<std::string>& problems);

/// True when `field` is a signature field: its /FT, or the nearest inherited one up the /Parent
/// chain (at most 32 levels), is /Sig.
bool is_sig_field(QPDFObjectHandle field);

/// The person a signature field is meant for: kansli build writes /TU "<field>: <name>"
/// (render/annotations.cpp). Read from `field` in the revision `pdf`; "" when the field names
/// nobody (a foreign PDF, an older kansli).
std::string expected_signer(QPDF& pdf, QPDFObjGen field, const std::string& field_name);

/// "sekreterare", "justerare" or "ordförande" when the field name contains it (ASCII case
/// folded; "ordforande" too), otherwise "".
std::string role_of(const std::string& field);

}  // namespace kansli::verify
