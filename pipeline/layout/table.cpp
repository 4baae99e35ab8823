// Tables: wrapped cells holding blocks, one flow box per row, the header row repeated on each
// page, rows split between cell lines only when a row is taller than a page.
#include "layout/blocks.hpp"
#include "layout/structure.hpp"

#include <algorithm>
#include <numeric>
#include <set>

namespace kansli::layout {
namespace {

/// Column left edges and widths from relative weights (equal when absent or unusable).
std::vector<std::pair<Length, Length>> columns(const std::vector<double>& weights, std::size_t n, Length x,
                                               Length width) {
    std::vector<double> w(n, 1.0);
    if (weights.size() == n) {
        bool ok = true;
        for (double v : weights) ok = ok && v > 0 && v < 1e6;
        if (ok) w = weights;
    }
    const double total = std::accumulate(w.begin(), w.end(), 0.0);
    std::vector<std::pair<Length, Length>> out;
    Length at = x;
    for (std::size_t i = 0; i < n; ++i) {
        const Length cw = i + 1 == n ? x + width - at : static_cast<Length>(width * (w[i] / total));
        out.emplace_back(at, cw);
        at += cw;
    }
    return out;
}

}  // namespace

/// One laid-out row: ops in item space, its height and the offsets where it may be cut.
struct FlowBuilder::TableRow {
    std::vector<DrawOp> ops;
    std::vector<int> footnotes;
    Length height = 0;
    std::vector<Length> cuts;
};

FlowBuilder::TableRow FlowBuilder::table_row(const std::vector<model::TableCell>& cells, bool header,
                                             const std::vector<std::pair<Length, Length>>& cols) {
    const std::size_t ncols = cols.size();
    const Length pad = m_style.spacing.table_cell_padding;
    TableRow row;
    const int tr = element("TR");
    std::vector<std::set<Length>> bounds(ncols);
    std::vector<Length> ends(ncols, 0);
    for (std::size_t c = 0; c < ncols; ++c) {
        // Every row has ncols cells in the structure (a short row gets empty TDs).
        const int cell = element(header ? "TH" : "TD", tr);
        if (header) node(cell).scope = "Column";
        if (c >= cells.size()) continue;
        FlowBuilder sub(m_style, m_fonts, m_hyph, m_diags, m_base_dir);
        sub.m_tree = m_tree;
        sub.m_notes = m_notes;
        sub.m_cur = cell;
        sub.m_level = m_level;
        sub.set_embolden(header || m_embolden);
        sub.m_list_depth = m_list_depth;
        sub.m_at = cells[c].loc;
        sub.blocks(cells[c].blocks, cols[c].first + pad, cols[c].second - 2 * pad);
        FlowInput in = sub.take();
        Length y = pad;
        bool any = false;
        bounds[c].insert(y);
        for (auto& item : in.items) {
            if (item.kind == ItemKind::Glue) {
                if (any) y += item.height;
                continue;
            }
            if (item.kind != ItemKind::Box) continue;
            for (auto& op : item.ops) {
                translate(op, 0, -y);
                row.ops.push_back(std::move(op));
            }
            for (int f : item.footnotes) row.footnotes.push_back(f);
            // A nested row's own cuts are also cuts of this row.
            for (Length cut : item.cuts) bounds[c].insert(y + cut);
            y += item.height;
            bounds[c].insert(y);
            any = true;
        }
        ends[c] = y;
        row.height = std::max(row.height, y + pad);
    }
    row.height = std::max(row.height, 2 * pad + m_style.sizes.leading);
    // A cut is clean where every cell is between lines or past its content.
    std::set<Length> candidates;
    for (const auto& s : bounds) candidates.insert(s.begin(), s.end());
    for (Length cut : candidates) {
        if (cut <= pad || cut >= row.height - pad) continue;
        bool ok = true;
        for (std::size_t c = 0; c < ncols && ok; ++c) ok = cut >= ends[c] || bounds[c].count(cut) > 0;
        if (ok) row.cuts.push_back(cut);
    }
    return row;
}

void FlowBuilder::table(const model::Block& b, Length x, Length width) {
    std::size_t ncols = b.header.size();
    for (const auto& r : b.rows) ncols = std::max(ncols, r.cells.size());
    if (ncols == 0) return;
    if (ncols > kMaxColumns) {  // validation refuses these; never drop columns silently
        throw core::Error(
            core::ExitCode::Invalid, "layout", b.loc,
            "the table has " + std::to_string(ncols) + " columns, more than " + std::to_string(kMaxColumns),
            "split the table");
    }
    const auto cols = columns(b.column_weights, ncols, x, width);
    const Length pad = m_style.spacing.table_cell_padding;
    for (std::size_t c = 0; c < ncols; ++c) {
        if (!room(cols[c].second - 2 * pad, kMinCellText, b.loc,
                  "column " + std::to_string(c + 1) + " of " + std::to_string(ncols) + " of this table",
                  "use fewer columns, give the narrow ones more weight in kolumnbredder=\"…\", or split the table")) {
            return;
        }
    }
    const Color rule_colour = m_style.colours.table_rule;

    const int table_id = static_cast<int>(m_in.table_headers.size());
    FlowItem header_item;
    header_item.table = table_id;
    header_item.table_header = true;
    header_item.keep_with_next = true;
    open("Table");
    if (!b.header.empty()) {
        open("THead");
        TableRow h = table_row(b.header, true, cols);
        header_item.height = h.height;
        header_item.ops.emplace_back(
            Box{x, -h.height, width, h.height, 0, {}, true, m_style.colours.table_header_fill});
        for (auto& op : h.ops) header_item.ops.push_back(std::move(op));
        header_item.ops.emplace_back(Rule{x, 0, x + width, 0, core::pt(0.8), rule_colour});
        header_item.ops.emplace_back(Rule{x, -h.height, x + width, -h.height, core::pt(0.8), rule_colour});
        header_item.footnotes = std::move(h.footnotes);
    }
    m_in.table_headers.push_back(header_item);
    if (!b.header.empty()) {
        box(header_item);
        close();
    }
    open("TBody");
    for (std::size_t r = 0; r < b.rows.size(); ++r) {
        TableRow row = table_row(b.rows[r].cells, false, cols);
        FlowItem item;
        item.table = table_id;
        item.height = row.height;
        item.ops = std::move(row.ops);
        if (b.header.empty() && r == 0) item.ops.emplace_back(Rule{x, 0, x + width, 0, core::pt(0.8), rule_colour});
        item.ops.emplace_back(Rule{x, -row.height, x + width, -row.height,
                                   r + 1 == b.rows.size() ? core::pt(0.8) : core::pt(0.4), rule_colour});
        item.cuts = std::move(row.cuts);
        item.footnotes = std::move(row.footnotes);
        box(std::move(item));
    }
    close();
    close();
}

}  // namespace kansli::layout
