// INTERNAL to portal/: verification for the registrar and the API, and the printable page.
#pragma once

#include "portal/context.hpp"
#include "verify/verify.hpp"

#include <cstdint>
#include <string>

namespace kansli::portal {

/// verify::verify_pdf with the portal's trust anchors and CRLs (loaded once), at the clock's now.
verify::VerifyReport verify_upload(Portal& p, const std::string& pdf, const std::string& name);
std::string pdf_sha256(const std::string& pdf);
/// A printable A4 verification page (PDF bytes): file, document SHA-256, time of the check, the
/// verdict, and per signature: signer, role, time, level, verdict.
std::string verification_pdf(const verify::VerifyReport& report, const std::string& sha256,
                             const std::string& checked_at);

}  // namespace kansli::portal
