#include "archive/examine.hpp"

#include "archive/digest.hpp"
#include "core/files.hpp"
#include "archive/rebuild.hpp"
#include "render/metadata.hpp"
#include "verify/pdfdate.hpp"
#include "verify/report.hpp"

#include <filesystem>

namespace kansli::archive {

namespace fs = std::filesystem;

namespace {

std::string_view as_text(const core::Bytes& b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

/// The text between `open` and `close` at their first occurrence in `s`, or "".
std::string between(std::string_view s, std::string_view open, std::string_view close) {
    const auto a = s.find(open);
    if (a == std::string_view::npos) return {};
    const auto b = s.find(close, a + open.size());
    if (b == std::string_view::npos || b - a > 512) return {};
    return std::string(s.substr(a + open.size(), b - a - open.size()));
}

/// The first element of the last trailer /ID (kept by every incremental update: the document
/// across its versions), as lower-case hex; "" when there is none. A byte scan: it only groups
/// versions, it decides nothing about trust.
std::string trailer_id(std::string_view pdf) {
    for (auto p = pdf.rfind("/ID"); p != std::string_view::npos && p > 0; p = pdf.rfind("/ID", p - 1)) {
        auto q = p + 3;
        while (q < pdf.size() && (pdf[q] == ' ' || pdf[q] == '\n' || pdf[q] == '\r' || pdf[q] == '[')) ++q;
        if (q >= pdf.size() || pdf[q] != '<') continue;
        std::string hex;
        for (++q; q < pdf.size() && pdf[q] != '>' && hex.size() < 64; ++q) {
            const char c = pdf[q];
            if (std::isxdigit(static_cast<unsigned char>(c))) hex += static_cast<char>(std::tolower(c));
        }
        if (hex.size() >= 16) return hex;
    }
    return {};
}

std::string blocks_text(const model::Blocks& blocks) {
    std::string out;
    for (const auto& b : blocks) {
        std::string t = model::plain_text(b.inlines);
        for (const auto& item : b.items) t += " " + blocks_text(item.blocks);
        for (const auto& row : b.rows) {
            for (const auto& cell : row.cells) t += " " + blocks_text(cell.blocks);
        }
        if (!t.empty()) out += (out.empty() ? "" : " ") + t;
    }
    return out;
}

void describe(Record& rec, const model::Document& doc) {
    const model::Header* h = nullptr;
    if (const auto* p = std::get_if<model::Protokoll>(&doc.body)) {
        rec.kind = "protokoll";
        h = &p->header;
        for (const auto& para : p->paragraphs) {
            std::string text = blocks_text(para.summary);
            for (const auto* b : {&para.proposal, &para.proposition, &para.decision}) {
                const std::string t = blocks_text(*b);
                if (!t.empty()) text += (text.empty() ? "" : " ") + t;
            }
            for (const auto& m : para.motions) text += " " + blocks_text(m.text);
            rec.paragraphs.push_back({para.number, para.title, text});
        }
    } else if (const auto* k = std::get_if<model::Kallelse>(&doc.body)) {
        rec.kind = "kallelse";
        h = &k->header;
    } else if (const auto* a = std::get_if<model::Avtal>(&doc.body)) {
        rec.kind = "avtal";
        h = &a->header;
    }
    if (h) {
        rec.organisation = h->organisation;
        rec.organ = h->organ;
        rec.date = core::format_date(h->date);
    }
    model::for_each_file(
        doc, [&](model::FileKind, const std::string& path, const core::SourceLoc&) { rec.handlingar.push_back(path); });
}

/// Rebuilds the source with the build date stored in the PDF and compares it with the first
/// revision. Sets rec.rebuild and its detail. `doc` is the source as loaded for describe() (not
/// loaded again by the build).
void rebuild(Record& rec, const std::string& home, const source::SchemaSet& schemas, const model::Document& doc) {
    const std::string_view pdf = as_text(rec.pdf);
    const std::string producer = between(pdf, "<pdf:Producer>", "</pdf:Producer>");
    rec.built_at = between(pdf, "<xmp:CreateDate>", "</xmp:CreateDate>");
    if (producer != render::producer()) {
        rec.rebuild = Rebuild::NotMade;
        rec.rebuild_detail = "the PDF was made by \"" + producer + "\", this is " + render::producer();
        return;
    }
    const auto when = core::parse_instant(rec.built_at);
    if (!when) {
        rec.rebuild = Rebuild::NotMade;
        rec.rebuild_detail = "the PDF holds no readable build date (xmp:CreateDate)";
        return;
    }
    core::Bytes built;
    try {
        built = build_bytes(rec.source_path, home, *when, schemas, &doc);
    } catch (const core::Error& e) {
        const auto& d = e.diagnostics();
        const std::string why = d.empty() ? std::string(e.what()) : d.front().message;
        if (e.code() == core::ExitCode::Invalid) {
            rec.rebuild = Rebuild::Differs;
            rec.rebuild_detail = "the source does not build: " + why;
        } else {
            rec.rebuild = Rebuild::NotMade;  // fonts, style or files this machine lacks
            rec.rebuild_detail = "cannot build here: " + why;
        }
        return;
    }
    const bool prefix = built.size() <= rec.pdf.size() && std::equal(built.begin(), built.end(), rec.pdf.begin());
    const bool revision_end = prefix && (built.size() == rec.pdf.size() || as_text(built).ends_with("%%EOF\n"));
    rec.rebuild = prefix && revision_end ? Rebuild::Identical : Rebuild::Differs;
    rec.rebuild_detail = rec.rebuild == Rebuild::Identical
                             ? "the source rebuilt at " + rec.built_at + " is byte for byte the first revision (" +
                                   std::to_string(built.size()) + " bytes)"
                             : "the source rebuilt at " + rec.built_at + " differs from the first revision";
}

}  // namespace

std::string source_beside(const std::string& pdf_path) {
    fs::path p(pdf_path);
    std::string stem = p.stem().string();
    if (stem.ends_with(".signerad")) stem.resize(stem.size() - 9);
    const fs::path xml = p.parent_path() / (stem + ".xml");
    std::error_code ec;
    return fs::is_regular_file(xml, ec) ? xml.string() : std::string();
}

void examine(Record& rec, const ExamineConfig& cfg) {
    if (rec.sha256.empty()) {  // the caller may have read and hashed it already (one read each)
        rec.pdf = core::read_file(rec.pdf_path, cfg.verify.max_bytes);
        rec.sha256 = sha256_hex(rec.pdf);
        rec.objid = objid_from_sha256(rec.sha256);
    }
    rec.doc_id = trailer_id(as_text(rec.pdf));
    if (rec.doc_id.empty()) rec.doc_id = rec.sha256;
    // The preflight reads the final revision verify loaded (when it is the file); dropped after it.
    struct Drop {
        Record& r;
        ~Drop() { r.verified_pdf.reset(); }
    } drop{rec};
    rec.report = verify::verify_pdf(rec.pdf, rec.pdf_path, cfg.verify, cfg.preflight ? &rec.verified_pdf : nullptr);
    rec.report_text = verify::to_text(rec.report);
    rec.report_json = verify::to_json({rec.report});
    for (const auto& s : rec.report.signatures) {
        rec.signatures.push_back({s.signer, s.role, s.field, s.signing_time, s.level, verify::to_string(s.verdict)});
    }
    if (rec.report.verdict != verify::Verdict::Passed) {
        rec.failure = std::string("verification ") + verify::to_string(rec.report.verdict) + ": " + rec.report.reason;
    }
    rec.source_path = source_beside(rec.pdf_path);
    if (!rec.source_path.empty()) {
        rec.source = core::read_file(rec.source_path, std::size_t{16} << 20);
        core::DiagSink sink;
        const source::SchemaSet& schemas = thread_schemas(cfg.home);                        // one key check for both
        const auto doc = load_source(as_text(rec.source), rec.source_path, schemas, sink);  // read once
        if (doc) {
            describe(rec, *doc);
            rebuild(rec, cfg.home, schemas, *doc);
        } else {
            rec.rebuild = Rebuild::Differs;
            const auto& d = sink.diagnostics();
            rec.rebuild_detail = "the source is not valid: " + (d.empty() ? std::string("?") : d.front().message);
        }
        if (rec.rebuild == Rebuild::Differs && rec.failure.empty()) rec.failure = "rebuild: " + rec.rebuild_detail;
    }
    if (rec.failure.empty() && cfg.preflight) rec.failure = cfg.preflight(rec);
    rec.verified_pdf.reset();  // before the LTA step may replace rec.pdf, whose buffer it reads
    if (rec.failure.empty() && cfg.lta) {
        rec.failure = cfg.lta(rec);  // may replace rec.pdf: the renewed bytes are the version archived
        rec.sha256 = sha256_hex(rec.pdf);
        rec.objid = objid_from_sha256(rec.sha256);
    }
    rec.accepted = rec.failure.empty();
}

}  // namespace kansli::archive
