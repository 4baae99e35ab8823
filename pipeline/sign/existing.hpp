// INTERNAL to sign/: an integrity check of the signatures already in a PDF, run before a new one
// is added. It checks each /ByteRange (shape, bounds, the hole is exactly the hex /Contents) and
// the CMS with cms::verify_detached (message digest over the ranges, ESS certificate hash for
// ETSI.CAdES.detached, the signature value). It does not check the chain, revocation or the
// changes between revisions: that is verify/'s job.
#pragma once

#include "core/files.hpp"
#include "sign/fields.hpp"

#include <string>
#include <vector>

namespace kansli::sign::detail {

/// Problems with the existing signatures, one message per broken signature; empty = all intact.
std::vector<std::string> check_existing_signatures(const core::Bytes& pdf, const std::vector<SigField>& fields);

}  // namespace kansli::sign::detail
