#include "verify/verify.hpp"

#include "core/names.hpp"

#include "verify/chain.hpp"
#include "verify/anslag.hpp"
#include "verify/changes.hpp"
#include "verify/compare.hpp"
#include "verify/cmscheck.hpp"
#include "verify/coverage.hpp"
#include "verify/dss.hpp"
#include "verify/parallel.hpp"
#include "verify/revisions.hpp"
#include "verify/scan.hpp"
#include "verify/sigfields.hpp"
#include "verify/timestamp.hpp"
#include "verify/utdrag_check.hpp"
#include "verify/xref.hpp"
#include "pdf/loaded.hpp"
#include "pdf/reader.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

namespace kansli::verify {
namespace {

using OH = QPDFObjectHandle;
using Span = std::span<const std::uint8_t>;

class Verifier {
public:
    Verifier(Span pdf, const VerifyOptions& opt)
        : m_pdf(pdf), m_opt(opt), m_chain(opt), m_timestamps(opt, m_chain.keys()) {}

    /// Checks the file and every signature into `rep`; qpdf and Botan exceptions that escape the
    /// per-signature checks propagate (verify_pdf() makes them a document problem).
    void run(VerifyReport& rep) {
        if (m_pdf.size() > m_opt.max_bytes) return problem(rep, "file larger than the limit");
        if (m_pdf.size() < 8 || std::string_view(reinterpret_cast<const char*>(m_pdf.data()), 5) != "%PDF-") {
            return problem(rep, "not a PDF file (no %PDF- header)");
        }
        // The shared hardened reader's pre-scan (nesting, container sizes, objects, xref streams);
        // Revisions applies its checks on each loaded revision.
        try {
            pdf::check_bytes(m_pdf, limits(), m_used);
        } catch (const pdf::Refused& e) {
            if (e.kind() == pdf::Refusal::Nesting) {
                return problem(rep,
                               "nesting of dictionaries and arrays deeper than " + std::to_string(m_opt.max_depth));
            }
            return problem(rep, std::string("the PDF is refused: ") + e.what());
        }
        m_marks = find_eof_marks(m_pdf);
        if (m_marks.empty()) return problem(rep, "no %%EOF marker: the file is truncated or not a PDF");
        m_end = m_marks.back().after_eol;
        for (std::size_t i = m_end; i < m_pdf.size(); ++i) {
            const auto c = m_pdf[i];
            if (c != 0 && c != ' ' && c != '\r' && c != '\n' && c != '\t') {
                return problem(rep, "bytes after the last %%EOF do not form a revision (truncated or appended data)");
            }
        }
        rep.revisions = m_marks.size();
        if (auto bad = check_xref_tables(m_pdf.first(m_end), m_marks)) return problem(rep, *bad);
        std::string err;
        m_revisions.emplace(m_pdf, m_end, limits(), m_used);
        if (!m_revisions->load_final(err)) return problem(rep, "the PDF does not load: " + err);
        m_final_loaded = true;
        QPDF& final_pdf = m_revisions->final_pdf();

        const std::vector<SignatureField> sigs = find_signature_fields(final_pdf, rep.problems);
        std::set<QPDFObjGen> referenced;
        m_dss_crls = dss_crls(final_pdf);
        m_extra = m_opt.extra;
        for (auto& c : dss_certs(final_pdf)) m_extra.push_back(std::move(c));
        m_timestamps.set_validation_data(dss_certs(final_pdf), m_dss_crls);
        for (const auto& s : sigs) {
            if (s.value.isIndirect()) referenced.insert(s.value.getObjGen());
            m_pending.emplace_back();
            rep.signatures.push_back(check_signature(s));
        }
        // The CMS, chain and time-stamp checks: independent per signature, on a few threads.
        check_all_cms(m_pdf, m_cms, m_chain, m_dss_crls, m_extra, rep.signatures, &m_timestamps,
                      verify_threads(m_opt.threads, m_cms.size()));
        for (const auto& c : m_cms) {
            if (c.threw) m_pending[c.index] = {};
        }
        apply_document_timestamps(rep.signatures);  // B-LTA
        // Changes after each signature, once every signature's own bytes are checked: a later
        // revision may draw a signature widget only when it verifiably signs that field.
        std::vector<SignedRevision> signed_revisions;
        for (std::size_t i = 0; i < rep.signatures.size(); ++i) {
            const auto& r = rep.signatures[i];
            if (m_pending[i].pdf == nullptr) continue;
            const bool verified = r.coverage.status == FacetStatus::Ok && r.intact.status == FacetStatus::Ok &&
                                  r.valid.status == FacetStatus::Ok;
            signed_revisions.push_back({m_pending[i].dict, r.revision, m_pending[i].pdf, verified});
        }
        for (std::size_t i = 0; i < rep.signatures.size(); ++i) {
            auto& r = rep.signatures[i];
            if (m_pending[i].pdf != nullptr) modifications(*m_pending[i].pdf, r, signed_revisions);
            identity(m_pending[i].pdf != nullptr ? *m_pending[i].pdf : m_revisions->final_pdf(), sigs[i], r);
            decide(r);
        }
        // Report in signing order (the revision each signature closes), not the form's field
        // order; signatures whose revision is unknown (failed coverage) come last.
        std::stable_sort(rep.signatures.begin(), rep.signatures.end(), [](const auto& a, const auto& b) {
            const auto key = [](const SignatureReport& r) { return r.revision == 0 ? SIZE_MAX : r.revision; };
            return key(a) < key(b);
        });
        orphans(rep, referenced);
    }

    /// The final revision when it is the document pdf::open(pdf, default_limits()) gives the
    /// extract check (utdrag_check.hpp says why), else nullptr.
    [[nodiscard]] QPDF* final_as_opened() {
        const pdf::Limits& d = pdf::default_limits();
        if (!m_final_loaded || m_end != m_pdf.size() || m_pdf.size() > d.file_bytes || m_opt.max_depth != d.nesting ||
            !m_revisions->final_has_pages())
            return nullptr;
        return &m_revisions->final_pdf();
    }

    /// The final revision for a second reader (verify_pdf's keep_final) when it is the whole file:
    /// then run()'s check_bytes(file, limits()) and load_final (qpdf, recovery off, check_loaded
    /// with {false, false} from what check_bytes used) are pdf::open(file, limits(), {false, false}).
    [[nodiscard]] std::shared_ptr<const pdf::Loaded> release_final() {
        if (!m_final_loaded || m_end != m_pdf.size()) return nullptr;
        m_final_loaded = false;
        return std::make_shared<const pdf::Loaded>(
            pdf::Loaded{m_pdf, limits(), pdf::OpenOptions{false, false}, m_revisions->take_final()});
    }

private:
    void problem(VerifyReport& rep, std::string what) { rep.problems.push_back(std::move(what)); }

    /// The shared limits (pdf/limits.hpp) with this verification's size and nesting caps.
    [[nodiscard]] pdf::Limits limits() const {
        pdf::Limits l = pdf::default_limits();
        l.file_bytes = m_opt.max_bytes;
        l.nesting = m_opt.max_depth;
        return l;
    }

    void orphans(VerifyReport& rep, const std::set<QPDFObjGen>& referenced) {
        std::size_t n = 0;
        for (const auto& [og, entry] : m_revisions->final_xref()) {
            if (++n > 200000) break;
            if (referenced.contains(og)) continue;
            try {
                OH o = m_revisions->final_pdf().getObjectByObjGen(og);
                if (!o.isDictionary()) continue;
                OH type = o.getKey("/Type");
                if (!((type.isName() && type.getName() == "/Sig") || (o.hasKey("/ByteRange") && o.hasKey("/Contents"))))
                    continue;
                SignatureReport r;
                r.verdict = Verdict::Indeterminate;
                r.reason = "signature dictionary " + og.unparse(' ') + " is not referenced by any signature field";
                r.coverage = {FacetStatus::NotChecked, "not checked: orphan signature dictionary"};
                rep.signatures.push_back(std::move(r));
            } catch (const std::exception&) {}
        }
    }

    SignatureReport check_signature(const SignatureField& s) {
        SignatureReport r;
        r.field = s.name;
        r.role = role_of(s.name);
        try {
            if (auto covered = check_coverage(s.value, m_pdf, m_marks, *m_revisions, m_opt.max_depth, r)) {
                // checked by run() with the others (check_all_cms); its modifications only if that passes
                m_cms.push_back({m_pending.size() - 1, std::move(covered->cms), covered->end, read_sig_cert(s.value)});
                m_pending.back() = {covered->dict, covered->revision, covered->pdf, true};
            }
        } catch (const std::exception& e) {
            if (r.coverage.status == FacetStatus::NotChecked) r.coverage = {FacetStatus::Failed, e.what()};
        }
        return r;  // run() adds the modifications and decides
    }

    void modifications(QPDF& rev, SignatureReport& r, const std::vector<SignedRevision>& signatures) {
        if (r.covers_whole_file) {
            r.modifications = {FacetStatus::Ok, "none: the signature covers the final revision"};
            return;
        }
        QPDF& final_pdf = m_revisions->final_pdf();
        Changes c = compare_revisions(rev, final_pdf, m_opt.compare_budget, &m_final_walk, &m_final_refs,
                                      &m_revisions->xrefs());
        check_signature_widgets(rev, r.revision, final_pdf, signatures, m_opt.compare_budget, c, &m_revisions->xrefs());
        bool bad = false;
        for (const auto& k : c.kinds) {
            r.changes_after.push_back(to_string(k));
            if (!is_allowed_change(k) &&
                !(k == ChangeKind::AnslagDates && anslag_filled_after_justering(signatures)))  // anslag.hpp
                bad = true;
        }
        std::string detail;
        for (const auto& d : c.details) detail += (detail.empty() ? "" : "; ") + d;
        if (bad) {
            r.modifications = {c.too_complex ? FacetStatus::Indeterminate : FacetStatus::Failed, detail};
        } else {
            r.modifications = {FacetStatus::Ok, c.kinds.empty() ? "none" : "later revisions only added: " + detail};
        }
    }

    // The signer must be the person the field was made for; read in the revision the signature
    // closes, so a later revision cannot rename the expected signer.
    static void identity(QPDF& pdf, const SignatureField& s, SignatureReport& r) {
        std::string expected;
        try {
            expected = expected_signer(pdf, s.field, s.name);
        } catch (const std::exception& e) {
            r.identity = {FacetStatus::Indeterminate, std::string("cannot read the field: ") + e.what()};
            return;
        }
        if (expected.empty()) {
            r.identity = {FacetStatus::NotChecked, "the field names no signer"};
        } else if (r.signer.empty()) {
            r.identity = {FacetStatus::Indeterminate,
                          "the field is for " + expected + "; no certificate name to compare"};
        } else if (core::same_person(expected, r.signer)) {
            r.identity = {FacetStatus::Ok, "the field is for " + expected + ", the certificate names " + r.signer};
        } else {
            r.identity = {FacetStatus::Failed,
                          "the field is for " + expected + ", but the certificate names " + r.signer};
        }
    }

    static void decide(SignatureReport& r) {
        // identity is left out of the second pass when not checked: a field that names nobody
        // (a foreign PDF) is not a reason for doubt.
        const Facet identity = r.identity.status == FacetStatus::NotChecked ? Facet{FacetStatus::Ok, {}} : r.identity;
        const std::pair<const char*, const Facet*> facets[] = {
            {"coverage", &r.coverage},
            {"intact", &r.intact},
            {"valid", &r.valid},
            {"chain", &r.chain},
            {"identity", &identity},
            {"modifications", &r.modifications},
            {"timestamp", r.timestamp.status == FacetStatus::NotChecked ? &r.coverage : &r.timestamp}};  // absent: B-B
        for (const auto& [name, f] : facets) {
            if (f->status == FacetStatus::Failed) {
                r.verdict = Verdict::Failed;
                r.reason = std::string(name) + ": " + f->detail;
                return;
            }
        }
        for (const auto& [name, f] : facets) {
            if (f->status != FacetStatus::Ok) {
                r.verdict = Verdict::Indeterminate;
                r.reason = std::string(name) + ": " + (f->detail.empty() ? "not checked" : f->detail);
                return;
            }
        }
        r.verdict = Verdict::Passed;
        r.reason = "signature valid, signer trusted, no disallowed change after signing";
    }

    Span m_pdf;
    const VerifyOptions& m_opt;
    ChainValidator m_chain;         ///< one per document: keys and signature checks shared by its signatures
    TimestampChecker m_timestamps;  ///< signature time-stamps (B-T), sharing m_chain's keys
    pdf::Usage m_used;              ///< what the pre-scan used of the per-file limits (Revisions goes on from it)
    std::vector<EofMark> m_marks;
    std::size_t m_end = 0;
    std::optional<Revisions> m_revisions;  ///< once the file's revision ends are known
    bool m_final_loaded = false;           ///< m_revisions->load_final() succeeded
    RedefinedWalk m_final_walk;            ///< the object-level rule's walk of the final revision (changes.hpp)
    ReferenceIndex m_final_refs;           ///< the semantic comparison's references of it (compare.hpp)
    std::vector<Botan::X509_CRL> m_dss_crls;
    std::vector<Botan::X509_Certificate> m_extra;  ///< --cert and the /DSS certificates
    std::vector<SignedRevision> m_pending;  ///< per signature in field order: its revision once its coverage passed
    std::vector<CmsCheck> m_cms;            ///< the signatures whose coverage passed, for check_all_cms
};

}  // namespace

VerifyReport verify_pdf(std::span<const std::uint8_t> pdf, const std::string& file, const VerifyOptions& options,
                        std::shared_ptr<const pdf::Loaded>* keep_final) {
    VerifyReport rep;
    rep.file = file;
    std::optional<Verifier> verifier;
    bool ran = false;
    try {
        verifier.emplace(pdf, options).run(rep);
        ran = true;
    } catch (const std::exception& e) {
        rep.problems.push_back(std::string("the PDF cannot be read: ") + e.what());
    }
    if (!rep.problems.empty()) {
        rep.verdict = Verdict::Failed;
        rep.reason = rep.problems.front();
    } else if (rep.signatures.empty()) {
        rep.verdict = Verdict::Failed;
        rep.reason = "the PDF has no signatures";
    } else {
        rep.verdict = Verdict::Passed;
        for (const auto& s : rep.signatures) {
            if (s.verdict == Verdict::Failed)
                rep.verdict = Verdict::Failed;
            else if (s.verdict != Verdict::Passed && rep.verdict == Verdict::Passed)
                rep.verdict = Verdict::Indeterminate;
        }
        rep.reason = rep.verdict == Verdict::Passed ? "every signature passed" : "not every signature passed";
    }
    check_extract_proof(pdf, options, rep, verifier ? verifier->final_as_opened() : nullptr);  // issue 12
    if (keep_final) *keep_final = ran ? verifier->release_final() : nullptr;
    return rep;
}

const char* to_string(Verdict v) {
    switch (v) {
        case Verdict::Passed: return "passed";
        case Verdict::Failed: return "failed";
        case Verdict::Indeterminate: return "indeterminate";
        case Verdict::Unknown: break;
    }
    return "unknown";
}

const char* to_string(FacetStatus s) {
    switch (s) {
        case FacetStatus::Ok: return "ok";
        case FacetStatus::Failed: return "failed";
        case FacetStatus::Indeterminate: return "indeterminate";
        case FacetStatus::NotChecked: return "not-checked";
        case FacetStatus::Unknown: break;
    }
    return "unknown";
}

}  // namespace kansli::verify
