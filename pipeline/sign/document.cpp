#include "sign/document.hpp"

#include "core/diagnostic.hpp"
#include "pdf/reader.hpp"
#include "sign/refuse.hpp"

#include <string_view>

namespace kansli::sign::detail {
namespace {

std::unique_ptr<QPDF> load(const core::Bytes& pdf, bool recover) {
    auto q = std::make_unique<QPDF>();
    q->setSuppressWarnings(true);
    q->setAttemptRecovery(recover);
    q->processMemoryFile("pdf", reinterpret_cast<const char*>(pdf.data()), pdf.size());
    return q;
}

// Loaded (with recovery when `recover`), its object streams scanned under the caps before qpdf
// resolves anything (a catalog inside a decompression bomb), then its catalog read.
std::unique_ptr<QPDF> load_checked(const core::Bytes& pdf, bool recover) {
    auto q = load(pdf, recover);
    pdf::Usage used;
    (void)pdf::check_loaded(*q, pdf::default_limits(), used, pdf::OpenOptions{recover, false});
    (void)q->getRoot();
    return q;
}

// The offset after the last "startxref" (0 when absent or unreadable).
std::size_t last_startxref(const core::Bytes& pdf) {
    const std::string_view text(reinterpret_cast<const char*>(pdf.data()), pdf.size());
    const auto pos = text.rfind("startxref");
    if (pos == std::string_view::npos) return 0;
    std::size_t i = pos + 9;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\r' || text[i] == '\n')) ++i;
    std::size_t offset = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9' && offset < pdf.size(); ++i) {
        offset = offset * 10 + static_cast<std::size_t>(text[i] - '0');
    }
    return offset;
}

}  // namespace

Document open_document(const core::Bytes& pdf) {
    // The shared hardened reader: its lexical pre-scan before qpdf parses anything, its checks of
    // the loaded file (objects, object streams, page tree) before anything walks the pages.
    const pdf::Limits& limits = pdf::default_limits();
    pdf::Usage used;
    try {
        pdf::check_bytes(pdf, limits, used);
    } catch (const pdf::Refused& e) {
        refuse(std::string("the PDF is refused: ") + e.what(), e.hint());
    }
    // A strict load that fails, or a strict catalog that does not read: damaged. Say whether qpdf
    // could repair it (its cross-reference table does not match its objects) or not.
    auto damaged = [&pdf](const std::exception& strict) {
        bool repairable = false;
        try {
            repairable = load_checked(pdf, true) != nullptr;
        } catch (const std::exception&) {}
        if (repairable) {
            refuse("the PDF is damaged: its cross-reference table does not match its objects (" +
                       std::string(strict.what()) + ")",
                   "repair it first with qpdf (qpdf in.pdf out.pdf), before the first signature: repairing a "
                   "signed PDF breaks its signatures");
        }
        refuse(std::string("cannot read the PDF: ") + strict.what());
    };
    Document doc;
    try {
        doc.qpdf = load(pdf, false);
    } catch (const std::exception& strict) {
        damaged(strict);
    }
    if (doc.qpdf->isEncrypted()) refuse("encrypted PDFs cannot be signed by kansli");
    try {
        (void)pdf::check_loaded(*doc.qpdf, limits, used, pdf::OpenOptions{false, true});
    } catch (const pdf::Refused& e) {
        refuse(std::string("the PDF is refused: ") + e.what(), e.hint());
    } catch (const std::exception& e) {  // an object qpdf cannot parse (the catalog among them)
        damaged(e);
    }
    if (!doc.qpdf->getRoot().isDictionary()) refuse("the PDF has no document catalog");
    for (const auto& [og, entry] : doc.qpdf->getXRefTable()) doc.max_object = std::max(doc.max_object, og.getObj());
    doc.last_xref = last_startxref(pdf);
    if (doc.last_xref == 0 || doc.last_xref >= pdf.size()) refuse("the PDF has no usable startxref");
    const std::string_view at(reinterpret_cast<const char*>(pdf.data()) + doc.last_xref,
                              std::min<std::size_t>(4, pdf.size() - doc.last_xref));
    doc.xref_stream = at != "xref";
    return doc;
}

}  // namespace kansli::sign::detail
