#include "render/append.hpp"

#include "core/diagnostic.hpp"
#include "render/foreign_structure.hpp"
#include "render/pdf_writer.hpp"

#include <qpdf/QPDFPageObjectHelper.hh>

#include <map>
#include <set>

namespace kansli::render {

namespace {

using OH = QPDFObjectHandle;

[[noreturn]] void refused(const std::string& path, const std::string& why, const std::string& hint) {
    throw core::Error(core::ExitCode::Invalid, "attachment", {path, 0, 0}, "cannot append this PDF: " + why, hint);
}

bool is_signature_field(OH annot) {
    // The field may be merged into the widget or be its /Parent (a few levels at most).
    for (int depth = 0; annot.isDictionary() && depth < 8; ++depth) {
        OH ft = annot.getKey("/FT");
        if (ft.isName()) return ft.getName() == "/Sig";
        annot = annot.getKey("/Parent");
    }
    return false;
}

/// Removes signature widgets from `pages`: they belong to the attachment's own signing and would
/// be fields outside our AcroForm (and a copied signature can no longer be valid).
void drop_signature_widgets(std::vector<OH>& pages) {
    for (OH& page : pages) {
        OH annots = page.getKey("/Annots");
        if (!annots.isArray()) continue;
        std::vector<OH> kept;
        bool dropped = false;
        for (OH a : annots.getArrayAsVector()) {
            if (is_signature_field(a)) {
                dropped = true;
            } else {
                kept.push_back(a);
            }
        }
        if (!dropped) continue;
        if (kept.empty()) {
            page.removeKey("/Annots");
        } else {
            page.replaceKey("/Annots", OH::newArray(kept));
        }
    }
}

/// Points every outline destination at a placeholder to the page that replaced it. The outline
/// is ours (PoDoFo wrote it), walked without recursion.
void redirect_outline(QPDF& out, const std::map<QPDFObjGen, OH>& first_page) {
    OH outlines = out.getRoot().getKey("/Outlines");
    if (!outlines.isDictionary()) return;
    std::vector<OH> todo{outlines.getKey("/First")};
    std::set<QPDFObjGen> seen;
    auto fix = [&first_page](OH dest) {
        if (!dest.isArray() || dest.getArrayNItems() == 0) return;
        OH page = dest.getArrayItem(0);
        if (!page.isIndirect()) return;
        auto it = first_page.find(page.getObjGen());
        if (it != first_page.end()) dest.setArrayItem(0, it->second);
    };
    while (!todo.empty()) {
        OH item = todo.back();
        todo.pop_back();
        if (!item.isDictionary() || (item.isIndirect() && !seen.insert(item.getObjGen()).second)) continue;
        fix(item.getKey("/Dest"));
        fix(item.getKey("/A").getKey("/D"));
        todo.push_back(item.getKey("/Next"));
        todo.push_back(item.getKey("/First"));
    }
}

}  // namespace

Appended open_appended(const std::string& path, std::size_t max_bytes) {
    Appended a;
    a.path = path;
    pdf::Limits limits = pdf::default_limits();
    limits.file_bytes = std::min<std::uint64_t>(limits.file_bytes, max_bytes);
    try {
        // Attachments come from scanners and office programs: let qpdf rebuild a broken xref table,
        // as viewers do (what it rebuilds is checked like the rest).
        a.pdf = pdf::open_file(path, limits, pdf::OpenOptions{true, true});
    } catch (const pdf::Refused& e) {
        if (e.kind() == pdf::Refusal::TooLarge) {
            core::throw_io(path, "the attached document is too large",
                           "the limit is " + std::to_string(limits.file_bytes) + " bytes");
        }
        refused(path, e.what(), e.hint());
    }
    return a;
}

int add_placeholder(PoDoFo::PdfMemDocument& doc, Appended& a) {
    std::vector<double> box{0, 0, 595.276, 841.89};
    try {
        OH mb = QPDFPageObjectHelper(a.pdf.pages.front()).getMediaBox();
        if (mb.isRectangle()) {
            const auto r = mb.getArrayAsRectangle();
            box = {r.llx, r.lly, r.urx - r.llx, r.ury - r.lly};
        }
    } catch (const std::exception& e) {
        refused(a.path, std::string("its first page has no readable size (") + e.what() + ")",
                "run 'qpdf --check' on it");
    }
    const int index = doc.GetPageCount();
    PoDoFo::PdfPage* page = doc.CreatePage(PoDoFo::PdfRect(box[0], box[1], box[2], box[3]));
    a.placeholder = static_cast<int>(page->GetObject()->Reference().ObjectNumber());
    return index;
}

void merge_appended(QPDF& out, std::vector<Appended>& attachments) {
    for (const auto& a : attachments) out.removePage(out.getObjectByID(a.placeholder, 0));
    std::map<QPDFObjGen, OH> first_page;
    for (auto& a : attachments) {
        try {
            drop_signature_widgets(a.pdf.pages);
            drop_foreign_structure_keys(a.pdf.pages);
            const std::size_t first = out.getAllPages().size();
            for (const OH& p : a.pdf.pages) out.addPage(p, false);
            first_page[QPDFObjGen(a.placeholder, 0)] = out.getAllPages().at(first);
        } catch (const std::exception& e) {
            refused(a.path, std::string("its pages cannot be copied (") + e.what() + ")", "run 'qpdf --check' on it");
        }
    }
    redirect_outline(out, first_page);
}

core::Bytes write_merged(QPDF& out, const std::vector<Appended>& attachments) {
    try {
        return write_pdf(out);  // reads the attachments' stream data (raw, never decoded)
    } catch (const std::exception& e) {
        if (attachments.empty()) throw;
        std::string names;
        for (const auto& a : attachments) names += (names.empty() ? "" : ", ") + a.path;
        refused(attachments.front().path, "the attached PDFs cannot be copied (" + names + ": " + e.what() + ")",
                "run 'qpdf --check' on each of them");
    }
}

}  // namespace kansli::render
