#include "job/utdrag.hpp"

#include "cms/utdrag_proof.hpp"
#include "core/files.hpp"
#include "job/utdrag_source.hpp"
#include "layout/utdrag.hpp"
#include "pdf/kansli_data.hpp"
#include "render/render.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

namespace kansli::job {
namespace {

namespace fs = std::filesystem;

/// A file name for a recipient: ASCII letters and digits, å ä → a, ö → o, é → e, others '-'.
std::string slug(const std::string& name) {
    static const std::map<std::string, char> kFold = {{"å", 'a'}, {"ä", 'a'}, {"ö", 'o'}, {"é", 'e'},
                                                      {"Å", 'a'}, {"Ä", 'a'}, {"Ö", 'o'}, {"É", 'e'}};
    std::string out;
    for (std::size_t i = 0; i < name.size();) {
        const unsigned char c = static_cast<unsigned char>(name[i]);
        char add = '-';
        std::size_t len = 1;
        if (std::isalnum(c)) {
            add = static_cast<char>(std::tolower(c));
        } else if (c >= 0x80 && i + 1 < name.size()) {
            len = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : 2;
            const auto it = kFold.find(name.substr(i, len));
            if (it != kFold.end()) add = it->second;
        }
        if (add != '-' || (!out.empty() && out.back() != '-')) out += add;
        i += len;
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out.empty() ? "mottagare" : out.substr(0, 80);
}

std::string numbers_tag(const std::vector<int>& numbers) {
    std::string out;
    for (int n : numbers) out += "-" + std::to_string(n);
    return out;
}

cms::UtdragProof proof_for(const detail::JusteratProtokoll& j, const std::vector<int>& numbers) {
    cms::UtdragProof p;
    p.tree_size = j.proof.hashes.size();
    p.root = j.proof.root;
    std::vector<std::size_t> indices{0};
    for (int n : numbers) indices.push_back(leaf_index_of(*j.protokoll, n));
    for (std::size_t i : indices) p.leaves.push_back({i, j.proof.leaves.at(i), cms::merkle_path(j.proof.hashes, i)});
    p.signatures = j.signatures;
    return p;
}

/// Lays out, renders and writes one extract.
void write_extract(const detail::JusteratProtokoll& j, const UtdragRequest& req, const std::vector<int>& numbers,
                   const std::string& recipient, const std::string& output) {
    for (int n : numbers) {
        if (leaf_index_of(*j.protokoll, n) == 0) {
            throw core::Error(core::ExitCode::Invalid, "utdrag", {}, "the protokoll has no §" + std::to_string(n),
                              "name §§ of the protokoll in --paragrafer");
        }
    }
    layout::UtdragOptions o;
    o.paragraphs = numbers;
    o.recipient = recipient;
    o.certifier = req.certifier;
    if (o.certifier.empty()) {
        for (const auto& s : j.protokoll->justering.signatories)
            if (s.role == core::SignerRole::Sekreterare) o.certifier = s.name;
    }
    core::DiagSink sink;
    layout::PageSet ps =
        layout::compose_utdrag(*j.protokoll, o, {*j.style, *j.fonts, j.hyphenator.get(), &sink, j.doc.base_dir});
    if (sink.has_errors()) throw core::Error(core::ExitCode::Invalid, sink.diagnostics());
    ps.meta.created = req.time;
    const core::Bytes proof = cms::encode_utdrag_proof(proof_for(j, numbers));
    ps.kansli_data.emplace_back(pdf::kDataUtdragProof, std::string(proof.begin(), proof.end()));
    core::InputFiles in;
    in.add(req.input, "the protokoll or its source");
    in.add(j.pdf_path, "the signed protokoll");
    in.check_output(output);
    core::write_file_atomic(output, render::render_pdf(ps));
}

/// The §§ of the extract(s) in the protokoll's order, each once: those of req.paragraphs (every
/// one must be in the protokoll, also with --per-mottagare), or when none are given every § (with
/// --per-mottagare: every § that names a recipient).
std::vector<int> chosen_paragraphs(const detail::JusteratProtokoll& j, const UtdragRequest& req) {
    const auto& pars = j.protokoll->paragraphs;
    for (int n : req.paragraphs) {
        if (std::none_of(pars.begin(), pars.end(), [n](const model::Paragraph& p) { return p.number == n; })) {
            throw core::Error(core::ExitCode::Invalid, "utdrag", core::SourceLoc{j.pdf_path, 0, 0},
                              "the protokoll has no §" + std::to_string(n),
                              pars.empty() ? std::string("name §§ of the protokoll in --paragrafer")
                                           : "its §§ are §" + std::to_string(pars.front().number) + " to §" +
                                                 std::to_string(pars.back().number));
        }
    }
    std::vector<int> chosen;
    for (const auto& par : pars) {
        const bool named = std::find(req.paragraphs.begin(), req.paragraphs.end(), par.number) != req.paragraphs.end();
        if (req.paragraphs.empty() ? (!par.recipients.empty() || req.per_recipient_dir.empty()) : named)
            chosen.push_back(par.number);
    }
    return chosen;
}

}  // namespace

UtdragResult make_utdrag(const UtdragRequest& req) {
    UtdragResult result;
    const detail::JusteratProtokoll j = detail::open_justerat(req);
    const std::vector<int> chosen = chosen_paragraphs(j, req);
    if (req.per_recipient_dir.empty()) {
        const fs::path pdf(j.pdf_path);
        std::string stem = pdf.stem().string();
        if (const auto dot = stem.find('.'); dot != std::string::npos) stem.resize(dot);
        const std::string out = req.output.empty()
                                    ? (pdf.parent_path() / (stem + ".utdrag" + numbers_tag(chosen) + ".pdf")).string()
                                    : req.output;
        write_extract(j, req, chosen, {}, out);
        result.outputs.push_back(out);
        result.recipients.emplace_back();
        return result;
    }
    // Recipients in order of first mention, each with the chosen §§ that name them.
    std::vector<std::pair<std::string, std::vector<int>>> by_recipient;
    for (const auto& par : j.protokoll->paragraphs) {
        if (std::find(chosen.begin(), chosen.end(), par.number) == chosen.end()) continue;
        for (const auto& r : par.recipients) {
            auto it =
                std::find_if(by_recipient.begin(), by_recipient.end(), [&](const auto& e) { return e.first == r; });
            if (it == by_recipient.end()) it = by_recipient.insert(by_recipient.end(), {r, {}});
            if (it->second.empty() || it->second.back() != par.number) it->second.push_back(par.number);
        }
    }
    if (by_recipient.empty()) {
        throw core::Error(core::ExitCode::Invalid, "utdrag", {}, "none of the chosen §§ names a recipient",
                          "add <expedieras-till><mottagare>…</mottagare></expedieras-till> to the §§ in the source");
    }
    std::error_code ec;
    fs::create_directories(req.per_recipient_dir, ec);
    if (ec) core::throw_io(req.per_recipient_dir, "cannot create the folder: " + ec.message());
    std::map<std::string, int> used;
    for (const auto& [recipient, numbers] : by_recipient) {
        std::string name = slug(recipient);
        if (++used[name] > 1) name += "-" + std::to_string(used[name]);
        const std::string out = (fs::path(req.per_recipient_dir) / ("utdrag-" + name + ".pdf")).string();
        write_extract(j, req, numbers, recipient, out);
        result.outputs.push_back(out);
        result.recipients.push_back(recipient);
    }
    return result;
}

}  // namespace kansli::job
