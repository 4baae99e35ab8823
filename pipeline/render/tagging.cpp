#include "render/tagging.hpp"

#include "core/utf8.hpp"
#include "render/pdf_text.hpp"

#include <algorithm>
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
    m_content[static_cast<std::size_t>(element)].push_back(Kid{m_seq++, page, mcid, nullptr});
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
        m_content[static_cast<std::size_t>(element)].push_back(Kid{m_seq++, index, -1, a->GetObject()});
        m_annots.emplace_back(a->GetObject(), element);
    }
    if (n > 0) page.GetObject()->GetDictionary().AddKey("Tabs", PdfName("S"));
}

PoDoFo::PdfArray Tagging::kids(std::size_t node, const std::vector<PoDoFo::PdfObject*>& elems,
                               const std::vector<PoDoFo::PdfObject*>& pages, const std::vector<std::uint64_t>& first,
                               const std::vector<std::vector<std::size_t>>& children) const {
    // Child elements keep source order; the element's own content goes between them by content
    // order (the text of a P around its Link).
    PoDoFo::PdfArray k;
    const auto& own = m_content[node];
    const std::size_t pg = own.empty() ? 0 : own.front().page;
    std::size_t i = 0;
    auto put_own = [&](const Kid& kid) {
        if (kid.annot) {
            PoDoFo::PdfDictionary objr;
            objr.AddKey(PdfName::KeyType, PdfName("OBJR"));
            objr.AddKey("Obj", kid.annot->Reference());
            objr.AddKey("Pg", pages[kid.page]->Reference());
            k.push_back(objr);
        } else if (kid.page == pg) {
            k.push_back(static_cast<pdf_int64>(kid.mcid));
        } else {
            PoDoFo::PdfDictionary mcr;
            mcr.AddKey(PdfName::KeyType, PdfName("MCR"));
            mcr.AddKey("Pg", pages[kid.page]->Reference());
            mcr.AddKey("MCID", static_cast<pdf_int64>(kid.mcid));
            k.push_back(mcr);
        }
    };
    for (std::size_t c : children[node]) {
        for (; i < own.size() && own[i].seq < first[c]; ++i) put_own(own[i]);
        k.push_back(elems[c]->Reference());
    }
    for (; i < own.size(); ++i) put_own(own[i]);
    return k;
}

void Tagging::finish(PoDoFo::PdfMemDocument& doc, const std::vector<PoDoFo::PdfObject*>& pages) {
    if (!active()) return;
    auto& objects = doc.GetObjects();
    PoDoFo::PdfObject* root = objects.CreateObject("StructTreeRoot");
    const std::size_t n = m_nodes.size();
    std::vector<PoDoFo::PdfObject*> elems(n);
    std::vector<std::vector<std::size_t>> children(n);
    for (std::size_t i = 0; i < n; ++i) {
        elems[i] = objects.CreateObject("StructElem");
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
        auto& d = elems[i]->GetDictionary();
        d.AddKey("S", PdfName(node.type));
        const int parent = node.parent;
        d.AddKey("P", i == 0 || parent < 0 ? root->Reference() : elems[static_cast<std::size_t>(parent)]->Reference());
        if (!m_content[i].empty()) d.AddKey("Pg", pages[m_content[i].front().page]->Reference());
        if (!node.alt.empty()) d.AddKey("Alt", text_string(node.alt));
        if (!node.scope.empty()) {
            PoDoFo::PdfDictionary a;
            a.AddKey("O", PdfName("Table"));
            a.AddKey("Scope", PdfName(node.scope));
            d.AddKey("A", a);
        } else if (m_boxes[i].set) {
            // The Layout attribute /BBox of a Figure: what it paints, in default user space.
            const Box& b = m_boxes[i];
            PoDoFo::PdfArray box;
            for (core::Length v : {b.x0, b.y0, b.x1, b.y1}) box.push_back(core::to_pt(v));
            PoDoFo::PdfDictionary a;
            a.AddKey("O", PdfName("Layout"));
            a.AddKey("BBox", box);
            d.AddKey("A", a);
        }
        PoDoFo::PdfArray k = kids(i, elems, pages, first, children);
        if (!k.empty()) d.AddKey("K", k);
    }
    // The parent tree: page i's MCIDs → their elements; each annotation → its element.
    PoDoFo::PdfArray nums;
    pdf_int64 key = 0;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        if (p >= m_page_mcids.size() || m_page_mcids[p].empty()) continue;
        PoDoFo::PdfArray refs;
        for (int e : m_page_mcids[p]) refs.push_back(elems[static_cast<std::size_t>(e)]->Reference());
        pages[p]->GetDictionary().AddKey("StructParents", key);
        nums.push_back(key++);
        nums.push_back(refs);
    }
    for (const auto& [annot, e] : m_annots) {
        annot->GetDictionary().AddKey("StructParent", key);
        nums.push_back(key++);
        nums.push_back(elems[static_cast<std::size_t>(e)]->Reference());
    }
    PoDoFo::PdfObject* parent_tree = objects.CreateObject();
    parent_tree->GetDictionary().AddKey("Nums", nums);
    auto& r = root->GetDictionary();
    r.AddKey("K", elems[0]->Reference());
    r.AddKey("ParentTree", parent_tree->Reference());
    r.AddKey("ParentTreeNextKey", key);
    auto& catalog = doc.GetCatalog()->GetDictionary();
    catalog.AddKey("StructTreeRoot", root->Reference());
    PoDoFo::PdfDictionary mark_info;
    mark_info.AddKey("Marked", PoDoFo::PdfVariant(true));
    catalog.AddKey("MarkInfo", mark_info);
}

}  // namespace kansli::render
