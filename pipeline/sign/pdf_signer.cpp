// The PDF side of signing, without PoDoFo: libqpdf reads the input (recovery off: a damaged file
// is refused), the changed objects are serialised from qpdf (QPDFObjectHandle::unparseResolved of
// the object changed in memory, same number and generation), the new ones are written by hand,
// and update_writer.hpp appends them with a cross-reference section of the input's kind (a classic
// table, or a cross-reference stream with /Prev after a stream). Then the /ByteRange placeholder
// is patched in place, the ranges are hashed with SHA-256 and the CMS goes into /Contents.
#include "sign/pdf_signer.hpp"

#include "sign/appearance.hpp"
#include "sign/document.hpp"
#include "sign/existing.hpp"
#include "sign/fields.hpp"
#include "sign/proof_root.hpp"
#include "sign/font_embed.hpp"
#include "sign/serialize.hpp"
#include "sign/target.hpp"
#include "sign/update_writer.hpp"
#include "pdf/text_string.hpp"

#include <botan/hash.h>

#include <cstring>
#include <map>
#include <string_view>

namespace kansli::sign {
namespace {

using detail::OH;
using detail::SigField;

constexpr int kMaxNesting = 64;
constexpr std::size_t kRangeDigits = 10;  // each /ByteRange number is padded to this width

[[noreturn]] void refuse(const std::string& message, std::string hint = {}) {
    throw core::Error(core::ExitCode::Invalid, "sign", {}, message, std::move(hint));
}

std::string display_time(core::Instant t) {
    std::string iso = core::format_iso(t);  // 2023-02-24T13:00:00Z
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

// The existing objects the update rewrites (same number and generation).
class Changed {
public:
    /// Marks the indirect object `o` for rewriting; a direct one is rewritten with its owner.
    void mark(OH o) {
        if (o.isIndirect()) m_objects.emplace(o.getObjGen(), o);
    }
    void write(detail::UpdateWriter& writer) {
        for (auto& [og, o] : m_objects) {
            if (o.isStream()) refuse("object " + og.unparse(' ') + " is a stream where a dictionary was expected");
            writer.add(og.getObj(), og.getGen(), detail::pdf_text(o));
        }
    }

private:
    std::map<QPDFObjGen, OH> m_objects;
};

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
    std::string s = "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange [0 " + zeros +
                    " " + zeros + " " + zeros + "] /Contents <" + std::string(2 * reserve, '0') + "> /M (" +
                    core::format_pdf_date(req.time) + ")";
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

detail::TrailerInfo trailer_info(const detail::Document& d) {
    OH trailer = d.qpdf->getTrailer();
    detail::TrailerInfo ti;
    ti.root = trailer.getKey("/Root").unparse();
    if (trailer.hasKey("/Info")) ti.info = trailer.getKey("/Info").unparse();
    if (OH id = trailer.getKey("/ID"); id.isArray() && id.getArrayNItems() >= 1 && id.getArrayItem(0).isString()) {
        ti.first_id = id.getArrayItem(0).getStringValue();
    }
    if (OH size = trailer.getKey("/Size"); size.isInteger() && size.getIntValue() > 0) {
        ti.size = static_cast<std::size_t>(std::min<long long>(size.getIntValue(), 8388607));
    }
    ti.size = std::max(ti.size, static_cast<std::size_t>(d.max_object) + 1);
    ti.prev = d.last_xref;
    ti.xref_stream = d.xref_stream;
    return ti;
}

// Step 1, prepare: the objects the update changes (field, widget, AcroForm, appearance, Info),
// in memory; returns the new, still empty signature dictionary.
OH prepare(QPDF& q, const std::vector<SigField>& fields, const detail::Target& target, const SignRequest& req,
           detail::UpdateWriter& writer, Changed& changed) {
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
    if (OH info = q.getTrailer().getKey("/Info"); info.isIndirect() && info.isDictionary()) {
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
    r.reserve = cms::max_signed_data_size(in, *req.signer) + req.contents_margin;
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

// Step 4, hash: SHA-256 over both ranges, the CMS over that digest, hex into the hole.
void hash_and_sign(core::Bytes& out, std::pair<std::size_t, std::size_t> hole, std::size_t reserved,
                   cms::SignedDataInput& in, const SignRequest& req) {
    const auto [hole_begin, hole_end] = hole;
    auto hash = Botan::HashFunction::create_or_throw("SHA-256");
    hash->update(out.data(), hole_begin);
    hash->update(out.data() + hole_end, out.size() - hole_end);
    const auto digest = hash->final();
    in.content_digest.assign(digest.begin(), digest.end());
    const core::Bytes cms = cms::encode_signed_data(in, *req.signer);
    if (cms.size() > reserved) refuse("internal error: the CMS outgrew its dry-run size");
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (std::size_t i = 0; i < cms.size(); ++i) {
        out[hole_begin + 1 + 2 * i] = static_cast<std::uint8_t>(kHex[cms[i] >> 4]);
        out[hole_begin + 2 + 2 * i] = static_cast<std::uint8_t>(kHex[cms[i] & 0xF]);
    }
}

core::Bytes sign_opened(detail::Document& d, const core::Bytes& pdf, const SignRequest& req) {
    QPDF& q = *d.qpdf;
    const auto fields = detail::signature_fields(q);
    const detail::Target target = choose_checked_target(q, pdf, fields, req);
    detail::TrailerInfo ti = trailer_info(d);

    detail::UpdateWriter writer;
    Changed changed;
    OH sig = prepare(q, fields, target, req, writer, changed);
    cms::SignedDataInput in;
    in.content_digest = core::Bytes(32, 0);
    in.signer_certificate = req.certificate;
    in.chain = req.chain;
    in.unsigned_attributes = req.unsigned_attributes;  // e.g. the signature time-stamp (B-T)
    in.unsigned_attributes_reserve = req.unsigned_attributes_reserve;
    in.extra_signed_attributes = detail::paragraph_root_attributes(q);  // a protokoll's § proof root
    const Reserved reserved = reserve(q, sig, req, in, writer, changed, ti);

    std::map<int, std::size_t> offsets;
    core::Bytes out = writer.finish(pdf, ti, offsets);
    const std::size_t sig_at =
        offsets.at(sig.getObjectID()) + detail::UpdateWriter::header(sig.getObjectID(), 0).size();
    hash_and_sign(out, patch(out, sig_at, reserved), reserved.reserve, in, req);

    // The incremental update must leave every earlier byte as it was.
    if (out.size() <= pdf.size() || std::memcmp(out.data(), pdf.data(), pdf.size()) != 0) {
        refuse("internal error: the update changed bytes of the original file");
    }
    if (req.diags) {
        req.diags->add({core::Severity::Note,
                        "sign",
                        {},
                        "signed field \"" + target.name + "\"" + (target.index ? "" : " (new, invisible)"),
                        {}});
    }
    return out;
}

}  // namespace

core::Bytes sign_pdf(const core::Bytes& pdf, const SignRequest& req) {
    if (!req.signer || req.certificate.empty()) {
        throw core::Error(core::ExitCode::Usage, "sign", {}, "sign_pdf needs a signer and its certificate");
    }
    if (pdf.size() < 8 || std::memcmp(pdf.data(), "%PDF-", 5) != 0) refuse("the input is not a PDF file");
    if (detail::nesting_depth(pdf, kMaxNesting) > kMaxNesting) {
        refuse("the PDF nests dictionaries or arrays deeper than " + std::to_string(kMaxNesting) + " levels",
               "such files are refused: they can exhaust the PDF parser");
    }
    try {
        detail::Document doc = detail::open_document(pdf);
        return sign_opened(doc, pdf, req);
    } catch (const core::Error&) {
        throw;
    } catch (const std::exception& e) {  // qpdf (QPDFExc, logic_error), std::bad_alloc, Botan from the CMS step
        refuse(std::string("cannot process the PDF: ") + e.what());
    }
}

}  // namespace kansli::sign
