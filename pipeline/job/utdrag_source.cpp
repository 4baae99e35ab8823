#include "job/utdrag_source.hpp"

#include "cms/decode.hpp"
#include "cms/merkle.hpp"
#include "job/load.hpp"
#include "job/paths.hpp"
#include "job/refuse.hpp"
#include "pdf/kansli_data.hpp"
#include "pdf/reader.hpp"
#include "verify/verify.hpp"

#include <algorithm>
#include <filesystem>

namespace kansli::job::detail {
namespace {

bool is_justering_role(const std::string& role) {
    return role == "sekreterare" || role == "justerare" || role == "ordförande";
}

/// Every <underskrift> of the source has a passing signature in a field of its role.
void check_justerat(const std::string& file, const model::Protokoll& p, const verify::VerifyReport& r) {
    for (const auto& s : r.signatures) {
        if (is_justering_role(s.role) && s.verdict != verify::Verdict::Passed) {
            refuse("utdrag", file,
                   "the protokoll is not justerat: the signature of " + s.field + " (" + s.signer + ") is " +
                       verify::to_string(s.verdict) + (s.reason.empty() ? "" : ": " + s.reason),
                   "an extract is made only from a protokoll whose every justering signature passes kansli verify "
                   "(give --trust and --crl as for kansli verify)");
        }
    }
    for (const auto& sig : p.justering.signatories) {
        const std::string role = core::role_name(sig.role);
        std::size_t want = 0, have = 0;
        for (const auto& o : p.justering.signatories) want += o.role == sig.role ? 1 : 0;
        for (const auto& s : r.signatures) have += s.role == role && s.verdict == verify::Verdict::Passed ? 1 : 0;
        if (have < want) {
            refuse("utdrag", file, "the protokoll is not justerat: " + sig.name + " (" + role + ") has not signed it",
                   "an extract is made only after every justering signature");
        }
    }
}

/// The CMS of every signature field whose role is a justering role, in signing order: the order of
/// the revisions they close (the end b + c of each /ByteRange [0 a b c]), not the order of the
/// fields, which `--any-order` signing does not follow. Called after verify_pdf passed every
/// justering signature, so each /ByteRange is checked.
std::vector<core::Bytes> justering_cms(const core::Bytes& bytes) {
    std::vector<std::pair<long long, core::Bytes>> found;
    pdf::Opened doc = pdf::open(bytes, pdf::default_limits());
    QPDFObjectHandle fields = doc.qpdf->getRoot().getKey("/AcroForm");
    fields = fields.isDictionary() ? fields.getKey("/Fields") : QPDFObjectHandle::newNull();
    if (!fields.isArray()) return {};
    for (QPDFObjectHandle f : fields.getArrayAsVector()) {
        if (!f.isDictionary()) continue;
        QPDFObjectHandle t = f.getKey("/T"), v = f.getKey("/V");
        if (!t.isString() || !v.isDictionary() || !v.getKey("/Contents").isString()) continue;
        const core::SignerRole role = core::role_in_field_name(t.getUTF8Value());
        if (!is_justering_role(core::role_name(role))) continue;
        QPDFObjectHandle br = v.getKey("/ByteRange");
        long long end = 0;
        if (br.isArray() && br.getArrayNItems() == 4 && br.getArrayItem(2).isInteger() &&
            br.getArrayItem(3).isInteger()) {
            end = br.getArrayItem(2).getIntValue() + br.getArrayItem(3).getIntValue();
        }
        const std::string c = v.getKey("/Contents").getStringValue();
        found.emplace_back(end, core::Bytes(c.begin(), c.end()));
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<core::Bytes> out;
    for (auto& [end, der] : found) out.push_back(std::move(der));
    return out;
}

/// Each justering signature carries `root` as its § proof root attribute.
void check_roots(const std::string& file, const std::vector<core::Bytes>& sigs, const cms::Hash& root) {
    for (const auto& der : sigs) {
        cms::DecodeOptions o;
        o.content_absent = true;
        const cms::CmsResult r = cms::verify_detached(der, {}, o);
        std::optional<cms::Hash> signed_root;
        for (const auto& a : r.other_signed_attributes)
            if (a.oid == cms::kParagraphRootOid && a.values.size() == 1)
                signed_root = cms::paragraph_root_of_value(a.values[0]);
        if (!signed_root) {
            refuse("utdrag", file,
                   "a justering signature (" + (r.signer ? r.signer->subject_info("X520.CommonName").at(0) : "?") +
                       ") does not sign a § proof root",
                   "the protokoll was built or signed by a kansli without § proofs; build and sign it again");
        }
        if (*signed_root != root) {
            refuse("utdrag", file, "the source does not give the § proof root the justering signatures carry",
                   "give the source the protokoll was built from, with the same style");
        }
    }
}

}  // namespace

JusteratProtokoll open_justerat(const UtdragRequest& req) {
    JusteratProtokoll j;
    const bool from_source = req.input.size() > 4 && req.input.substr(req.input.size() - 4) == ".xml";
    if (from_source && req.protokoll.empty()) {
        throw core::Error(core::ExitCode::Usage, "usage", {}, "an extract from a source needs the signed protokoll",
                          "add --protokoll SIGNED.pdf (its signatures are what the extract carries)");
    }
    j.pdf_path = from_source ? req.protokoll : req.input;
    const core::Bytes bytes = core::read_file(j.pdf_path, std::size_t{128} << 20);

    verify::VerifyOptions vo;
    for (const auto& f : req.trust)
        for (auto& c : verify::load_certificates(f)) vo.trust.push_back(std::move(c));
    for (const auto& f : req.certs)
        for (auto& c : verify::load_certificates(f)) vo.extra.push_back(std::move(c));
    for (const auto& f : req.crls)
        for (auto& c : verify::load_crls(f)) vo.crls.push_back(std::move(c));
    vo.at = req.time;
    const verify::VerifyReport report = verify::verify_pdf(bytes, j.pdf_path, vo);

    const Home home{req.home};
    const auto schemas = source::SchemaSet::load(home.schemas());
    core::DiagSink sink;
    std::optional<model::Document> doc;
    if (from_source) {
        doc = load_document(req.input, schemas, sink);
    } else {
        pdf::Opened opened = pdf::open(bytes, pdf::default_limits());
        pdf::Usage used;
        const auto xml = pdf::kansli_data(*opened.qpdf, pdf::kDataSource, pdf::default_limits(), used);
        if (!xml) {
            refuse("utdrag", j.pdf_path, "the PDF carries no source (it was not built by kansli as a protokoll)",
                   "give the source: kansli utdrag SOURCE.xml --protokoll SIGNED.pdf");
        }
        doc = load_document_text(*xml, j.pdf_path + "#källa.xml", schemas, sink);
    }
    if (!doc || sink.has_errors()) throw core::Error(core::ExitCode::Invalid, sink.diagnostics());
    j.doc = std::move(*doc);
    j.protokoll = std::get_if<model::Protokoll>(&j.doc.body);
    if (!j.protokoll) refuse("utdrag", j.doc.path, "an extract is made from a protokoll, and this is not one");
    check_justerat(j.pdf_path, *j.protokoll, report);

    j.style = std::make_unique<layout::Style>(layout::load_style(home.default_style()));
    j.fonts = std::make_unique<layout::FontSet>(layout::FontSet::load_shared(layout::font_paths(*j.style)));
    j.hyphenator = std::make_unique<layout::Hyphenator>();
    j.proof = compute_proof(*j.protokoll, {*j.style, *j.fonts, j.hyphenator.get(), nullptr, j.doc.base_dir});
    j.signatures = justering_cms(bytes);
    if (j.signatures.empty()) refuse("utdrag", j.pdf_path, "the protokoll has no justering signatures");
    check_roots(j.pdf_path, j.signatures, j.proof.root);
    return j;
}

}  // namespace kansli::job::detail
