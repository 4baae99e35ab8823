// Tagged PDF (ISO 32000-1 14.7-14.8, ISO 14289-1, ISO 19005-2 level A) from
// layout::PageSet::structure: marked content in the content streams (an MCID per element and
// page run, /Artifact for pagination), the structure tree in reading order, the parent tree,
// the OBJRs and /StructParent of link and widget annotations, /MarkInfo (internal to render/).
#pragma once

#include "layout/pageset.hpp"

#include <podofo/podofo.h>
#include <qpdf/QPDF.hh>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kansli::render {

class Tagging final {
public:
    /// `nodes` must outlive this; empty: untagged (content.cpp writes no marked content).
    explicit Tagging(const std::vector<layout::StructNode>& nodes);

    [[nodiscard]] bool active() const { return !m_nodes.empty(); }
    /// True when `element` names a node (else the op is an artifact).
    [[nodiscard]] bool is_element(int element) const;
    /// The structure type of `element` (the tag of its marked content).
    [[nodiscard]] const std::string& type(int element) const;
    /// The next MCID of page `page` (0-based, content order) for `element`.
    int mark(std::size_t page, int element);
    /// Records that `element` paints the rectangle (an image): its /BBox Layout attribute
    /// (ISO 32000-1 14.8.5.4.3, required for a Figure) is the union of what it paints.
    void painted(int element, core::Length x, core::Length y, core::Length w, core::Length h);
    /// After the page's annotations were made from `src`: each Link annotation gets its Link
    /// element's OBJR, /StructParent and /Contents (the link's text), each widget its Form's
    /// OBJR; a page with annotations gets /Tabs /S.
    void annotations(PoDoFo::PdfPage& page, std::size_t index, const layout::Page& src);
    /// Writes /StructParents, /StructParent and /MarkInfo with PoDoFo and notes the page objects.
    /// `pages` are the document's own pages in order.
    void finish(PoDoFo::PdfMemDocument& doc, const std::vector<PoDoFo::PdfObject*>& pages);
    /// Makes the structure tree and the parent tree in qpdf's copy of the PoDoFo output (whose
    /// object numbers qpdf keeps): ~370 small objects PoDoFo need not write nor qpdf parse.
    void write_tree(QPDF& out) const;

private:
    struct Kid {
        std::uint64_t seq = 0;  ///< content order over the whole document
        std::size_t page = 0;
        int mcid = -1;                    ///< marked content, or
        PoDoFo::PdfReference annot = {};  ///< an annotation (OBJR; object number 0: none)
    };
    QPDFObjectHandle kids(QPDF& out, std::size_t node, const std::vector<QPDFObjectHandle>& elems,
                          const std::vector<QPDFObjectHandle>& pages, const std::vector<std::uint64_t>& first,
                          const std::vector<std::vector<std::size_t>>& children) const;

    const std::vector<layout::StructNode>& m_nodes;
    std::vector<std::vector<Kid>> m_content;                     ///< per element, in content order
    std::vector<std::vector<int>> m_page_mcids;                  ///< per page: the element of each MCID
    std::vector<std::pair<PoDoFo::PdfReference, int>> m_annots;  ///< annotation, element
    std::vector<PoDoFo::PdfReference> m_pages;                   ///< the document's own pages
    std::uint64_t m_seq = 0;
    struct Box {
        core::Length x0 = 0, y0 = 0, x1 = 0, y1 = 0;
        bool set = false;
    };
    std::vector<Box> m_boxes;  ///< per element: what it paints (images)
};

}  // namespace kansli::render
