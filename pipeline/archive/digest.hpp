// SHA-256 (Botan) as lower-case hex, and the package identifiers derived from it.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace kansli::archive {

/// SHA-256 of `data`, 64 lower-case hex digits.
std::string sha256_hex(std::span<const std::uint8_t> data);
std::string sha256_hex(std::string_view data);

/// "uuid-xxxxxxxx-xxxx-8xxx-yxxx-xxxxxxxxxxxx": an RFC 9562 version 8 (custom) UUID made of the
/// first 16 bytes of `sha256` (hex), so a document's package is named by its content.
std::string objid_from_sha256(const std::string& sha256);

/// 1..n: the shard of a document whose identity is `identity_hex` (its first 16 hex digits mod n).
unsigned shard_of(const std::string& identity_hex, unsigned n);

}  // namespace kansli::archive
