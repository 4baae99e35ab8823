#include "render/render.hpp"

#include "core/diagnostic.hpp"
#include "core/time.hpp"
#include "render/annotations.hpp"
#include "render/append.hpp"
#include "render/conformance.hpp"
#include "render/content.hpp"
#include "render/docid.hpp"
#include "render/fonts.hpp"
#include "render/images.hpp"
#include "render/kansli_data.hpp"
#include "render/metadata.hpp"
#include "render/outline.hpp"
#include "render/stream_memo.hpp"
#include "render/tagging.hpp"

#include <podofo/podofo.h>

#include <climits>
#include <filesystem>
#include <memory>

namespace kansli::render {

namespace {

using PoDoFo::PdfName;

PoDoFo::PdfDictionary name_refs(const std::vector<std::pair<std::string, PoDoFo::PdfObject*>>& entries) {
    PoDoFo::PdfDictionary d;
    for (const auto& [name, obj] : entries) d.AddKey(PdfName(name), obj->Reference());
    return d;
}

/// Draws page `index` of `ps` into a new page, which is not yet in the page tree, and returns its
/// wrapper (the page object belongs to the document). PdfDocument::CreatePage would insert it at
/// once, but PoDoFo 0.9.8 copies the whole /Kids array for every insertion (quadratic in the
/// page count); render_document inserts all pages in one pass instead. Objects are numbered
/// exactly as CreatePage numbers them.
std::unique_ptr<PoDoFo::PdfPage> draw_page(PoDoFo::PdfMemDocument& doc, const layout::PageSet& ps, std::size_t index,
                                           FontTable& fonts, ImageTable& images, PoDoFo::PdfAcroForm* form,
                                           const PoDoFo::PdfString& date, std::vector<std::string>& field_names,
                                           Tagging& tags, const std::vector<std::vector<RunJoin>>& joins) {
    const layout::Page& src = ps.pages[index];
    if (src.width <= 0 || src.height <= 0) {
        throw core::Error(core::ExitCode::Invalid, "render", {}, "page " + std::to_string(index + 1) + " has no size",
                          "this is a bug in layout");
    }
    auto page = std::make_unique<PoDoFo::PdfPage>(
        PoDoFo::PdfRect(0, 0, core::to_pt(src.width), core::to_pt(src.height)), &doc.GetObjects());
    PageResources used;
    const std::string content = page_content(src, fonts, images, used, &tags, index, &joins[index]);
    page->GetContentsForAppending()->GetStream()->Set(content.data(), static_cast<PoDoFo::pdf_long>(content.size()));

    auto& res = page->GetResources()->GetDictionary();
    if (!used.fonts.empty()) {
        std::vector<std::pair<std::string, PoDoFo::PdfObject*>> f;
        for (auto id : used.fonts) f.emplace_back(FontTable::resource_name(id), fonts.object(id));
        res.AddKey("Font", name_refs(f));
    }
    if (!used.images.empty()) {
        std::vector<std::pair<std::string, PoDoFo::PdfObject*>> x;
        for (auto i : used.images) x.emplace_back(ImageTable::resource_name(i), images.object(i));
        res.AddKey("XObject", name_refs(x));
    }
    add_links(*page, src, date);
    if (form) add_signature_fields(doc, *form, *page, src, date, field_names);
    if (form) add_text_fields(doc, *form, *page, src, date, field_names);
    tags.annotations(*page, index, src);
    return page;
}

bool has_slots(const layout::PageSet& ps) {
    for (const auto& p : ps.pages) {
        if (!p.text_fields.empty()) return true;
        for (const auto& op : p.ops) {
            if (std::holds_alternative<layout::SigSlot>(op)) return true;
        }
    }
    return false;
}

RenderedPdf render_document(const layout::PageSet& ps, const RenderLimits& limits, const RenderOptions& options) {
    if (ps.pages.empty()) {
        throw core::Error(core::ExitCode::Invalid, "render", {}, "the document has no pages",
                          "this is a bug in layout");
    }
    const bool pdfa = options.profile == Profile::PdfA;
    const std::string icc = !pdfa || !options.icc_profile.empty() ? options.icc_profile : find_srgb_profile();
    PoDoFo::PdfMemDocument doc;
    // Every Flate stream of the document is compressed by libdeflate (render/stream_memo.hpp).
    const FlateStreamScope flate(doc.GetObjects());
    doc.SetPdfVersion(PoDoFo::ePdfVersion_1_7);
    // Numbers freed by pruning attachments stay free: new objects keep generation 0.
    doc.GetObjects().SetCanReuseObjectNumbers(false);
    const PoDoFo::PdfString date(core::format_pdf_date(ps.meta.created));

    PoDoFo::PdfAcroForm* form = nullptr;
    if (has_slots(ps)) {
        // No default appearance: PoDoFo would add a non-embedded Helvetica (facts §1 trap 4).
        form = doc.GetAcroForm(true, PoDoFo::ePdfAcroFormDefaultAppearance_None);
        form->GetObject()->GetDictionary().AddKey("SigFlags", static_cast<PoDoFo::pdf_int64>(1));
    }

    FontTable fonts(doc, ps.fonts);
    ImageTable images(doc, limits.max_image_bytes, limits.max_png_pixels_total);
    std::vector<std::string> field_names;
    Tagging tags(ps.structure);
    std::vector<std::unique_ptr<PoDoFo::PdfPage>> pages;  // ours, kept for the outline
    std::vector<PoDoFo::PdfObject*> page_objects;
    std::vector<PoDoFo::PdfPage*> page_wrappers;
    pages.reserve(ps.pages.size());
    const auto joins = text_joins(ps);
    for (std::size_t i = 0; i < ps.pages.size(); ++i) {
        pages.push_back(draw_page(doc, ps, i, fonts, images, form, date, field_names, tags, joins));
        page_objects.push_back(pages.back()->GetObject());
        page_wrappers.push_back(pages.back().get());
    }
    // One flat /Kids array, as CreatePage builds it, in one pass (sets /Parent and /Count).
    doc.GetPagesTree()->InsertPages(PoDoFo::ePdfPageInsertionPoint_InsertBeforeFirstPage, page_objects);
    fonts.finish();
    tags.finish(doc, page_objects);
    if (!ps.signing_order.empty()) add_signing_order(doc, ps.signing_order, field_names);
    if (!ps.kansli_data.empty()) add_kansli_data(doc, ps.kansli_data);

    std::vector<Bookmark> marks;
    marks.reserve(ps.outline.size() + ps.appended.size());
    for (const auto& e : ps.outline) marks.push_back({e.title, e.level, e.page, e.y});
    std::uintmax_t appended_bytes = 0;
    std::vector<Appended> appended;
    appended.reserve(ps.appended.size());
    int page_count = doc.GetPageCount();
    for (const auto& a : ps.appended) {
        std::error_code ec;
        appended_bytes += std::filesystem::file_size(a.path, ec);  // unreadable: open_appended says why
        if (!ec && appended_bytes > limits.max_appended_total_bytes) {
            core::throw_io(a.path, "the attached documents are too large together",
                           "the limit is " + std::to_string(limits.max_appended_total_bytes) + " bytes in all");
        }
        appended.push_back(open_appended(a.path, limits.max_appended_pdf_bytes));
        // One placeholder page per attachment; merge_appended() puts its pages there.
        const int first = add_placeholder(doc, appended.back());
        page_count += static_cast<int>(appended.back().pdf.pages.size());
        // The top of the appended page: its MediaBox height.
        const PoDoFo::PdfRect box = doc.GetPage(first)->GetMediaBox();
        marks.push_back({a.title, a.level, first, core::pt(box.GetBottom() + box.GetHeight())});
    }
    add_outline(doc, marks, page_wrappers);
    RenderedPdf out;
    const Claims claims = decide_claims(options, appended, out.diagnostics);
    add_metadata(doc, ps.meta, claims);

    {
        // Where Write() would embed them: first thing, after every other object. The subsets'
        // Flate data comes from this thread's memo when an earlier document compressed the same.
        const DeflateMemoScope memo;
        fonts.embed();
    }
    PoDoFo::PdfRefCountedBuffer buffer;
    PoDoFo::PdfOutputDevice device(&buffer);
    doc.Write(&device);
    const auto* data = reinterpret_cast<const std::uint8_t*>(buffer.GetBuffer());
    out.bytes.assign(data, data + device.GetLength());
    // One qpdf pass: attachments merged, PDF/A conformance, object streams (the tagging's ~350
    // small objects), ISO 19005-2 6.1 syntax.
    out.bytes = rewrite_with_qpdf(out.bytes, appended, pdfa, icc, &tags);
    if (out.bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        throw core::Error(core::ExitCode::Usage, "render", {}, "the PDF would be larger than 2 GB",
                          "append fewer or smaller documents");
    }
    out.page_count = page_count;
    out.claims_pdfa = claims.pdfa;
    set_content_id(out.bytes);
    return out;
}

}  // namespace

core::Bytes render_pdf(const layout::PageSet& pages, const RenderLimits& limits) { return render(pages, limits).bytes; }

RenderedPdf render(const layout::PageSet& pages, const RenderLimits& limits, const RenderOptions& options) {
    // PoDoFo prints debug output and logs to stdout/stderr unless told not to (facts §1 trap 2).
    PoDoFo::PdfError::EnableDebug(false);
    PoDoFo::PdfError::EnableLogging(false);
    try {
        return render_document(pages, limits, options);
    } catch (const PoDoFo::PdfError& e) {
        const char* msg = PoDoFo::PdfError::ErrorMessage(e.GetError());
        std::string info;
        if (!e.GetCallstack().empty()) info = e.GetCallstack().front().GetInformation();
        throw core::Error(core::ExitCode::Usage, "render", {},
                          std::string("PDF writer failed: ") + (msg ? msg : "unknown error") +
                              (info.empty() ? "" : " (" + info + ")"),
                          "this is a bug in kansli; please report it with the input file");
    }
}

}  // namespace kansli::render
