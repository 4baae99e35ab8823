// The PDF side of signing with PoDoFo 0.9.8 (see PODOFO-BOTAN-FACTS.md §2): load for update,
// fill or add the field, reserve /Contents by a dry run, WriteUpdate into memory, hash the byte
// ranges, embed the CMS.
//
// Cross-reference streams (facts §2 trap 8). When the input's last cross-reference section is a
// stream (e.g. after `qpdf --object-streams=generate`), PoDoFo 0.9.8 writes the update with a
// full classic xref table and no /Prev, and re-emits every object it read from an object stream
// (the update grows by the size of those objects: +29 KB instead of +17 KB on the example
// protokoll). The bytes before the update are still untouched (asserted below), so earlier
// signatures stay valid: tests/sign check pdfsig, openssl cms and qpdf --check on three
// signatures over such a file. We accept it and report a note; kansli's own PDFs use classic
// xref tables, and foreign PDFs should be normalized before the first signature, never between.
#include "sign/pdf_signer.hpp"

#include "sign/appearance.hpp"
#include "sign/existing.hpp"
#include "sign/fields.hpp"
#include "sign/target.hpp"

#include <botan/hash.h>
#include <podofo/podofo.h>

#include <cstring>
#include <string_view>

namespace kansli::sign {
namespace {

using namespace PoDoFo;
using detail::SigField;

constexpr int kMaxNesting = 64;

[[noreturn]] void refuse(const std::string& message, std::string hint = {}) {
    throw core::Error(core::ExitCode::Invalid, "sign", {}, message, std::move(hint));
}

PdfString text(const std::string& utf8) { return PdfString(reinterpret_cast<const pdf_utf8*>(utf8.c_str())); }

std::string display_time(core::Instant t) {
    std::string iso = core::format_iso(t);  // 2023-02-24T13:00:00Z
    return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

// A new invisible signature field on the last page (no rectangle: it covers no text).
PdfObject* add_field(PdfMemDocument& doc, PdfAcroForm& form, const std::string& name, core::Instant time) {
    if (doc.GetPageCount() < 1) refuse("the PDF has no pages");
    PdfPage* page = doc.GetPage(doc.GetPageCount() - 1);
    PdfAnnotation* annot = page->CreateAnnotation(ePdfAnnotation_Widget, PdfRect(0, 0, 0, 0));
    PdfObject* w = annot->GetObject();
    w->GetDictionary().AddKey("FT", PdfName("Sig"));
    w->GetDictionary().AddKey("T", text(name));
    w->GetDictionary().AddKey("F", PdfObject(static_cast<pdf_int64>(4)));  // Print
    w->GetDictionary().AddKey("P", page->GetObject()->Reference());
    // PoDoFo stamps the new annotation's /M with the wall clock; the injected time replaces it.
    w->GetDictionary().AddKey("M", PdfString(core::format_pdf_date(time)));
    PdfObject* fields = form.GetObject()->GetDictionary().GetKey("Fields");
    if (!fields || !fields->IsArray()) {
        form.GetObject()->GetDictionary().AddKey("Fields", PdfArray());
        fields = form.GetObject()->GetDictionary().GetKey("Fields");
    }
    fields->GetArray().push_back(w->Reference());
    return w;
}

// True when the section named by the last startxref is not a classic "xref" table.
bool last_xref_is_stream(const core::Bytes& pdf) {
    const std::string_view text(reinterpret_cast<const char*>(pdf.data()), pdf.size());
    const auto pos = text.rfind("startxref");
    if (pos == std::string_view::npos) return false;
    std::size_t i = pos + 9;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\r' || text[i] == '\n')) ++i;
    std::size_t offset = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9' && offset < pdf.size(); ++i) {
        offset = offset * 10 + static_cast<std::size_t>(text[i] - '0');
    }
    return offset < pdf.size() && text.substr(offset, 4) != "xref";
}

core::Bytes sign_loaded(PdfMemDocument& doc, const core::Bytes& pdf, const SignRequest& req) {
    if (doc.GetEncrypted()) refuse("encrypted PDFs cannot be signed by kansli");
    if (!doc.GetCatalog() || !doc.GetCatalog()->IsDictionary()) refuse("the PDF has no document catalog");
    const auto fields = detail::signature_fields(doc);
    if (const auto problems = detail::check_existing_signatures(doc, pdf, fields); !problems.empty()) {
        std::string all;
        for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
        refuse("an existing signature does not check out: " + all, "a changed document must not be signed again");
    }
    const auto order = detail::signing_order(doc);
    const detail::Target target = detail::choose_target(fields, order, req);
    detail::check_order(fields, order, target, req);

    PdfAcroForm* form = doc.GetAcroForm(true, ePdfAcroFormDefaultAppearance_None);
    form->GetObject()->GetDictionary().AddKey("SigFlags", PdfObject(static_cast<pdf_int64>(3)));
    PdfObject* field_obj = nullptr;
    PdfObject* widget = nullptr;
    if (target.index) {
        const SigField& f = fields.at(*target.index);
        field_obj = f.field;
        widget = f.widget;
    } else {
        field_obj = widget = add_field(doc, *form, target.name, req.time);
    }

    // /Sig dictionary. No key may sort between /ByteRange and /Contents (PoDoFo's AdjustByteRange
    // expects them adjacent): so no /Cert, /Changes, /ContactInfo.
    PdfObject* sig = doc.GetObjects().CreateObject("Sig");
    PdfDictionary& sd = sig->GetDictionary();
    sd.AddKey("Filter", PdfName("Adobe.PPKLite"));
    sd.AddKey("SubFilter", PdfName("ETSI.CAdES.detached"));
    sd.AddKey("M", PdfString(core::format_pdf_date(req.time)));
    if (!req.signer_name.empty()) sd.AddKey("Name", text(req.signer_name));
    if (!req.reason.empty()) sd.AddKey("Reason", text(req.reason));
    if (!req.location.empty()) sd.AddKey("Location", text(req.location));
    field_obj->GetDictionary().AddKey("V", sig->Reference());

    if (!req.font_path.empty()) {
        const std::string tooltip = target.index ? fields.at(*target.index).tooltip : std::string();
        detail::set_appearance(doc, *form, widget, req.font_path,
                               {"Signerad av " + req.signer_name, detail::capacity_line(req, target.name, tooltip),
                                "Datum: " + display_time(req.time)});
    }
    // PoDoFo stamps ModDate with the local wall clock at load; the injected time replaces it.
    if (PdfInfo* info = doc.GetInfo(); info && info->GetObject() && info->GetObject()->IsDictionary()) {
        info->GetObject()->GetDictionary().AddKey("ModDate", PdfString(core::format_pdf_date(req.time)));
    }

    // Dry run: the largest CMS this signer can produce, plus a margin.
    cms::SignedDataInput in{core::Bytes(32, 0), req.certificate, req.chain};
    const std::size_t reserve = cms::max_signed_data_size(in, *req.signer) + req.contents_margin;

    PdfRefCountedBuffer buffer;
    PdfOutputDevice memory(&buffer);
    PdfSignOutputDevice device(&memory);
    device.SetSignatureSize(reserve);
    sd.AddKey("ByteRange", PdfVariant(PdfData("[ 0 1234567890 1234567890 1234567890]")));
    // The beacon holds NUL bytes: keep its length (PdfData(const char*) would cut it).
    const std::string placeholder = "<" + device.GetSignatureBeacon()->data() + ">";
    sd.AddKey(PdfName::KeyContents, PdfVariant(PdfData(placeholder.data(), placeholder.size())));
    doc.WriteUpdate(&device, true);
    if (!device.HasSignaturePosition()) refuse("internal error: the signature placeholder was not written");
    device.AdjustByteRange();
    device.Seek(0);
    auto hash = Botan::HashFunction::create_or_throw("SHA-256");
    std::vector<char> chunk(65536);
    for (std::size_t got; (got = device.ReadForSignature(chunk.data(), chunk.size())) > 0;) {
        hash->update(reinterpret_cast<const std::uint8_t*>(chunk.data()), got);
    }
    const auto digest = hash->final();
    in.content_digest.assign(digest.begin(), digest.end());
    const core::Bytes cms = cms::encode_signed_data(in, *req.signer);
    if (cms.size() > reserve) refuse("internal error: the CMS outgrew its dry-run size");
    device.SetSignature(PdfData(reinterpret_cast<const char*>(cms.data()), cms.size()));
    device.Flush();

    const std::size_t length = memory.GetLength();
    core::Bytes out(reinterpret_cast<const std::uint8_t*>(buffer.GetBuffer()),
                    reinterpret_cast<const std::uint8_t*>(buffer.GetBuffer()) + length);
    // The incremental update must leave every earlier byte as it was.
    if (out.size() <= pdf.size() || std::memcmp(out.data(), pdf.data(), pdf.size()) != 0) {
        refuse("internal error: the update changed bytes of the original file");
    }
    if (req.diags) {
        req.diags->add({core::Severity::Note, "sign", {}, "signed field \"" + target.name + "\"" +
                                                              (target.index ? "" : " (new, invisible)"), {}});
        if (last_xref_is_stream(pdf)) {
            req.diags->add({core::Severity::Note, "sign", {},
                            "the input ends with a cross-reference stream: the update carries a full classic "
                            "xref table without /Prev (PoDoFo 0.9.8); earlier bytes are unchanged",
                            "normalize foreign PDFs (qpdf --object-streams=disable) before the first signature"});
        }
    }
    return out;
}

}  // namespace

std::optional<Role> parse_role(std::string_view s) {
    std::string lower(s);
    for (auto& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    for (std::size_t p; (p = lower.find("\xC3\x96")) != std::string::npos;) lower.replace(p, 2, "\xC3\xB6");  // Ö → ö
    if (lower == "sekreterare") return Role::Sekreterare;
    if (lower == "justerare") return Role::Justerare;
    if (lower == "ordförande" || lower == "ordforande") return Role::Ordforande;
    return std::nullopt;
}

const char* role_label(Role r) {
    switch (r) {
        case Role::Sekreterare: return "Sekreterare";
        case Role::Justerare: return "Justerare";
        case Role::Ordforande: return "Ordförande";
        case Role::Unknown: break;
    }
    return "";
}

core::Bytes sign_pdf(const core::Bytes& pdf, const SignRequest& req) {
    if (!req.signer || req.certificate.empty()) {
        throw core::Error(core::ExitCode::Usage, "sign", {}, "sign_pdf needs a signer and its certificate");
    }
    if (pdf.size() < 8 || std::memcmp(pdf.data(), "%PDF-", 5) != 0) refuse("the input is not a PDF file");
    if (detail::nesting_depth(pdf, kMaxNesting) > kMaxNesting) {
        refuse("the PDF nests dictionaries or arrays deeper than " + std::to_string(kMaxNesting) + " levels",
               "such files are refused: they can exhaust the PDF parser");
    }
    PdfError::EnableDebug(false);
    PdfError::EnableLogging(false);
    try {
        PdfMemDocument doc;
        doc.LoadFromBuffer(reinterpret_cast<const char*>(pdf.data()), static_cast<long>(pdf.size()), true);
        return sign_loaded(doc, pdf, req);
    } catch (const PdfError& e) {
        // ErrorMessage/ErrorName return NULL for some codes.
        const char* message = PdfError::ErrorMessage(e.GetError());
        const char* name = PdfError::ErrorName(e.GetError());
        refuse(std::string("cannot process the PDF: ") + (message ? message : "PoDoFo error") + " (" +
               (name ? name : std::to_string(static_cast<int>(e.GetError()))) + ")");
    } catch (const core::Error&) {
        throw;
    } catch (const std::exception& e) {  // std::bad_alloc, Botan exceptions from the CMS step
        refuse(std::string("cannot process the PDF: ") + e.what());
    }
}

}  // namespace kansli::sign
