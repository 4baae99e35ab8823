#include "sign/external.hpp"

#include "cms/external.hpp"
#include "sign/document.hpp"
#include "sign/existing.hpp"
#include "sign/fields.hpp"
#include "sign/proof_root.hpp"
#include "sign/refuse.hpp"

#include <cstring>

namespace kansli::sign {
namespace {

using detail::OH;

constexpr const char* kPrepareHint = "prepare it with kansli sign IN.pdf -o PREPARED.pdf --prepare --cert CERT.pem";

// /M as kansli writes it (core::format_pdf_date: D:YYYYMMDDHHmmSSZ), nothing else.
core::Instant prepared_time(OH sig) {
    OH m = sig.getKey("/M");
    const std::string s = m.isString() ? m.getStringValue() : std::string();
    if (s.size() == 17 && s.compare(0, 2, "D:") == 0 && s.back() == 'Z') {
        const std::string iso = s.substr(2, 4) + "-" + s.substr(6, 2) + "-" + s.substr(8, 2) + "T" + s.substr(10, 2) +
                                ":" + s.substr(12, 2) + ":" + s.substr(14, 2) + "Z";
        if (const auto t = core::parse_instant(iso); t && core::format_pdf_date(*t) == s) return *t;
    }
    refuse("the prepared signature's /M is not a time kansli wrote", kPrepareHint);
}

// The one prepared field, and the others (signed) for the integrity check.
std::size_t prepared_field(const std::vector<detail::SigField>& fields) {
    std::optional<std::size_t> found;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (!fields[i].is_signed || !detail::is_prepared(detail::key_of(fields[i].field, "/V"))) continue;
        if (found) refuse("the PDF has more than one prepared signature field", kPrepareHint);
        found = i;
    }
    if (!found) {
        refuse(
            "the PDF is not prepared for an external signature: no signature field has an empty /Contents "
            "(not prepared, or already completed)",
            kPrepareHint);
    }
    return *found;
}

ReopenedPdf reopen_opened(const core::Bytes& pdf) {
    detail::Document doc = detail::open_document(pdf);
    auto fields = detail::signature_fields(*doc.qpdf);
    const std::size_t index = prepared_field(fields);
    const detail::SigField f = fields[index];
    OH v = detail::key_of(f.field, "/V");
    OH sub = v.getKey("/SubFilter");
    if (!sub.isName() || sub.getName() != "/ETSI.CAdES.detached") {
        refuse("the prepared signature is not /ETSI.CAdES.detached", kPrepareHint);
    }
    std::string why;
    const auto r = detail::checked_byte_range(pdf, v, why);
    if (!r) refuse("the prepared signature of \"" + f.name + "\": " + why, kPrepareHint);
    const auto [zero, b, c, d] = *r;  // checked_byte_range: zero == 0
    if (static_cast<std::size_t>(c + d) != pdf.size()) {
        refuse("the prepared signature does not end the file: bytes were appended after --prepare",
               "complete the file kansli sign --prepare wrote, unchanged");
    }
    for (auto i = static_cast<std::size_t>(b) + 1; i + 1 < static_cast<std::size_t>(c); ++i) {
        if (pdf[i] != '0') refuse("the prepared /Contents is not all zeros", kPrepareHint);
    }
    fields.erase(fields.begin() + static_cast<std::ptrdiff_t>(index));
    if (const auto problems = detail::check_existing_signatures(pdf, fields); !problems.empty()) {
        refuse("an earlier signature does not check out: " + problems.front(),
               "a changed document must not be signed again");
    }
    ReopenedPdf out;
    out.prepared.pdf = pdf;
    out.prepared.hole_begin = static_cast<std::size_t>(b);
    out.prepared.hole_end = static_cast<std::size_t>(c);
    out.prepared.content_digest = detail::range_digest(pdf, out.prepared.hole_begin, out.prepared.hole_end);
    out.prepared.field = f.name;
    out.prepared.extra_signed_attributes = detail::paragraph_root_attributes(*doc.qpdf);
    out.signer_name = detail::utf8_of(v.getKey("/Name"));
    out.time = prepared_time(v);
    (void)zero;
    return out;
}

}  // namespace

core::Bytes external_digest(const PreparedPdf& prepared, const SignRequest& req) {
    return cms::signed_attributes_digest(cms::encode_signed_attributes(
        signed_data_input(req, prepared.content_digest, prepared.extra_signed_attributes)));
}

ReopenedPdf reopen_prepared(const core::Bytes& pdf) {
    if (pdf.size() < 8 || std::memcmp(pdf.data(), "%PDF-", 5) != 0) refuse("the input is not a PDF file");
    try {
        return reopen_opened(pdf);
    } catch (const core::Error&) {
        throw;
    } catch (const std::exception& e) {  // qpdf, std::bad_alloc
        refuse(std::string("cannot process the PDF: ") + e.what());
    }
}

core::Bytes complete_external(ReopenedPdf reopened, const core::Bytes& signature, SignRequest req) {
    if (!req.signer || req.certificate.empty()) {
        throw core::Error(core::ExitCode::Usage, "sign", {}, "complete_external needs the signer's certificate");
    }
    if (req.signer_name != reopened.signer_name) {
        refuse("the file was prepared for " +
                   (reopened.signer_name.empty() ? std::string("a certificate without a CN") : reopened.signer_name) +
                   ", but the certificate names " +
                   (req.signer_name.empty() ? std::string("nobody (no CN)") : req.signer_name),
               "complete with the certificate given to --prepare");
    }
    const core::Bytes attrs = cms::encode_signed_attributes(
        signed_data_input(req, reopened.prepared.content_digest, reopened.prepared.extra_signed_attributes));
    core::Bytes der = cms::check_external_signature(attrs, signature, req.certificate);
    cms::PresetSigner preset(req.signer->algorithm(), req.signer->max_signature_size(),
                             cms::signed_attributes_digest(attrs), std::move(der));
    req.signer = &preset;
    if (req.unsigned_attributes) {
        // The room the prepared /Contents leaves beyond the CMS without unsigned attributes.
        SignRequest bare = req;
        bare.unsigned_attributes = nullptr;
        bare.unsigned_attributes_reserve = 0;
        const std::size_t base = cms::max_signed_data_size(
            signed_data_input(bare, reopened.prepared.content_digest, reopened.prepared.extra_signed_attributes),
            preset);
        const std::size_t capacity = (reopened.prepared.hole_end - reopened.prepared.hole_begin - 2) / 2;
        constexpr std::size_t kMinRoom = 1024, kOverhead = 64;
        if (capacity < base + kMinRoom) {
            refuse("the prepared file has no room for a time-stamp in /Contents",
                   "prepare it with --tsa URL too (the URL is contacted only by --complete)");
        }
        req.unsigned_attributes_reserve = capacity - base - kOverhead;
    }
    return complete_pdf(std::move(reopened.prepared), req);
}

}  // namespace kansli::sign
