// INTERNAL to sign/: an integrity check of the signatures already in a PDF, run before a new one
// is added. It checks each /ByteRange (shape, bounds, the hole is exactly the hex /Contents) and
// the CMS with cms::verify_detached (message digest over the ranges, ESS certificate hash for
// ETSI.CAdES.detached, the signature value). It does not check the chain, revocation or the
// changes between revisions: that is verify/'s job.
#pragma once

#include "core/files.hpp"
#include "sign/fields.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kansli::sign::detail {

/// /ByteRange [0 a b c] of a signature dictionary.
using ByteRange = std::array<std::int64_t, 4>;

/// The /ByteRange of the signature dictionary `v` when it has four non-negative numbers, lies in
/// `pdf` and its hole [a, b) is exactly the hex-string /Contents of `v`; else nullopt and `why`.
std::optional<ByteRange> checked_byte_range(const core::Bytes& pdf, OH v, std::string& why);

/// SHA-256 of pdf[0, hole_begin) and pdf[hole_end, end): what a signature with that hole signs.
core::Bytes range_digest(const core::Bytes& pdf, std::size_t hole_begin, std::size_t hole_end);

/// True when the /Contents of the signature dictionary `v` is all zero bytes: the field was
/// prepared (kansli sign --prepare) and is waiting for its external signature.
bool is_prepared(OH v);

/// Problems with the existing signatures, one message per broken signature; empty = all intact.
std::vector<std::string> check_existing_signatures(const core::Bytes& pdf, const std::vector<SigField>& fields);

}  // namespace kansli::sign::detail
