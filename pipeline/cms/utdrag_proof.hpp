// The proof a protokollsutdrag carries (/KANS_Data /UtdragProof, pdf/kansli_data.hpp), as DER:
//   UtdragProof ::= SEQUENCE {
//     version     INTEGER (1),
//     treeSize    INTEGER,                 -- leaves of the protokoll's § tree (meeting + every §)
//     root        OCTET STRING (SIZE (32)),
//     leaves      SEQUENCE OF Leaf,         -- leaf 0 (the meeting) first, then the extract's §§
//     signatures  SEQUENCE OF OCTET STRING  -- the DER ContentInfo of each justering signature of the
//   }                                       -- protokoll: its SignerInfo and its certificates
//   Leaf ::= SEQUENCE { index INTEGER, data OCTET STRING, path SEQUENCE OF OCTET STRING (SIZE (32)) }
// Nothing here is trusted: verify/utdrag_check.cpp proves every part of it.
#pragma once

#include "cms/merkle.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kansli::cms {

/// The first line of the leaf data (job/proof.hpp describes the leaves).
inline constexpr const char* kMeetingLeafTag = "kansli-utdrag-meeting-v1\n";
inline constexpr const char* kParagraphLeafTag = "kansli-utdrag-paragraf-v1\n";

struct ProofLeaf {
    std::uint64_t index = 0;
    std::string data;  ///< the leaf's bytes (job/proof.hpp: a header line, then the proof text)
    std::vector<Hash> path;
};

struct UtdragProof {
    std::uint64_t tree_size = 0;
    Hash root;
    std::vector<ProofLeaf> leaves;
    std::vector<core::Bytes> signatures;
};

/// Limits of decoding (beyond them decode_utdrag_proof refuses).
inline constexpr std::size_t kMaxProofLeaves = 10'000;
inline constexpr std::size_t kMaxProofPath = 64;
inline constexpr std::size_t kMaxProofSignatures = 32;

[[nodiscard]] core::Bytes encode_utdrag_proof(const UtdragProof& p);

/// Decodes strictly (DER, version 1, the limits above); nullopt with `why` set otherwise. Never throws.
[[nodiscard]] std::optional<UtdragProof> decode_utdrag_proof(const std::string& der, std::string& why);

}  // namespace kansli::cms
