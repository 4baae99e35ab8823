#include "render/tagging.hpp"

#include "core/utf8.hpp"
#include "render/pdf_text.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace kansli::render {

namespace {

using PoDoFo::pdf_int64;
using PoDoFo::PdfName;

constexpr std::uint64_t kNoContent = std::numeric_limits<std::uint64_t>::max();

}  // namespace

Tagging::Tagging(const std::vector<layout::StructNode>& nodes)
    : m_nodes(nodes), m_content(nodes.size()), m_boxes(nodes.size()) {}

void Tagging::painted(int element, core::Length x, core::Length y, core::Length w, core::Length h) {
    if (!is_element(element)) return;
    Box& b = m_boxes[static_cast<std::size_t>(element)];
    const core::Length x1 = x + std::max<core::Length>(w, 0), y1 = y + std::max<core::Length>(h, 0);
    b = b.set ? Box{std::min(b.x0, x), std::min(b.y0, y), std::max(b.x1, x1), std::max(b.y1, y1), true}
              : Box{x, y, x1, y1, true};
}

bool Tagging::is_element(int element) const {
    return element >= 0 && static_cast<std::size_t>(element) < m_nodes.size();
}

const std::string& Tagging::type(int element) const { return m_nodes[static_cast<std::size_t>(element)].type; }

int Tagging::mark(std::size_t page, int element) {
    if (m_page_mcids.size() <= page) m_page_mcids.resize(page + 1);
    auto& mcids = m_page_mcids[page];
    const int mcid = static_cast<int>(mcids.size());
    mcids.push_back(element);
    m_content[static_cast<std::size_t>(element)].push_back(Kid{m_seq++, page, mcid, {}});
    return mcid;
}

namespace {

bool is_text_field(PoDoFo::PdfAnnotation& a) {
    const auto& d = a.GetObject()->GetDictionary();
    const PoDoFo::PdfObject* ft = d.GetKey("FT");
    return ft != nullptr && ft->IsName() && ft->GetName().GetName() == "Tx";
}

}  // namespace

void Tagging::annotations(PoDoFo::PdfPage& page, std::size_t index, const layout::Page& src) {
    if (!active()) return;
    std::vector<const layout::Link*> links;
    std::vector<const layout::SigSlot*> slots;
    for (const auto& op : src.ops) {
        if (const auto* l = std::get_if<layout::Link>(&op); l && !l->uri.empty()) links.push_back(l);
        if (const auto* s = std::get_if<layout::SigSlot>(&op)) slots.push_back(s);
    }
    std::size_t next_link = 0, next_slot = 0, next_text = 0;
    const int n = page.GetNumAnnots();
    for (int i = 0; i < n; ++i) {
        PoDoFo::PdfAnnotation* a = page.GetAnnotation(i);
        int element = -1;
        if (a->GetType() == PoDoFo::ePdfAnnotation_Link && next_link < links.size()) {
            const layout::Link& link = *links[next_link++];
            element = link.element;
            // /Contents: the link's own text, else its address (ISO 14289-1 7.18.1).
            std::u32string text;
            for (const auto& op : src.ops)
                if (const auto* t = std::get_if<layout::TextRun>(&op); t && t->element == element && element >= 0)
                    text += t->text;
            a->GetObject()->GetDictionary().AddKey("Contents",
                                                   text_string(text.empty() ? link.uri : core::to_utf8(text)));
        } else if (a->GetType() == PoDoFo::ePdfAnnotation_Widget && is_text_field(*a) &&
                   next_text < src.text_fields.size()) {
            element = src.text_fields[next_text++].element;  // an ANSLAG date: a Form in its TD
        } else if (a->GetType() == PoDoFo::ePdfAnnotation_Widget && next_slot < slots.size()) {
            const layout::SigSlot& slot = *slots[next_slot++];
            element = slot.element;
            // A field for nobody in particular still says what it is (ISO 14289-1 7.18.1); one
            // for a person keeps "Field: Name", which sign and verify read as the expected signer.
            auto& d = a->GetObject()->GetDictionary();
            if (!d.HasKey("TU")) d.AddKey("TU", text_string("Underskrift: " + slot.field_name));
        }
        if (!is_element(element)) continue;
        m_content[static_cast<std::size_t>(element)].push_back(Kid{m_seq++, index, -1, a->GetObject()->Reference()});
        m_annots.emplace_back(a->GetObject()->Reference(), element);
    }
    if (n > 0) page.GetObject()->GetDictionary().AddKey("Tabs", PdfName("S"));
}

namespace {

using OH = QPDFObjectHandle;

OH name(const std::string& n) { return OH::newName("/" + n); }

OH object(QPDF& out, const PoDoFo::PdfReference& r) {
    return out.getObjectByID(static_cast<int>(r.ObjectNumber()), r.GenerationNumber());
}

/// The attribute dictionary of an element: a TH's /Scope, else a Figure's Layout /BBox.
OH attributes(const layout::StructNode& node, bool painted, const std::array<double, 4>& box) {
    OH a = OH::newDictionary();
    if (!node.scope.empty()) {
        a.replaceKey("/O", name("Table"));
        a.replaceKey("/Scope", name(node.scope));
    } else if (painted) {
        // The Layout attribute /BBox of a Figure: what it paints, in default user space.
        std::vector<OH> v;
        for (double x : box) v.push_back(OH::newReal(x, 3, true));
        a.replaceKey("/O", name("Layout"));
        a.replaceKey("/BBox", OH::newArray(v));
    }
    return a;
}

}  // namespace

QPDFObjectHandle Tagging::kids(QPDF& out, std::size_t node, const std::vector<QPDFObjectHandle>& elems,
                               const std::vector<QPDFObjectHandle>& pages, const std::vector<std::uint64_t>& first,
                               const std::vector<std::vector<std::size_t>>& children) const {
    // Child elements keep source order; the element's own content goes between them by content
    // order (the text of a P around its Link).
    std::vector<OH> k;
    const auto& own = m_content[node];
    const std::size_t pg = own.empty() ? 0 : own.front().page;
    std::size_t i = 0;
    auto put_own = [&](const Kid& kid) {
        if (kid.annot.ObjectNumber() != 0) {
            OH objr = OH::newDictionary();
            objr.replaceKey("/Type", name("OBJR"));
            objr.replaceKey("/Obj", object(out, kid.annot));
            objr.replaceKey("/Pg", pages[kid.page]);
            k.push_back(objr);
        } else if (kid.page == pg) {
            k.push_back(OH::newInteger(kid.mcid));
        } else {
            OH mcr = OH::newDictionary();
            mcr.replaceKey("/Type", name("MCR"));
            mcr.replaceKey("/Pg", pages[kid.page]);
            mcr.replaceKey("/MCID", OH::newInteger(kid.mcid));
            k.push_back(mcr);
        }
    };
    for (std::size_t c : children[node]) {
        for (; i < own.size() && own[i].seq < first[c]; ++i) put_own(own[i]);
        k.push_back(elems[c]);
    }
    for (; i < own.size(); ++i) put_own(own[i]);
    return OH::newArray(k);
}

void Tagging::finish(PoDoFo::PdfMemDocument& doc, const std::vector<PoDoFo::PdfObject*>& pages) {
    if (!active()) return;
    // Parent tree keys: the pages with marked content in order, then the annotations (write_tree
    // numbers its entries the same way).
    pdf_int64 key = 0;
    m_pages.clear();
    for (std::size_t p = 0; p < pages.size(); ++p) {
        m_pages.push_back(pages[p]->Reference());
        if (p >= m_page_mcids.size() || m_page_mcids[p].empty()) continue;
        pages[p]->GetDictionary().AddKey("StructParents", key++);
    }
    for (const auto& entry : m_annots) {
        doc.GetObjects().GetObject(entry.first)->GetDictionary().AddKey("StructParent", key++);
    }
    PoDoFo::PdfDictionary mark_info;
    mark_info.AddKey("Marked", PoDoFo::PdfVariant(true));
    doc.GetCatalog()->GetDictionary().AddKey("MarkInfo", mark_info);
}

void Tagging::write_tree(QPDF& out) const {
    if (!active() || m_pages.empty()) return;
    const std::size_t n = m_nodes.size();
    std::vector<OH> pages;
    for (const auto& r : m_pages) pages.push_back(object(out, r));
    OH root = out.makeIndirectObject(OH::newDictionary());
    std::vector<OH> elems(n);
    std::vector<std::vector<std::size_t>> children(n);
    for (std::size_t i = 0; i < n; ++i) {
        elems[i] = out.makeIndirectObject(OH::newDictionary());
        const int parent = m_nodes[i].parent;
        if (i > 0 && parent >= 0 && static_cast<std::size_t>(parent) < i)
            children[static_cast<std::size_t>(parent)].push_back(i);
    }
    // The first content (in content order) of each subtree; parents come before their children.
    std::vector<std::uint64_t> first(n, kNoContent);
    for (std::size_t i = n; i-- > 0;) {
        if (!m_content[i].empty()) first[i] = std::min(first[i], m_content[i].front().seq);
        for (std::size_t c : children[i]) first[i] = std::min(first[i], first[c]);
    }
    for (std::size_t i = 0; i < n; ++i) {
        const layout::StructNode& node = m_nodes[i];
        OH d = elems[i];
        // No /Type /StructElem (optional, ISO 32000-1 table 323): 370 names less to write.
        d.replaceKey("/S", name(node.type));
        const int parent = node.parent;
        d.replaceKey("/P", i == 0 || parent < 0 ? root : elems[static_cast<std::size_t>(parent)]);
        if (!m_content[i].empty()) d.replaceKey("/Pg", pages[m_content[i].front().page]);
        if (!node.alt.empty()) d.replaceKey("/Alt", OH::newUnicodeString(node.alt));
        const Box& b = m_boxes[i];
        const std::array<double, 4> box{core::to_pt(b.x0), core::to_pt(b.y0), core::to_pt(b.x1), core::to_pt(b.y1)};
        if (!node.scope.empty() || b.set) d.replaceKey("/A", attributes(node, b.set, box));
        // A single kid stands alone, not in an array (ISO 32000-1 table 323, /K).
        OH k = kids(out, i, elems, pages, first, children);
        if (k.getArrayNItems() == 1) d.replaceKey("/K", k.getArrayItem(0));
        if (k.getArrayNItems() > 1) d.replaceKey("/K", k);
    }
    // The parent tree: page i's MCIDs → their elements; each annotation → its element.
    std::vector<OH> nums;
    long long key = 0;
    for (std::size_t p = 0; p < m_pages.size(); ++p) {
        if (p >= m_page_mcids.size() || m_page_mcids[p].empty()) continue;
        std::vector<OH> refs;
        for (int e : m_page_mcids[p]) refs.push_back(elems[static_cast<std::size_t>(e)]);
        nums.push_back(OH::newInteger(key++));
        nums.push_back(OH::newArray(refs));
    }
    for (const auto& entry : m_annots) {
        nums.push_back(OH::newInteger(key++));
        nums.push_back(elems[static_cast<std::size_t>(entry.second)]);
    }
    OH parent_tree = OH::newDictionary();
    parent_tree.replaceKey("/Nums", OH::newArray(nums));
    root.replaceKey("/Type", name("StructTreeRoot"));
    root.replaceKey("/K", elems[0]);
    root.replaceKey("/ParentTree", out.makeIndirectObject(parent_tree));
    root.replaceKey("/ParentTreeNextKey", OH::newInteger(key));
    out.getRoot().replaceKey("/StructTreeRoot", root);
}

}  // namespace kansli::render
