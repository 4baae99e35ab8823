// The § proof of a protokoll (issue 12): a Merkle tree over the protokoll's leaves (the meeting,
// then each § as laid out), hashed as in RFC 6962 / RFC 9162 §2.1 with SHA-256 and domain
// separation (leaf: 0x00 || data, node: 0x01 || left || right), and the signed attribute that
// carries its root in the CMS of every signature of the protokoll.
//
// The attribute's OID is private: 2.25.<UUID 5a60a406-f3de-4c00-9fb4-6608d75492ff as an integer>
// (ITU-T X.667), value: OCTET STRING of the 32-byte root.
//   KansliParagraphRoot ::= OCTET STRING (SIZE (32))
#pragma once

#include "core/files.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kansli::cms {

/// id-kansli-paragraph-root, 2.25.<uuid 5a60a406-f3de-4c00-9fb4-6608d75492ff>.
inline constexpr const char* kParagraphRootOid = "2.25.120132306985079343803119048589250433791";

using Hash = core::Bytes;  ///< 32 bytes (SHA-256)

/// SHA-256(0x00 || data).
[[nodiscard]] Hash merkle_leaf_hash(const std::string& data);
/// SHA-256(0x01 || left || right).
[[nodiscard]] Hash merkle_node_hash(const Hash& left, const Hash& right);

/// MTH(D[n]) of RFC 9162 §2.1.1 over leaf hashes; throws std::invalid_argument when empty.
[[nodiscard]] Hash merkle_root(const std::vector<Hash>& leaves);

/// PATH(m, D[n]) of RFC 9162 §2.1.3.1: the audit path of leaf `index` (bottom-up).
[[nodiscard]] std::vector<Hash> merkle_path(const std::vector<Hash>& leaves, std::size_t index);

/// The root an inclusion path leads to (RFC 9162 §2.1.3.2), or nullopt when the path cannot
/// belong to leaf `index` of a tree of `size` leaves (wrong length, index out of range).
[[nodiscard]] std::optional<Hash> merkle_root_from_path(std::size_t index, std::size_t size, const Hash& leaf,
                                                        const std::vector<Hash>& path);

/// The DER Attribute SEQUENCE { kParagraphRootOid, SET { OCTET STRING root } }, for
/// SignedDataInput::extra_signed_attributes. Throws std::invalid_argument when root is not 32 bytes.
[[nodiscard]] core::Bytes paragraph_root_attribute(const Hash& root);

/// The root held by the DER of one attribute value (an OCTET STRING of 32 bytes); nullopt otherwise.
[[nodiscard]] std::optional<Hash> paragraph_root_of_value(const std::vector<std::uint8_t>& value_der);

}  // namespace kansli::cms
