// The PDF side of signing, without PoDoFo: libqpdf reads the input (recovery off: a damaged file
// is refused), the changed objects are serialised from qpdf (QPDFObjectHandle::unparseResolved of
// the object changed in memory, same number and generation), the new ones are written by hand,
// and update_writer.hpp appends them with a cross-reference section of the input's kind (a classic
// table, or a cross-reference stream with /Prev after a stream). Then the /ByteRange placeholder
// is patched in place, the ranges are hashed with SHA-256 and the CMS goes into /Contents.
#include "sign/pdf_signer.hpp"

#include "pdf/text_string.hpp"
#include "sign/appearance.hpp"
#include "sign/document.hpp"
#include "sign/existing.hpp"
#include "sign/fields.hpp"
#include "sign/font_embed.hpp"
#include "sign/ltv_parts.hpp"
#include "sign/proof_root.hpp"
#include "sign/refuse.hpp"
#include "sign/serialize.hpp"
#include "sign/skeleton.hpp"
#include "sign/target.hpp"
#include "sign/text_fields.hpp"
#include "sign/update_writer.hpp"
#include "sign/xmp_dates.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <tuple>
#include <utility>
#include <string_view>

namespace kansli::sign {
namespace {

using detail::OH;
using detail::SigField;

constexpr int kMaxNesting = 64;
constexpr std::size_t kRangeDigits = 10;  // each /ByteRange number is padded to this width

std::string display_time(core::Instant t) {
    std::string iso = core::format_iso(t);  // 2023-02-24T13:00:00Z
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

using Changed = detail::ChangedObjects;

// A new invisible signature field on the last page (no rectangle: it covers no text).
OH add_field(QPDF& q, OH acroform, const std::string& name, core::Instant time, Changed& changed) {
    const auto pages = q.getAllPages();
    if (pages.empty()) refuse("the PDF has no pages");
    OH page = pages.back();
    OH w = detail::new_object(q);
    w.replaceKey("/Type", OH::newName("/Annot"));
    w.replaceKey("/Subtype", OH::newName("/Widget"));
    w.replaceKey("/FT", OH::newName("/Sig"));
    w.replaceKey("/T", OH::newUnicodeString(name));
    w.replaceKey("/F", OH::newInteger(4));  // Print
    w.replaceKey("/P", page);
    w.replaceKey("/Rect", OH::parse("[0 0 0 0]"));
    w.replaceKey("/M", OH::newString(core::format_pdf_date(time)));
    changed.mark(w);
    OH fields = acroform.getKey("/Fields");
    if (!fields.isArray()) {
        fields = OH::newArray();
        acroform.replaceKey("/Fields", fields);
    }
    fields.appendItem(w);
    changed.mark(fields);
    OH annots = page.getKey("/Annots");
    if (annots.isArray()) {
        annots.appendItem(w);
        changed.mark(annots.isIndirect() ? annots : page);
    } else {
        page.replaceKey("/Annots", OH::newArray({w}));
        changed.mark(page);
    }
    return w;
}

// The AcroForm to change; creates one when missing. Marks what has to be rewritten.
OH acroform_of(QPDF& q, Changed& changed) {
    OH root = q.getRoot();
    OH af = root.getKey("/AcroForm");
    if (!af.isDictionary()) {
        af = detail::new_object(q);
        af.replaceKey("/Fields", OH::newArray());
        root.replaceKey("/AcroForm", af);
        changed.mark(root);
    }
    changed.mark(af.isIndirect() ? af : root);
    return af;
}

// The /Sig dictionary with a /ByteRange placeholder and a zero /Contents of `reserve` bytes.
std::string sig_text(const SignRequest& req, std::size_t reserve) {
    const std::string zeros(kRangeDigits, '0');
    const char* kind = req.document_timestamp ? "/Type /DocTimeStamp /Filter /Adobe.PPKLite /SubFilter /ETSI.RFC3161"
                                              : "/Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached";
    std::string s = std::string("<< ") + kind + " /ByteRange [0 " + zeros + " " + zeros + " " + zeros +
                    "] /Contents <" + std::string(2 * reserve, '0') + "> /M (" + core::format_pdf_date(req.time) + ")";
    if (!req.signer_name.empty()) s += " /Name " + pdf::text_string_token(req.signer_name);
    if (!req.reason.empty()) s += " /Reason " + pdf::text_string_token(req.reason);
    if (!req.location.empty()) s += " /Location " + pdf::text_string_token(req.location);
    return s + " >>";
}

// The refusals that come before any change: existing signatures, the target field, whose it is,
// and the signing order.
detail::Target choose_checked_target(QPDF& q, const core::Bytes& pdf, const std::vector<SigField>& fields,
                                     const SignRequest& req) {
    if (const auto problems = detail::check_existing_signatures(pdf, fields); !problems.empty()) {
        std::string all;
        for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
        refuse("an existing signature does not check out: " + all, "a changed document must not be signed again");
    }
    const auto order = detail::signing_order(q);
    detail::Target target = detail::choose_target(fields, order, req);
    detail::check_identity(fields, target, req);
    detail::check_order(fields, order, target, req);
    return target;
}

// Step 1, prepare: the objects the update changes (field, widget, AcroForm, appearance, Info),
// in memory; returns the new, still empty signature dictionary.
OH prepare(QPDF& q, const std::vector<SigField>& fields, const detail::Target& target, const SignRequest& req,
           detail::UpdateWriter& writer, Changed& changed) {
    // The first signature also takes the skeleton out of object streams (skeleton.hpp).
    const bool first = std::none_of(fields.begin(), fields.end(), [](const SigField& f) { return f.is_signed; }) &&
                       !q.getRoot().hasKey("/Perms") && !q.getRoot().hasKey("/DSS");
    if (first) detail::unpack_skeleton(q, changed);
    OH af = acroform_of(q, changed);
    af.replaceKey("/SigFlags", OH::newInteger(3));
    OH field, widget;
    if (target.index) {
        const SigField& f = fields.at(*target.index);
        field = f.field;
        widget = f.widget;
        if (!field.isIndirect() || !widget.isIndirect())
            refuse("the signature field \"" + target.name + "\" is not an indirect object");
        OH flags = widget.getKey("/F");
        widget.replaceKey("/F", OH::newInteger((flags.isInteger() ? flags.getIntValue() : 0) | 4));  // Print
    } else {
        field = widget = add_field(q, af, target.name, req.time, changed);
    }
    changed.mark(field);
    changed.mark(widget);
    OH sig = detail::new_object(q);
    field.replaceKey("/V", sig);
    if (!req.font_path.empty()) {
        const std::string tooltip = target.index ? fields.at(*target.index).tooltip : std::string();
        detail::set_appearance(q, writer, af, widget, req.font_path,
                               {"Signerad av " + req.signer_name, detail::capacity_line(req, target.name, tooltip),
                                "Datum: " + display_time(req.time)});
    }
    if (!req.text_values.empty()) detail::set_text_values(q, writer, af, req.text_values, req.font_path, changed);
    // Info /ModDate and the XMP dates change together or not at all (PDF/A).
    const bool dates = detail::update_xmp_dates(q, writer, req.time);
    if (OH info = q.getTrailer().getKey("/Info"); dates && info.isIndirect() && info.isDictionary()) {
        info.replaceKey("/ModDate", OH::newString(core::format_pdf_date(req.time)));
        changed.mark(info);
    }
    return sig;
}

// Step 2, reserve: the signature dictionary with a /Contents hole as large as the largest CMS
// this signer can produce (a dry run) plus a margin, queued with every changed object.
struct Reserved {
    std::string sig_body;
    std::size_t reserve = 0;
};
Reserved reserve(QPDF& q, OH sig, const SignRequest& req, const cms::SignedDataInput& in, detail::UpdateWriter& writer,
                 Changed& changed, detail::TrailerInfo& ti) {
    Reserved r;
    r.reserve = req.document_timestamp ? req.document_timestamp_reserve
                                       : cms::max_signed_data_size(in, *req.signer) + req.contents_margin;
    r.sig_body = sig_text(req, r.reserve);
    writer.add(sig.getObjectID(), 0, r.sig_body);
    changed.write(writer);
    if (ti.xref_stream) ti.xref_stream_number = detail::new_object(q).getObjectID();
    return r;
}

// Step 3, patch: the update appended, its /ByteRange placeholder filled with the real ranges.
// Returns the hole [begin, end) of /Contents, from '<' to after '>'.
std::pair<std::size_t, std::size_t> patch(core::Bytes& out, std::size_t sig_at, const Reserved& r) {
    const std::size_t range_at = sig_at + r.sig_body.find("/ByteRange [") + 11;   // at '['
    const std::size_t hole_begin = sig_at + r.sig_body.find("/Contents <") + 10;  // at '<'
    const std::size_t hole_end = hole_begin + 2 * r.reserve + 2;                  // after '>'
    const std::size_t placeholder = 3 * kRangeDigits + 6;                         // "[0 n n n]"
    std::string ranges = "[0 " + std::to_string(hole_begin) + " " + std::to_string(hole_end) + " " +
                         std::to_string(out.size() - hole_end) + "]";
    if (ranges.size() > placeholder) refuse("internal error: the /ByteRange does not fit its placeholder");
    ranges.resize(placeholder, ' ');
    std::memcpy(out.data() + range_at, ranges.data(), ranges.size());
    return {hole_begin, hole_end};
}

PreparedPdf prepare_opened(detail::Document& d, const core::Bytes& pdf, const SignRequest& req) {
    QPDF& q = *d.qpdf;
    const auto fields = detail::signature_fields(q);
    const detail::Target target = req.document_timestamp ? detail::document_timestamp_target(pdf, fields)
                                                         : choose_checked_target(q, pdf, fields, req);
    detail::TrailerInfo ti = detail::trailer_info(d);

    detail::UpdateWriter writer;
    Changed changed;
    OH sig = prepare(q, fields, target, req, writer, changed);
    // A protokoll's § proof root (issue 12) is signed by every signature of it: part of the
    // signed attributes from the dry run on, and carried to complete_pdf in the PreparedPdf.
    const std::vector<core::Bytes> extra = detail::paragraph_root_attributes(q);
    const Reserved reserved =
        reserve(q, sig, req, signed_data_input(req, core::Bytes(32, 0), extra), writer, changed, ti);

    std::map<int, std::size_t> offsets;
    PreparedPdf p;
    p.pdf = writer.finish(pdf, ti, offsets);
    const std::size_t sig_at =
        offsets.at(sig.getObjectID()) + detail::UpdateWriter::header(sig.getObjectID(), 0).size();
    std::tie(p.hole_begin, p.hole_end) = patch(p.pdf, sig_at, reserved);
    p.content_digest = detail::range_digest(p.pdf, p.hole_begin, p.hole_end);  // step 4, hash
    p.field = target.name;
    p.extra_signed_attributes = extra;
    p.new_field = !target.index;

    // The incremental update must leave every earlier byte as it was.
    if (p.pdf.size() <= pdf.size() || std::memcmp(p.pdf.data(), pdf.data(), pdf.size()) != 0) {
        refuse("internal error: the update changed bytes of the original file");
    }
    return p;
}

}  // namespace

cms::SignedDataInput signed_data_input(const SignRequest& req, const core::Bytes& content_digest,
                                       const std::vector<core::Bytes>& extra_signed_attributes) {
    cms::SignedDataInput in;
    in.content_digest = content_digest;
    in.extra_signed_attributes = extra_signed_attributes;
    in.signer_certificate = req.certificate;
    in.chain = req.chain;
    in.unsigned_attributes = req.unsigned_attributes;  // e.g. the signature time-stamp (B-T)
    in.unsigned_attributes_reserve = req.unsigned_attributes_reserve;
    return in;
}

PreparedPdf prepare_pdf(const core::Bytes& pdf, const SignRequest& req) {
    if ((!req.signer || req.certificate.empty()) && !req.document_timestamp) {
        throw core::Error(core::ExitCode::Usage, "sign", {}, "sign_pdf needs a signer and its certificate");
    }
    if (pdf.size() < 8 || std::memcmp(pdf.data(), "%PDF-", 5) != 0) refuse("the input is not a PDF file");
    if (detail::nesting_depth(pdf, kMaxNesting) > kMaxNesting) {
        refuse("the PDF nests dictionaries or arrays deeper than " + std::to_string(kMaxNesting) + " levels",
               "such files are refused: they can exhaust the PDF parser");
    }
    try {
        detail::Document doc = detail::open_document(pdf);
        return prepare_opened(doc, pdf, req);
    } catch (const core::Error&) {
        throw;
    } catch (const std::exception& e) {  // qpdf (QPDFExc, logic_error), std::bad_alloc
        refuse(std::string("cannot process the PDF: ") + e.what());
    }
}

core::Bytes complete_pdf(PreparedPdf prepared, const SignRequest& req) {
    core::Bytes& out = prepared.pdf;
    if ((!req.signer && !req.document_timestamp) || prepared.hole_end < prepared.hole_begin + 2 ||
        prepared.hole_end > out.size()) {
        throw core::Error(core::ExitCode::Usage, "sign", {}, "complete_pdf needs a signer and a prepared PDF");
    }
    core::Bytes cms;
    try {
        // A document time-stamp (B-LTA) puts the TSA's token over the digest where a signature puts its CMS.
        cms = req.document_timestamp
                  ? req.document_timestamp(prepared.content_digest)
                  : cms::encode_signed_data(
                        signed_data_input(req, prepared.content_digest, prepared.extra_signed_attributes), *req.signer);
    } catch (const core::Error&) {
        throw;
    } catch (const std::exception& e) {  // Botan
        refuse(std::string("cannot make the CMS signature: ") + e.what());
    }
    const std::size_t reserved = (prepared.hole_end - prepared.hole_begin - 2) / 2;
    if (cms.size() > reserved) {
        refuse("the CMS signature (" + std::to_string(cms.size()) + " bytes) does not fit the " +
                   std::to_string(reserved) + " bytes reserved in /Contents",
               "a time-stamp needs room reserved when the file is prepared (kansli sign --prepare --tsa URL)");
    }
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (std::size_t i = 0; i < cms.size(); ++i) {
        out[prepared.hole_begin + 1 + 2 * i] = static_cast<std::uint8_t>(kHex[cms[i] >> 4]);
        out[prepared.hole_begin + 2 + 2 * i] = static_cast<std::uint8_t>(kHex[cms[i] & 0xF]);
    }
    return std::move(out);
}

core::Bytes sign_pdf(const core::Bytes& pdf, const SignRequest& req) {
    PreparedPdf prepared = prepare_pdf(pdf, req);
    const std::string note =
        "signed field \"" + prepared.field + "\"" + (prepared.new_field ? " (new, invisible)" : "");
    core::Bytes out = complete_pdf(std::move(prepared), req);
    if (req.diags) req.diags->add({core::Severity::Note, "sign", {}, note, {}});
    return out;
}

}  // namespace kansli::sign
