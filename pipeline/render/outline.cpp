#include "render/outline.hpp"

#include "core/diagnostic.hpp"
#include "render/pdf_text.hpp"

#include <algorithm>

namespace kansli::render {

namespace {

constexpr int kMaxDepth = 16;  // deeper levels are drawn at this depth

/// Sets /Count on `item` (open: the number of its descendants) and returns that number.
/// Recursion depth is bounded by kMaxDepth.
int set_counts(PoDoFo::PdfOutlineItem* item) {
    int count = 0;
    for (auto* child = item->First(); child; child = child->Next()) count += 1 + set_counts(child);
    if (count > 0) item->GetObject()->GetDictionary().AddKey("Count", static_cast<PoDoFo::pdf_int64>(count));
    return count;
}

}  // namespace

void add_outline(PoDoFo::PdfMemDocument& doc, const std::vector<Bookmark>& marks,
                 const std::vector<PoDoFo::PdfPage*>& known) {
    if (marks.empty()) return;
    PoDoFo::PdfOutlines* root = doc.GetOutlines(true);
    std::vector<PoDoFo::PdfOutlineItem*> chain;  // chain[d] = the last item at depth d
    const int page_count = doc.GetPageCount();
    for (const auto& m : marks) {
        if (m.page < 0 || m.page >= page_count) {
            throw core::Error(core::ExitCode::Invalid, "render", {},
                              "bookmark '" + m.title + "' points at page " + std::to_string(m.page + 1) + " of a " +
                                  std::to_string(page_count) + "-page document",
                              "this is a bug in layout: outline entries must point at existing pages");
        }
        auto level =
            static_cast<std::size_t>(std::clamp(m.level, 0, std::min(kMaxDepth, static_cast<int>(chain.size()))));
        PoDoFo::PdfOutlineItem* parent = level == 0 ? root : chain[level - 1];
        const auto index = static_cast<std::size_t>(m.page);
        const PoDoFo::PdfPage* page = index < known.size() ? known[index] : doc.GetPage(m.page);
        // [page /XYZ 0 top 0], as PdfDestination(page, left, top, zoom) builds it, but as a direct
        // array: that constructor also makes the array an indirect object, which nothing refers
        // to once the item has copied it, and removing it leaves a gap in the object numbers.
        // PoDoFo's xref writer opens a new subsection per gap and re-sorts all subsections each
        // time: quadratic in the number of bookmarks.
        PoDoFo::PdfArray array;
        array.push_back(page->GetObject()->Reference());
        array.push_back(PoDoFo::PdfName("XYZ"));
        array.push_back(0.0);
        array.push_back(core::to_pt(m.top));
        array.push_back(0.0);
        PoDoFo::PdfObject direct(array);
        const PoDoFo::PdfDestination dest(&direct, &doc.GetObjects());
        PoDoFo::PdfOutlineItem* item = parent->CreateChild(text_string(m.title), dest);
        chain.resize(level);
        chain.push_back(item);
    }
    // /Count: required on items with descendants (PDF 32000-1 §12.3.3); all open.
    set_counts(root);
    doc.GetCatalog()->GetDictionary().AddKey("PageMode", PoDoFo::PdfName("UseOutlines"));
}

}  // namespace kansli::render
