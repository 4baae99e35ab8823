// Building flow items: paragraphs (via typeset_paragraph), headings, lists, label/value rows,
// tables (table.cpp), images and footnotes, in the house style. The document composers
// (compose_*.cpp) drive a FlowBuilder and then paginate its FlowInput.
#pragma once

#include "layout/flow.hpp"
#include "layout/style.hpp"
#include "layout/text.hpp"
#include "model/text.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::layout {

/// How to set one paragraph. Zero size/leading mean the style's body size and leading.
struct ParaOpts {
    FaceStyle face = FaceStyle::Regular;
    Length size = 0;
    Length leading = 0;
    Alignment align = Alignment::Left;
    Color color;
    bool keep_with_next = false;  ///< keep the last line with what follows (headings, labels)
    bool hyphenate = true;
    Length hanging = 0;  ///< lines after the first start this much further right (a hanging indent)
};

/// Superscript digits for a footnote mark ("12" → "¹²").
std::u32string superscript(int number);

class FlowBuilder final {
public:
    /// All references must outlive the builder. `base_dir` resolves image paths; `diags` (may be
    /// null) receives warnings (missing glyphs, unreadable images).
    FlowBuilder(const Style& style, const FontSet& fonts, Hyphenator* hyphenator, core::DiagSink* diags,
                std::string base_dir = {});

    [[nodiscard]] const Style& style() const { return m_style; }
    [[nodiscard]] const FontSet& fonts() const { return m_fonts; }

    void glue(Length height);
    void page_break();
    /// Appends a ready box (ops in item space, see FlowItem).
    void box(FlowItem item);
    /// Anchors a bookmark at the next box added.
    void mark(std::string title, int level);
    /// Where the text given as plain strings from now on comes from (headings, names, places):
    /// the location of missing-glyph and layout diagnostics about it.
    void at(const core::SourceLoc& loc) { m_at = loc; }

    /// Model inlines → spans: bold/italic faces, links coloured and linked, footnote references
    /// as superscript marks (their ids, footnote_index - 1, appended to `footnotes`).
    std::vector<Span> spans(const model::Inlines& inlines, const ParaOpts& o, std::vector<int>* footnotes) const;
    std::vector<Span> spans(std::string_view utf8, const ParaOpts& o) const;

    /// Sets a paragraph at [x, x + width] as one box per line, with widow/orphan keeps
    /// (at least two lines on either side of a break). Returns the number of lines.
    int paragraph(const std::vector<Span>& spans, Length x, Length width, const ParaOpts& o,
                  const std::vector<int>& footnotes = {});
    int text(std::string_view utf8, Length x, Length width, const ParaOpts& o);

    /// Body blocks at [x, x + width], separated by paragraph gaps.
    void blocks(const model::Blocks& blocks, Length x, Length width);
    void block(const model::Block& b, Length x, Length width);
    void list(const model::Block& b, Length x, Length width);
    void table(const model::Block& b, Length x, Length width);  ///< in table.cpp

    /// Narrowest text a list item (kMinListText) or a table cell (kMinCellText) may get: below
    /// it the content would be unreadable, run off the page or overlap its neighbour, so the
    /// build refuses it (error kind "layout" at `loc`) instead of drawing it.
    static constexpr Length kMinListText = core::mm(30);
    static constexpr Length kMinCellText = core::mm(5);
    /// Most columns a table may have (validation refuses more; layout never drops a column).
    static constexpr std::size_t kMaxColumns = 64;
    void image(const model::Block& b, Length x, Length width);

    /// A label/value row: `label` bold in [x, value_x - gap], each value a paragraph at
    /// [value_x, right]; the label sits on the first value's first line. A value that wraps
    /// continues `hanging` further right (an attendance entry never looks like the next one).
    void label_row(std::string_view label, const std::vector<std::vector<Span>>& values, Length x, Length value_x,
                   Length right, Length hanging = 0);

    /// Registers the text of footnote `id` (0-based), set at the foot of the page that refers to it.
    void footnote(int id, const model::Inlines& text);

    /// Lines of `spans` at `width`, without adding them (for page templates and measuring).
    std::vector<Line> lines(const std::vector<Span>& spans, Length width, const ParaOpts& o) const;
    /// Baseline offset below a line box top for `o` (size, leading).
    [[nodiscard]] Length baseline_in_box(const ParaOpts& o) const;
    /// A line as draw ops with its left edge at x and baseline at y.
    static void emit_line(const Line& line, Length x, Length y, std::vector<DrawOp>& out);

    /// The items so far; the builder is empty afterwards.
    FlowInput take();
    /// Bold for Regular text (table headers). Nested builders inherit it.
    void set_embolden(bool on) { m_embolden = on; }

    // Logical structure (layout/structure.hpp, flow_structure.cpp). Node 0 is the Document; the
    // text and images of every box added belong to the current element (paragraph() opens a P
    // unless the current element holds text itself, image() a Figure, list() L/LI/Lbl/LBody,
    // table() Table/THead/TBody/TR/TH/TD, a link a Link under its paragraph).
    /// Opens a new element of `type` under the current one and makes it current; returns it.
    int open(std::string type);
    /// Makes the parent of the element last opened current again.
    void close();
    /// A new element of `type` under `parent` (-2: the current one), not entered.
    int element(std::string type, int parent = -2);
    [[nodiscard]] int current() const { return m_cur; }
    StructNode& node(int id) { return (*m_tree)[static_cast<std::size_t>(id)]; }
    /// A heading H`level` (1..6) holding the lines of `utf8`; later subheadings go one deeper.
    void heading(int level, std::string_view utf8, Length x, Length width, const ParaOpts& o);
    void set_heading_level(int level) { m_level = level; }
    /// The structure built so far (footnote lines are stamped with their Note by take()).
    std::vector<StructNode> take_structure();

private:
    /// False (after reporting, or throwing core::Error exit 1 without a sink) when `width` < `min`.
    bool room(Length width, Length min, const core::SourceLoc& loc, const std::string& what, const std::string& hint);
    struct TableRow;  ///< one laid-out table row (table.cpp)
    /// Lays out one row of `cells` in the columns `cols` (left edge, width), a TR of TH or TD.
    TableRow table_row(const std::vector<model::TableCell>& cells, bool header,
                       const std::vector<std::pair<Length, Length>>& cols);

    [[nodiscard]] Length size_of(const ParaOpts& o) const { return o.size > 0 ? o.size : m_style.sizes.body; }
    [[nodiscard]] Length leading_of(const ParaOpts& o) const;
    FaceStyle face_of(FaceStyle f) const;

    const Style& m_style;
    const FontSet& m_fonts;
    Hyphenator* m_hyph;
    core::DiagSink* m_diags;
    std::string m_base_dir;
    core::SourceLoc m_at;  ///< see at()
    FlowInput m_in;
    std::vector<OutlineEntry> m_pending_marks;
    int m_list_depth = 0;
    bool m_embolden = false;

    void tag(FlowItem& item, int node);  ///< stamps a box's ops with `node`, its links with Link elements
    void note_for(int footnote);         ///< the Note of a footnote reference
    void stamp_footnotes();              ///< footnote lines → their Note (take())
    void label_cells(const std::string& container, int& label, int& value);  ///< label_row's elements
    std::vector<StructNode> m_own_tree;
    std::vector<StructNode>* m_tree = &m_own_tree;  ///< shared with nested (table cell) builders
    std::map<int, int> m_own_notes;
    std::map<int, int>* m_notes = &m_own_notes;  ///< footnote id → its Note element
    int m_cur = 0;
    std::vector<int> m_open;
    int m_level = 1;  ///< level of the last heading
};

}  // namespace kansli::layout
