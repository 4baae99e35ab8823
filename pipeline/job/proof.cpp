#include "job/proof.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "layout/utdrag.hpp"
#include "pdf/kansli_data.hpp"

namespace kansli::job {

ProtokollProof compute_proof(const model::Protokoll& p, const layout::ComposeContext& cx) {
    ProtokollProof out;
    std::string meeting = kMeetingLeafTag + layout::meeting_proof_text(p, cx.style);
    for (const auto& sig : p.justering.signatories) {
        meeting += std::string("signer:") + core::role_name(sig.role) + ":" + sig.name + "\n";
    }
    out.leaves.push_back(std::move(meeting));
    const std::vector<std::string> texts = layout::paragraph_proof_texts(p, cx);
    for (std::size_t i = 0; i < p.paragraphs.size(); ++i) {
        out.leaves.push_back(kParagraphLeafTag + ("§" + std::to_string(p.paragraphs[i].number)) + "\n" + texts[i]);
    }
    for (const auto& leaf : out.leaves) out.hashes.push_back(cms::merkle_leaf_hash(leaf));
    out.root = cms::merkle_root(out.hashes);
    return out;
}

void add_protokoll_proof(const model::Document& doc, const layout::ComposeContext& cx, layout::PageSet& pages) {
    const auto* p = std::get_if<model::Protokoll>(&doc.body);
    if (!p) return;
    const ProtokollProof proof = compute_proof(*p, cx);
    const core::Bytes source = core::read_file(doc.path, std::size_t{16} << 20);
    pages.kansli_data.emplace_back(pdf::kDataProofRoot, std::string(proof.root.begin(), proof.root.end()));
    pages.kansli_data.emplace_back(pdf::kDataSource, std::string(source.begin(), source.end()));
}

layout::PageSet compose_omedelbar(const model::Document& doc, const layout::ComposeContext& cx, core::Instant created) {
    const auto* p = std::get_if<model::Protokoll>(&doc.body);
    if (!p) {
        throw core::Error(
            core::ExitCode::Invalid, "build", core::SourceLoc{doc.path, 0, 0},
            "--omedelbart makes the document of a protokoll's omedelbart justerade §§, and this is no protokoll");
    }
    layout::UtdragOptions o;
    o.paragraphs = layout::omedelbart_justerade(*p);
    o.omedelbar = true;
    if (o.paragraphs.empty()) {
        throw core::Error(core::ExitCode::Invalid, "build", core::SourceLoc{doc.path, 0, 0},
                          "the protokoll has no § marked justering=\"omedelbart-justerad\"",
                          "mark the §§ justerade at the meeting, or build without --omedelbart");
    }
    layout::PageSet ps = layout::compose_utdrag(*p, o, cx);
    ps.meta.created = created;
    return ps;
}

std::string omedelbar_path(const std::string& pdf) {
    const auto dot = pdf.rfind(".pdf");
    return (dot == std::string::npos ? pdf : pdf.substr(0, dot)) + ".omedelbart.pdf";
}

std::size_t leaf_index_of(const model::Protokoll& p, int number) {
    for (std::size_t i = 0; i < p.paragraphs.size(); ++i)
        if (p.paragraphs[i].number == number) return i + 1;
    return 0;
}

}  // namespace kansli::job
