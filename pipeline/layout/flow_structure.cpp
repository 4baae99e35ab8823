// FlowBuilder's logical structure: elements opened and closed by the composers, the stamping of
// each box's ops, links, footnote Notes and label rows (layout/structure.hpp).
#include "layout/blocks.hpp"
#include "layout/structure.hpp"

namespace kansli::layout {

int FlowBuilder::open(std::string type) {
    const int id = element(std::move(type));
    m_open.push_back(m_cur);
    m_cur = id;
    return id;
}

void FlowBuilder::close() {
    if (m_open.empty()) return;
    m_cur = m_open.back();
    m_open.pop_back();
}

int FlowBuilder::element(std::string type, int parent) {
    return add_element(*m_tree, std::move(type), parent == -2 ? m_cur : parent);
}

void FlowBuilder::heading(int level, std::string_view utf8, Length x, Length width, const ParaOpts& o) {
    open(heading_type(level));
    text(utf8, x, width, o);
    close();
    m_level = level;
}

void FlowBuilder::tag(FlowItem& item, int node) {
    // Each link area is a Link element under the current one; the runs it covers are its text.
    for (auto& op : item.ops) {
        auto* link = std::get_if<Link>(&op);
        if (!link || link->element >= 0 || link->uri.empty()) continue;
        link->element = element("Link", node);
        for (auto& other : item.ops) {
            auto* run = std::get_if<TextRun>(&other);
            if (!run || run->element >= 0) continue;
            const Length mid = run->x + run->width / 2;
            if (mid >= link->x && mid <= link->x + link->w && run->y >= link->y && run->y <= link->y + link->h)
                run->element = link->element;
        }
    }
    stamp(item.ops, 0, node);
}

void FlowBuilder::note_for(int footnote) {
    if (footnote < 0 || m_notes->count(footnote) > 0) return;
    (*m_notes)[footnote] = element("Note");
}

void FlowBuilder::stamp_footnotes() {
    for (std::size_t id = 0; id < m_in.footnotes.size(); ++id) {
        if (m_in.footnotes[id].empty()) continue;
        const auto it = m_notes->find(static_cast<int>(id));
        // A footnote nobody refers to still is text of the document: a Note of the Document.
        const int note = it != m_notes->end() ? it->second : element("Note", 0);
        for (auto& item : m_in.footnotes[id]) tag(item, note);
    }
}

void FlowBuilder::label_cells(const std::string& container, int& label, int& value) {
    if (container == "Table" || container == "TBody") {
        const int tr = element("TR");
        label = element("TH", tr);
        node(label).scope = "Row";
        value = element("TD", tr);
    } else if (container == "L") {
        const int li = element("LI");
        label = element("Lbl", li);
        value = element("LBody", li);
    } else {
        label = value = holds_text(container) ? m_cur : element("P");
    }
}

std::vector<StructNode> FlowBuilder::take_structure() {
    std::vector<StructNode> out = std::move(*m_tree);
    *m_tree = {};
    return out;
}

}  // namespace kansli::layout
