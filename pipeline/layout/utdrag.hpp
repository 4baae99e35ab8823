// A protokollsutdrag (issue 12): chosen §§ of a protokoll laid out exactly as in the protokoll,
// under the protokoll's header and the meeting's data, with a signature field for the
// Utdragsbestyrkande. Also the "proof text" of each §: its text as laid out, which the § proof
// (cms/merkle.hpp) hashes and `kansli verify` finds again on the extract's pages.
#pragma once

#include "layout/blocks.hpp"
#include "layout/compose.hpp"

#include <string>
#include <vector>

namespace kansli::layout {

/// The field name and role of the certifier's signature slot.
inline constexpr const char* kUtdragField = "Utdragsbestyrkande";

struct UtdragOptions {
    std::vector<int> paragraphs;  ///< § numbers, each in the protokoll
    std::string certifier;        ///< the name under the Utdragsbestyrkande line (normally the sekreterare)
    std::string recipient;        ///< the one recipient this copy is for ("" = none named)
    /// The separate document of the omedelbart justerade §§ (`kansli build --omedelbart`): signed
    /// at the meeting by the justerare and the ordförande of <underskrifter> instead of a certifier.
    bool omedelbar = false;
};

/// Lays out the extract. Throws core::Error (exit 1) for a § number the protokoll does not have.
PageSet compose_utdrag(const model::Protokoll& p, const UtdragOptions& o, const ComposeContext& cx);

/// The proof text of each § of `p`, in document order: the text of every run the § lays out to
/// (heading to "Paragrafen är justerad"), one run per line, as the protokoll and an extract draw it.
std::vector<std::string> paragraph_proof_texts(const model::Protokoll& p, const ComposeContext& cx);

/// The proof text of the meeting (leaf 0): organisation, organ and date, one per line, as the
/// running header of the protokoll and of an extract prints them.
std::string meeting_proof_text(const model::Protokoll& p, const Style& s);

/// The § numbers of `p` marked justering="omedelbart-justerad", in document order.
std::vector<int> omedelbart_justerade(const model::Protokoll& p);

/// Page 1 of the full protokoll: the row naming the omedelbart justerade §§ and the separate
/// document they were justerade in (nothing when there are none).
void omedelbar_reference(FlowBuilder& fb, const model::Protokoll& p, const Style& s);

// Shared with compose_protokoll.cpp (defined there).
void protokoll_paragraph(FlowBuilder& fb, const model::Protokoll& p, const model::Paragraph& par, const Style& s);
std::string describe_person(const model::Person& p, const Style& s);

}  // namespace kansli::layout
