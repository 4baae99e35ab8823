// INTERNAL to sign/: a minimal integrity check of the signatures already in a PDF, run before a
// new one is added. It checks each /ByteRange (shape, bounds, the hole is exactly the hex
// /Contents) and that the SHA-256 of the ranges equals the CMS messageDigest attribute. It does
// not check the CMS signature value or the chain: that is verify/'s job.
#pragma once

#include "core/files.hpp"
#include "sign/fields.hpp"

#include <string>
#include <vector>

namespace kansli::sign::detail {

/// Problems with the existing signatures, one message per broken signature; empty = all intact.
std::vector<std::string> check_existing_signatures(PoDoFo::PdfMemDocument& doc, const core::Bytes& pdf,
                                                   const std::vector<SigField>& fields);

/// The messageDigest attribute of the single SignerInfo of a DER CMS ContentInfo (trailing zero
/// padding allowed); empty when it cannot be found. Never throws.
core::Bytes cms_message_digest(const core::Bytes& cms);

}  // namespace kansli::sign::detail
