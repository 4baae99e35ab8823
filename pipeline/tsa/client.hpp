// The time-stamp client of `kansli sign --tsa URL`: one RFC 3161 request over HTTP(S) with a fresh
// nonce and certReq, the reply parsed and the token checked before anyone embeds it.
#pragma once

#include "cms/timestamp.hpp"
#include "core/files.hpp"

#include <string>

namespace kansli::tsa {

/// POSTs a time-stamp request for `imprint` to `url` (http:// or https://, timeout
/// `timeout_seconds` for connecting, sending and reading) and returns the token after
/// cms::tsp::check_token passed (status granted, imprint, nonce, TSA certificate usage, TSA
/// signature). Throws core::Error naming the URL: exit 2 when the TSA cannot be reached (I/O),
/// exit 1 when it answers anything else than a good token (HTTP error, garbage, a rejection).
///
/// The nonce is 8 random bytes, unless `nonce_from_imprint` (a reproducible run: `kansli demo`
/// with its injected time): then it is the first 8 bytes of SHA-256("kansli nonce" || imprint),
/// unique per signature value, so the same input and date give the same token bytes.
[[nodiscard]] core::Bytes request_timestamp(const std::string& url, const cms::tsp::Imprint& imprint,
                                            int timeout_seconds = 10, bool nonce_from_imprint = false);

}  // namespace kansli::tsa
