#include "layout/flow.hpp"

#include "layout/structure.hpp"

#include <algorithm>

namespace kansli::layout {
namespace {

struct Mover {
    Length dx, dy;
    void operator()(TextRun& t) const {
        t.x += dx;
        t.y += dy;
    }
    void operator()(Rule& r) const {
        r.x1 += dx;
        r.x2 += dx;
        r.y1 += dy;
        r.y2 += dy;
    }
    void operator()(Box& b) const {
        b.x += dx;
        b.y += dy;
    }
    void operator()(Image& i) const {
        i.x += dx;
        i.y += dy;
    }
    void operator()(Link& l) const {
        l.x += dx;
        l.y += dy;
    }
    void operator()(SigSlot& s) const {
        s.x += dx;
        s.y += dy;
    }
};

/// Vertical extent [lo, hi] of an op in item space (y up).
std::pair<Length, Length> extent(const DrawOp& op) {
    struct V {
        std::pair<Length, Length> operator()(const TextRun& t) const {
            return {t.y - t.size / 4, t.y + t.size * 3 / 4};
        }
        std::pair<Length, Length> operator()(const Rule& r) const {
            return {std::min(r.y1, r.y2), std::max(r.y1, r.y2)};
        }
        std::pair<Length, Length> operator()(const Box& b) const { return {b.y, b.y + b.h}; }
        std::pair<Length, Length> operator()(const Image& i) const { return {i.y, i.y + i.h}; }
        std::pair<Length, Length> operator()(const Link& l) const { return {l.y, l.y + l.h}; }
        std::pair<Length, Length> operator()(const SigSlot& s) const { return {s.y, s.y + s.h}; }
    };
    return std::visit(V{}, op);
}

/// Splits a box at `cut` (offset from its top): ops above go to the returned head; `item`
/// keeps the rest, moved up. Boxes crossing the cut are split in two.
FlowItem split_box(FlowItem& item, Length cut) {
    FlowItem head;
    head.kind = ItemKind::Box;
    head.height = cut;
    head.table = item.table;
    head.marks = std::move(item.marks);
    item.marks.clear();
    std::vector<DrawOp> rest;
    for (auto& op : item.ops) {
        if (auto* b = std::get_if<Box>(&op); b && b->y < -cut && b->y + b->h > -cut) {
            Box top = *b, bottom = *b;
            top.h = b->y + b->h + cut;
            top.y = -cut;
            bottom.h = -cut - b->y;
            head.ops.emplace_back(top);
            rest.emplace_back(bottom);
            continue;
        }
        const auto [lo, hi] = extent(op);
        (void)hi;
        if (lo >= -cut)
            head.ops.push_back(std::move(op));
        else
            rest.push_back(std::move(op));
    }
    for (auto& op : rest) translate(op, 0, cut);
    item.ops = std::move(rest);
    item.height -= cut;
    std::vector<Length> cuts;
    for (Length c : item.cuts)
        if (c > cut) cuts.push_back(c - cut);
    item.cuts = std::move(cuts);
    // Footnotes stay with the head (the reference is usually near the top).
    head.footnotes = std::move(item.footnotes);
    item.footnotes.clear();
    return head;
}

class Paginator final {
public:
    Paginator(FlowInput& in, const std::function<BodyArea(int)>& area, const FootnoteStyle& fs)
        : m_in(in), m_area(area), m_fs(fs) {
        start_page();
    }

    FlowResult run() {
        auto& items = m_in.items;
        std::size_t i = 0;
        while (i < items.size()) {
            FlowItem& item = items[i];
            if (item.kind == ItemKind::PageBreak) {
                if (m_has_content) next_page();
                ++i;
                continue;
            }
            if (item.kind == ItemKind::Glue) {
                if (m_has_content) m_pending_glue += item.height;
                ++i;
                continue;
            }
            maybe_repeat_header(i);
            const Length room = room_left();
            const Length chain = chain_height(i);
            const Length need = m_pending_glue + item.height + footnote_height(item);
            if (m_has_content && chain > room && chain <= empty_room()) {
                next_page();
                continue;
            }
            if (need <= room || (!m_has_content && item.cuts.empty()) || (!m_has_content && item.height <= room)) {
                place(item);
                m_last_table = item.table;
                ++i;
                continue;
            }
            // Does not fit. Split a box taller than an empty page; otherwise go to a new page.
            if (!item.cuts.empty() && item.height > empty_room()) {
                const Length avail = room - m_pending_glue - footnote_height(item);
                Length best = 0;
                for (Length c : item.cuts)
                    if (c <= avail) best = c;
                if (best > 0) {
                    FlowItem head = split_box(item, best);
                    place(head);
                    m_last_table = item.table;
                    next_page();
                    continue;
                }
                if (!m_has_content) {  // no cut fits at all: place it overflowing
                    place(item);
                    ++i;
                    continue;
                }
            }
            next_page();
        }
        finish_page();
        return std::move(m_out);
    }

private:
    void start_page() {
        const BodyArea a = m_area(static_cast<int>(m_out.pages.size()));
        m_top = a.top;
        m_bottom = a.bottom;
        m_y = a.top;
        m_fn_height = 0;
        m_fn_ids.clear();
        m_has_content = false;
        m_pending_glue = 0;
        m_out.pages.emplace_back();
    }

    void next_page() {
        finish_page();
        start_page();
    }

    [[nodiscard]] Length fn_block_height(const std::vector<FlowItem>& lines) const {
        Length h = 0;
        for (const auto& l : lines) h += l.height;
        return h;
    }

    /// Extra foot height the item's footnotes would add to this page.
    [[nodiscard]] Length footnote_height(const FlowItem& item) const {
        Length h = 0;
        for (int id : item.footnotes) {
            if (id < 0 || static_cast<std::size_t>(id) >= m_in.footnotes.size()) continue;
            if (std::find(m_fn_ids.begin(), m_fn_ids.end(), id) != m_fn_ids.end()) continue;
            h += fn_block_height(m_in.footnotes[static_cast<std::size_t>(id)]);
        }
        if (h > 0 && m_fn_ids.empty()) h += 2 * m_fs.rule_gap;
        return h;
    }

    [[nodiscard]] Length room_left() const { return m_y - m_bottom - m_fn_height; }
    [[nodiscard]] Length empty_room() const { return m_top - m_bottom; }

    /// Height from item i to the end of its keep_with_next chain (glue included).
    [[nodiscard]] Length chain_height(std::size_t i) const {
        const auto& items = m_in.items;
        Length h = m_pending_glue;
        for (std::size_t j = i; j < items.size(); ++j) {
            const auto& it = items[j];
            if (it.kind == ItemKind::PageBreak) break;
            if (it.kind == ItemKind::Glue) {
                h += it.height;
                continue;
            }
            h += it.height + footnote_height(it);
            if (!it.keep_with_next) break;
        }
        return h;
    }

    void maybe_repeat_header(std::size_t i) {
        const FlowItem& item = m_in.items[i];
        if (m_has_content || item.table < 0 || item.table_header || item.table != m_last_table) return;
        if (static_cast<std::size_t>(item.table) >= m_in.table_headers.size()) return;
        const FlowItem& header = m_in.table_headers[static_cast<std::size_t>(item.table)];
        if (header.height <= 0 || header.height + item.height > empty_room()) return;
        FlowItem copy = header;
        copy.marks.clear();
        make_artifacts(copy.ops);  // the repetition is pagination; the first header row is the THead
        place(copy);
    }

    void place(FlowItem& item) {
        m_y -= m_pending_glue;
        m_pending_glue = 0;
        Page& page = m_out.pages.back();
        for (auto& op : item.ops) {
            translate(op, 0, m_y);
            page.ops.push_back(std::move(op));
        }
        item.ops.clear();
        for (auto& m : item.marks) {
            m.page = static_cast<int>(m_out.pages.size()) - 1;
            m.y = m_y;
            m_out.outline.push_back(std::move(m));
        }
        item.marks.clear();
        const Length fh = footnote_height(item);
        for (int id : item.footnotes)
            if (id >= 0 && static_cast<std::size_t>(id) < m_in.footnotes.size() &&
                std::find(m_fn_ids.begin(), m_fn_ids.end(), id) == m_fn_ids.end())
                m_fn_ids.push_back(id);
        m_fn_height += fh;
        m_y -= item.height;
        m_has_content = true;
    }

    void finish_page() {
        if (m_fn_ids.empty()) return;
        Page& page = m_out.pages.back();
        Length y = m_bottom + m_fn_height - m_fs.rule_gap;
        page.ops.emplace_back(Rule{m_fs.left, y, m_fs.left + m_fs.rule_width, y, 500, m_fs.rule_color});
        y -= m_fs.rule_gap;
        for (int id : m_fn_ids) {
            for (const auto& line : m_in.footnotes[static_cast<std::size_t>(id)]) {
                for (DrawOp op : line.ops) {
                    translate(op, 0, y);
                    page.ops.push_back(std::move(op));
                }
                y -= line.height;
            }
        }
    }

    FlowInput& m_in;
    const std::function<BodyArea(int)>& m_area;
    FootnoteStyle m_fs;
    FlowResult m_out;
    Length m_top = 0, m_bottom = 0, m_y = 0, m_fn_height = 0, m_pending_glue = 0;
    std::vector<int> m_fn_ids;
    bool m_has_content = false;
    int m_last_table = -1;
};

}  // namespace

void translate(DrawOp& op, Length dx, Length dy) { std::visit(Mover{dx, dy}, op); }

FlowResult paginate(FlowInput in, const std::function<BodyArea(int)>& area, const FootnoteStyle& fs) {
    Paginator p(in, area, fs);
    return p.run();
}

}  // namespace kansli::layout
