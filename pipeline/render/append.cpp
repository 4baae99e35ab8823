#include "render/append.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "render/nesting.hpp"

#include <cstring>
#include <set>
#include <vector>

namespace kansli::render {

namespace {
[[noreturn]] void broken(const std::string& path, const std::string& why) {
    throw core::Error(core::ExitCode::Invalid, "attachment", {path, 0, 0}, "cannot append this PDF: " + why,
                      "open it in a PDF viewer and save or print it again as PDF, or run "
                      "'qpdf --check' on it");
}

const PoDoFo::PdfObject* resolve(PoDoFo::PdfVecObjects& objects, const PoDoFo::PdfObject* o) {
    return o && o->IsReference() ? objects.GetObject(o->GetReference()) : o;
}

bool is_signature_field(PoDoFo::PdfVecObjects& objects, const PoDoFo::PdfObject* annot) {
    // The field may be merged into the widget or be its /Parent (a few levels at most).
    for (int depth = 0; annot && annot->IsDictionary() && depth < 8; ++depth) {
        const PoDoFo::PdfObject* ft = resolve(objects, annot->GetDictionary().GetKey("FT"));
        if (ft && ft->IsName()) return ft->GetName() == PoDoFo::PdfName("Sig");
        annot = resolve(objects, annot->GetDictionary().GetKey("Parent"));
    }
    return false;
}

/// Removes signature widgets from the pages of `other`: they belong to its own signing and
/// would be fields outside our AcroForm (and a copied signature can no longer be valid).
void drop_signature_widgets(PoDoFo::PdfMemDocument& other) {
    PoDoFo::PdfVecObjects& objects = other.GetObjects();
    for (int i = 0; i < other.GetPageCount(); ++i) {
        PoDoFo::PdfObject* page = other.GetPage(i)->GetObject();
        PoDoFo::PdfObject* annots = page->GetDictionary().GetKey("Annots");
        if (annots && annots->IsReference()) annots = objects.GetObject(annots->GetReference());
        if (!annots || !annots->IsArray()) continue;
        PoDoFo::PdfArray kept;
        for (const auto& a : annots->GetArray()) {
            if (!is_signature_field(objects, resolve(objects, &a))) kept.push_back(a);
        }
        if (kept.empty()) {
            page->GetDictionary().RemoveKey("Annots");
        } else if (kept.size() != annots->GetArray().size()) {
            page->GetDictionary().AddKey("Annots", kept);
        }
    }
}

/// Pushes every reference held (directly or nested) by `o` onto `todo`.
void collect_references(const PoDoFo::PdfObject& o, std::vector<PoDoFo::PdfReference>& todo) {
    std::vector<const PoDoFo::PdfObject*> stack{&o};
    while (!stack.empty()) {
        const PoDoFo::PdfObject* v = stack.back();
        stack.pop_back();
        if (v->IsReference()) {
            todo.push_back(v->GetReference());
        } else if (v->IsDictionary()) {
            for (const auto& [key, value] : v->GetDictionary().GetKeys()) stack.push_back(value);
        } else if (v->IsArray()) {
            for (const auto& item : v->GetArray()) stack.push_back(&item);
        }
    }
}

/// Append() copies every object of `other`. Keep only what its pages need (plus its catalog
/// and info, which PoDoFo's wrappers still point to): its outline, forms, name trees, structure
/// tree and the signature dictionaries of dropped widgets would otherwise ride along as
/// unreferenced objects, and verifiers that scan for /Type /Sig would find stale signatures.
void prune_to_pages(PoDoFo::PdfMemDocument& other) {
    PoDoFo::PdfObject* catalog = other.GetCatalog();
    PoDoFo::PdfObject* pages_root = catalog->GetIndirectKey("Pages");
    if (!pages_root) return;
    PoDoFo::PdfDictionary kept_catalog;
    kept_catalog.AddKey(PoDoFo::PdfName::KeyType, PoDoFo::PdfName("Catalog"));
    kept_catalog.AddKey("Pages", pages_root->Reference());
    catalog->GetDictionary() = kept_catalog;

    PoDoFo::PdfVecObjects& objects = other.GetObjects();
    std::set<PoDoFo::PdfReference> reachable{catalog->Reference()};
    std::vector<PoDoFo::PdfReference> todo;
    collect_references(*catalog, todo);
    if (const PoDoFo::PdfObject* info = other.GetTrailer()->GetDictionary().GetKey("Info"); info && info->IsReference()) {
        todo.push_back(info->GetReference());
    }
    while (!todo.empty()) {
        const PoDoFo::PdfReference ref = todo.back();
        todo.pop_back();
        if (!reachable.insert(ref).second) continue;
        if (const PoDoFo::PdfObject* o = objects.GetObject(ref)) collect_references(*o, todo);
    }
    std::vector<PoDoFo::PdfReference> unreachable;
    for (const PoDoFo::PdfObject* o : objects) {
        if (!reachable.count(o->Reference())) unreachable.push_back(o->Reference());
    }
    // Marked free: Append() numbers the next document after size + free objects, so every gap
    // must be on the free list.
    for (const auto& ref : unreachable) delete objects.RemoveObject(ref, true);
}

}  // namespace

int append_pdf(PoDoFo::PdfMemDocument& doc, const std::string& path, std::size_t max_bytes) {
    const core::Bytes data = core::read_file(path, max_bytes);
    // The header may be preceded by junk (PDF 32000-1 §7.5.2 allows viewers to be lenient);
    // we accept it within the first 1024 bytes, as most readers do.
    const char* begin = reinterpret_cast<const char*>(data.data());
    const std::size_t scan = data.size() < 1024 ? data.size() : 1024;
    if (scan < 5 || !memmem(begin, scan, "%PDF-", 5)) broken(path, "it does not start with a PDF header");
    if (data.size() > static_cast<std::size_t>(std::numeric_limits<long>::max())) broken(path, "too large");

    // PoDoFo 0.9.8 needs cubic time for deep dictionary nesting and crashes near 17k levels;
    // real documents stay far below this.
    constexpr std::size_t kMaxNesting = 100;
    if (max_nesting(std::string_view(begin, data.size()), kMaxNesting) > kMaxNesting) {
        broken(path, "its objects are nested more than " + std::to_string(kMaxNesting) + " levels deep");
    }

    PoDoFo::PdfMemDocument other;
    try {
        other.LoadFromBuffer(begin, static_cast<long>(data.size()));
    } catch (const PoDoFo::PdfError& e) {
        const char* msg = PoDoFo::PdfError::ErrorMessage(e.GetError());
        if (e.GetError() == PoDoFo::ePdfError_InvalidPassword) broken(path, "it is encrypted with a password");
        broken(path, std::string("it is damaged (") + (msg ? msg : "parse error") + ")");
    }
    if (other.GetEncrypted()) broken(path, "it is encrypted");
    const int pages = other.GetPageCount();
    if (pages <= 0) broken(path, "it has no pages");
    // Leave its bookmarks out (ours point at its first page instead); PoDoFo would otherwise
    // hang them under our last top-level entry.
    other.GetCatalog()->GetDictionary().RemoveKey("Outlines");
    drop_signature_widgets(other);
    prune_to_pages(other);

    const int first = doc.GetPageCount();
    doc.Append(other, true);
    if (doc.GetPageCount() != first + pages) broken(path, "its page tree could not be copied");
    return first;
}

}  // namespace kansli::render
