// kansli's own data in a PDF it built: the catalog's /KANS_Data dictionary, each entry a stream
// (written by render/ from layout::PageSet::kansli_data).
//   /ProofRoot    protokoll: the 32-byte Merkle root of its § proof (cms/merkle.hpp), which
//                 `kansli sign` puts into the signed attributes of every signature
//   /Source       protokoll: its source XML, so that `kansli utdrag SIGNED.pdf` needs nothing else
//   /UtdragProof  protokollsutdrag: the proof it carries (job/utdrag_proof.hpp, DER)
#pragma once

#include "pdf/reader.hpp"

#include <optional>
#include <string>

namespace kansli::pdf {

inline constexpr const char* kDataProofRoot = "ProofRoot";
inline constexpr const char* kDataSource = "Source";
inline constexpr const char* kDataUtdragProof = "UtdragProof";

/// The decoded stream /KANS_Data /<name> of the catalog, or nullopt when there is none (or it is
/// not a stream). Reads under `limits`; throws Refused beyond them.
std::optional<std::string> kansli_data(QPDF& doc, const std::string& name, const Limits& limits, Usage& used);

}  // namespace kansli::pdf
