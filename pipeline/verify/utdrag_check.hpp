// The proof of a protokollsutdrag (issue 12): what `kansli verify` checks beside the
// certifier's own signature, with no need for the protokoll itself.
//
//  1. The proof (/KANS_Data /UtdragProof, cms/utdrag_proof.hpp) decodes strictly.
//  2. Every carried leaf (the meeting, then each §) leads by its inclusion path to the root
//     (RFC 9162 §2.1.3.2, cms/merkle.hpp).
//  3. Every carried justering signature (CMS with its certificates) verifies over its signed
//     attributes (Botan's PK_Verifier, cms/decode with content_absent), signs that very root in the
//     attribute 2.25.<uuid>, its signer's chain validates (verify/chain.hpp, Botan's PKIX) and its
//     signer is a signer the meeting leaf names; every signer it names has such a signature. The
//     report names them in the order of the carried signatures, which `kansli utdrag` puts in
//     signing order (the order of the revisions they close in the protokoll, job/utdrag_source).
//  4. What a reader sees: the text each page shows (pdf/page_text.hpp, through the fonts'
//     ToUnicode; white space ignored) holds the meeting's organisation, organ and date on page 1 and
//     each § as laid out, in order, contiguous on each page it spans.
// Threat model and limits: README (from /work/notes/utd-readme.md).
#pragma once

#include "verify/verify.hpp"

#include <cstdint>
#include <qpdf/QPDF.hh>
#include <span>

namespace kansli::verify {

/// Sets rep.extract_proof (not-checked when `pdf` carries no extract proof) and lowers
/// rep.verdict (and its reason) when the proof fails or is indeterminate. Never throws.
/// `opened`, when not null, is `pdf` already loaded exactly as pdf::open(pdf, default_limits())
/// loads it (the same bytes, recovery off, the same pre-scan, object-stream and page-tree checks
/// under the same limits, and at least one page): when its catalog names no /KANS_Data
/// /UtdragProof stream, the answer is not-checked without opening the file a second time.
void check_extract_proof(std::span<const std::uint8_t> pdf, const VerifyOptions& options, VerifyReport& rep,
                         QPDF* opened = nullptr);

}  // namespace kansli::verify
