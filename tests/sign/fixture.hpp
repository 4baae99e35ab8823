// Test fixture: unsigned PDFs with empty signature fields, as render/ will write them, plus
// helpers shared by the sign tests (demo keys, outside tools).
#pragma once

#include "core/files.hpp"
#include "sign/identity.hpp"

#include <string>
#include <vector>

namespace kansli::test {

struct FixtureField {
    std::string name;     ///< /T, e.g. "Sekreterare", "Justerare", "Ordförande", "Part Region"
    std::string tooltip;  ///< /TU as render/ writes it: "Justerare: Björn Sandal"
    double x = 0, y = 0, w = 0, h = 0;
};

/// A one-page A4 PDF (1.7, classic xref) with some text and the given empty signature fields
/// (/FT /Sig, no /V) and, when `order` is not empty, a catalog /KANS_SigningOrder.
core::Bytes make_pdf(const std::vector<FixtureField>& fields, const std::vector<std::string>& order);

/// The protokoll fixture: Sekreterare, Justerare, Ordförande in that order.
core::Bytes protokoll_pdf();

/// Loads keys/demo/<who>.key.pem and .cert.pem with the demo passphrase.
sign::Identity demo_identity(const std::string& who);

/// Writes bytes to a file (tests only).
void write(const std::string& path, const core::Bytes& bytes);

}  // namespace kansli::test
