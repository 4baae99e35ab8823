// The § proof of a protokoll (issue 12), computed at build and again by `kansli utdrag`.
//
// Leaves (each hashed as an RFC 6962 leaf, cms/merkle.hpp), in this order:
//   0      "kansli-utdrag-meeting-v1\n" organisation \n organ \n date \n, then one line
//          "signer:<role>:<name>" per <underskrift> in signing order
//   1..n   "kansli-utdrag-paragraf-v1\n§<number>\n" then the § as laid out: the text of every run
//          from its heading to "Paragrafen är justerad", one run per line (layout/utdrag.hpp)
// The root goes into the PDF (/KANS_Data /ProofRoot) and, by `kansli sign`, into each signature.
#pragma once

#include "cms/merkle.hpp"
#include "cms/utdrag_proof.hpp"
#include "layout/compose.hpp"
#include "model/document.hpp"

#include <string>
#include <vector>

namespace kansli::job {

using cms::kMeetingLeafTag;
using cms::kParagraphLeafTag;

struct ProtokollProof {
    std::vector<std::string> leaves;  ///< leaf data, as above
    std::vector<cms::Hash> hashes;    ///< their leaf hashes
    cms::Hash root;
};

/// Computes the proof of `p` laid out with `cx` (the same style and fonts as its PDF).
ProtokollProof compute_proof(const model::Protokoll& p, const layout::ComposeContext& cx);

/// For a protokoll: adds its proof root and its source XML (read again from doc.path) to
/// pages.kansli_data (pdf/kansli_data.hpp). Other kinds: nothing.
void add_protokoll_proof(const model::Document& doc, const layout::ComposeContext& cx, layout::PageSet& pages);

/// `kansli build --omedelbart`: the separate document of the omedelbart justerade §§ of a
/// protokoll, to be signed at the meeting by its justerare and ordförande. Throws core::Error
/// (exit 1) for another kind of document or a protokoll without such §§.
layout::PageSet compose_omedelbar(const model::Document& doc, const layout::ComposeContext& cx, core::Instant created);

/// "x.pdf" → "x.omedelbart.pdf".
std::string omedelbar_path(const std::string& pdf);

/// The leaf index of § `number`, or 0 when `p` has no such §.
std::size_t leaf_index_of(const model::Protokoll& p, int number);

}  // namespace kansli::job
