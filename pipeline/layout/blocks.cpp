#include "layout/blocks.hpp"

#include "core/image_size.hpp"
#include "layout/structure.hpp"

#include <algorithm>
#include <cmath>

namespace kansli::layout {
namespace {

bool is_superscript_digit(char32_t c) {
    return c == U'\u2070' || c == U'\u00b9' || c == U'\u00b2' || c == U'\u00b3' || (c >= U'\u2074' && c <= U'\u2079');
}

/// Footnote ids of each line: the k-th group of superscript digits is the k-th reference.
std::vector<std::vector<int>> footnotes_per_line(const std::vector<Line>& lines, const std::vector<int>& ids) {
    std::vector<std::vector<int>> out(lines.size());
    std::size_t next = 0;
    for (std::size_t l = 0; l < lines.size(); ++l) {
        bool in_mark = false;
        for (const auto& run : lines[l].runs)
            for (char32_t c : run.text) {
                const bool sup = is_superscript_digit(c);
                if (sup && !in_mark && next < ids.size()) out[l].push_back(ids[next++]);
                in_mark = sup;
            }
    }
    for (; next < ids.size() && !out.empty(); ++next) out.back().push_back(ids[next]);
    return out;
}

}  // namespace

std::u32string superscript(int number) {
    static constexpr char32_t kDigits[10] = {U'\u2070', U'\u00b9', U'\u00b2', U'\u00b3', U'\u2074',
                                             U'\u2075', U'\u2076', U'\u2077', U'\u2078', U'\u2079'};
    std::u32string out;
    for (char c : std::to_string(std::max(0, number))) out += kDigits[c - '0'];
    return out;
}

FlowBuilder::FlowBuilder(const Style& style, const FontSet& fonts, Hyphenator* hyphenator, core::DiagSink* diags,
                         std::string base_dir)
    : m_style(style), m_fonts(fonts), m_hyph(hyphenator), m_diags(diags), m_base_dir(std::move(base_dir)) {
    add_element(m_own_tree, "Document", -1);
}

Length FlowBuilder::leading_of(const ParaOpts& o) const {
    if (o.leading > 0) return o.leading;
    const Length size = size_of(o);
    // Scale the body leading to other sizes.
    return static_cast<Length>(static_cast<std::int64_t>(m_style.sizes.leading) * size / m_style.sizes.body);
}

FaceStyle FlowBuilder::face_of(FaceStyle f) const {
    if (!m_embolden) return f;
    if (f == FaceStyle::Regular) return FaceStyle::Bold;
    if (f == FaceStyle::Italic) return FaceStyle::BoldItalic;
    return f;
}

Length FlowBuilder::baseline_in_box(const ParaOpts& o) const {
    const Length size = size_of(o);
    const Length cap = size * 72 / 100;
    return (leading_of(o) + cap) / 2;
}

void FlowBuilder::glue(Length height) {
    FlowItem g;
    g.kind = ItemKind::Glue;
    g.height = height;
    m_in.items.push_back(std::move(g));
}

void FlowBuilder::page_break() {
    FlowItem b;
    b.kind = ItemKind::PageBreak;
    m_in.items.push_back(std::move(b));
}

void FlowBuilder::box(FlowItem item) {
    item.kind = ItemKind::Box;
    tag(item, m_cur);
    for (auto& m : m_pending_marks) item.marks.push_back(std::move(m));
    m_pending_marks.clear();
    m_in.items.push_back(std::move(item));
}

void FlowBuilder::mark(std::string title, int level) {
    m_pending_marks.push_back(OutlineEntry{std::move(title), level, 0, 0});
}

std::vector<Span> FlowBuilder::spans(const model::Inlines& inlines, const ParaOpts& o,
                                     std::vector<int>* footnotes) const {
    std::vector<Span> out;
    const Length size = size_of(o);
    for (const auto& in : inlines) {
        Span s;
        s.size = size;
        s.color = o.color;
        s.loc = in.loc.file.empty() ? m_at : in.loc;
        const auto combined =
            static_cast<std::uint8_t>(static_cast<std::uint8_t>(o.face) | static_cast<std::uint8_t>(in.style));
        s.style = face_of(static_cast<FaceStyle>(combined & 3));
        switch (in.kind) {
            case model::Inline::Kind::LineBreak: s.text = U"\n"; break;
            case model::Inline::Kind::Link:
                s.text = to_u32(in.text.empty() ? in.href : in.text);
                s.link = in.href;
                s.color = m_style.colours.link;
                s.no_hyphenate = true;
                break;
            case model::Inline::Kind::FootnoteRef:
                s.text = superscript(in.footnote_index);
                s.no_hyphenate = true;
                if (footnotes) footnotes->push_back(in.footnote_index - 1);
                break;
            default: s.text = to_u32(in.text); break;
        }
        if (!s.text.empty()) out.push_back(std::move(s));
    }
    return out;
}

std::vector<Span> FlowBuilder::spans(std::string_view utf8, const ParaOpts& o) const {
    Span s;
    s.text = to_u32(utf8);
    s.style = face_of(o.face);
    s.size = size_of(o);
    s.color = o.color;
    s.no_hyphenate = !o.hyphenate;
    s.loc = m_at;
    return {std::move(s)};
}

std::vector<Line> FlowBuilder::lines(const std::vector<Span>& spans, Length width, const ParaOpts& o) const {
    ParagraphStyle ps;
    // A hanging indent: a narrower measure for every line, the first one drawn further left.
    const Length hang = std::clamp<Length>(o.hanging, 0, std::max<Length>(width - core::pt(10), 0));
    ps.width = std::max<Length>(width - hang, core::pt(10));
    ps.first_line_indent = -hang;
    ps.leading = leading_of(o);
    ps.align = o.align;
    ps.hyphenate = o.hyphenate && m_hyph != nullptr;
    return typeset_paragraph(spans, ps, m_fonts, ps.hyphenate ? m_hyph : nullptr, m_diags);
}

void FlowBuilder::emit_line(const Line& line, Length x, Length y, std::vector<DrawOp>& out) {
    for (TextRun run : line.runs) {
        run.x += x;
        run.y += y;
        out.emplace_back(std::move(run));
    }
    for (Link link : line.links) {
        link.x += x;
        link.y += y;
        out.emplace_back(std::move(link));
    }
}

int FlowBuilder::paragraph(const std::vector<Span>& spans, Length x, Length width, const ParaOpts& o,
                           const std::vector<int>& footnotes) {
    const std::vector<Line> ls = lines(spans, width, o);
    x += std::clamp<Length>(o.hanging, 0, std::max<Length>(width - core::pt(10), 0));
    const auto fn = footnotes_per_line(ls, footnotes);
    const Length leading = leading_of(o);
    const Length base = baseline_in_box(o);
    const std::size_t n = ls.size();
    const bool own = !holds_text(node(m_cur).type);  // one P, on however many pages
    if (own) open("P");
    for (int f : footnotes) note_for(f);
    for (std::size_t k = 0; k < n; ++k) {
        FlowItem item;
        item.height = leading;
        item.baseline = base;
        emit_line(ls[k], x, -base, item.ops);
        item.footnotes = fn[k];
        item.keep_with_next = (n <= 3 && k + 1 < n) || k == 0 || k + 2 == n || (k + 1 == n && o.keep_with_next);
        if (n == 1) item.keep_with_next = o.keep_with_next;
        box(std::move(item));
    }
    if (own) close();
    return static_cast<int>(n);
}

int FlowBuilder::text(std::string_view utf8, Length x, Length width, const ParaOpts& o) {
    return paragraph(spans(utf8, o), x, width, o);
}

void FlowBuilder::blocks(const model::Blocks& bs, Length x, Length width) {
    bool first = true;
    for (const auto& b : bs) {
        if (!first) glue(m_style.spacing.paragraph_gap);
        first = false;
        block(b, x, width);
    }
}

void FlowBuilder::block(const model::Block& b, Length x, Length width) {
    switch (b.kind) {
        case model::Block::Kind::Paragraph: {
            std::vector<int> fn;
            const ParaOpts o;
            paragraph(spans(b.inlines, o, &fn), x, width, o, fn);
            break;
        }
        case model::Block::Kind::Subheading: {
            std::vector<int> fn;
            ParaOpts o;
            o.face = m_style.subheading_face;
            o.keep_with_next = true;
            open(heading_type(m_level + 1));
            paragraph(spans(b.inlines, o, &fn), x, width, o, fn);
            close();
            break;
        }
        case model::Block::Kind::List: list(b, x, width); break;
        case model::Block::Kind::Table: table(b, x, width); break;
        case model::Block::Kind::Image: image(b, x, width); break;
        case model::Block::Kind::Unknown: break;
    }
}

bool FlowBuilder::room(Length width, Length min, const core::SourceLoc& loc, const std::string& what,
                       const std::string& hint) {
    if (width >= min) return true;
    char mm[64];
    const double have = std::floor(std::max(0.0, width * 25.4 / 72.0 / core::pt(1)) * 10) / 10;
    std::snprintf(mm, sizeof mm, " would be %.1f mm wide, narrower than the %.0f mm kansli needs", have,
                  min * 25.4 / 72.0 / core::pt(1));
    if (m_diags == nullptr) throw core::Error(core::ExitCode::Invalid, "layout", loc, what + mm, hint);
    m_diags->error("layout", loc, what + mm, hint);
    return false;
}

void FlowBuilder::list(const model::Block& b, Length x, Length width) {
    const Length indent = m_style.spacing.list_indent;
    const Length gap = m_style.spacing.list_label_gap;
    if (!room(width - indent, kMinListText, b.loc,
              "the text of this list (nested " + std::to_string(m_list_depth + 1) + " levels deep)",
              "nest lists less deeply (each level indents its text), or use numbered headings")) {
        return;
    }
    ++m_list_depth;
    open("L");
    int number = b.list_start;
    bool first = true;
    for (const auto& it : b.items) {
        if (!first) glue(m_style.spacing.paragraph_gap / 2);
        first = false;
        std::u32string label;
        if (b.numbered)
            label = to_u32(std::to_string(number++) + ".");
        else
            label = m_list_depth % 2 == 1 ? U"\u2022" : U"\u2013";
        const std::size_t start = m_in.items.size();
        open("LI");
        const int lbl = element("Lbl");
        open("LBody");
        blocks(it.blocks, x + indent, width - indent);
        close();
        close();
        // The label goes on the first line of the item, right-aligned before the text.
        for (std::size_t i = start; i < m_in.items.size(); ++i) {
            FlowItem& item = m_in.items[i];
            if (item.kind != ItemKind::Box) continue;
            const ParaOpts o;
            auto runs = shape_line(label, face_of(FaceStyle::Regular), size_of(o), o.color, m_fonts, m_diags);
            Length w = 0;
            for (const auto& r : runs) w = std::max(w, r.x + r.width);
            const Length base = item.baseline > 0 ? item.baseline : baseline_in_box(o);
            std::vector<DrawOp> label_ops;
            for (auto& r : runs) {
                r.x += x + indent - gap - w;
                r.y = -base;
                r.element = lbl;
                label_ops.emplace_back(std::move(r));
            }
            item.ops.insert(item.ops.begin(), label_ops.begin(), label_ops.end());  // Lbl before LBody
            break;
        }
    }
    close();
    --m_list_depth;
}

void FlowBuilder::image(const model::Block& b, Length x, Length width) {
    std::string path = b.image_path;
    if (!path.empty() && path.front() != '/' && !m_base_dir.empty()) path = m_base_dir + "/" + path;
    // Validate checked the file; it may have changed or gone since. Never a silent stand-in.
    std::optional<core::ImageSize> size;
    std::string problem;
    try {
        size = core::try_image_size_of_file(path);
        if (!size)
            problem = "is damaged or not a PNG or JPEG image: its header has no valid size";
        else if (auto p = core::image_limit_problem(*size))
            problem = "is too large: " + *p;
    } catch (const core::Error& e) {
        problem = "cannot be read" + (e.diagnostics().empty() ? "" : " (" + e.diagnostics().front().message + ")");
    }
    if (!problem.empty()) {
        const std::string message = "the image " + b.image_path + " " + problem;
        const std::string hint = "the image was checked when the document was loaded; was it changed or removed since?";
        if (!m_diags) throw core::Error(core::ExitCode::Invalid, "image", b.loc, message, hint);
        m_diags->error("image", b.loc, message, hint);
        return;
    }
    // Natural size at 96 dpi, or the requested width; never wider than the measure nor taller
    // than half the page, so an image always fits on an empty page.
    Length w = b.image_width_mm > 0 ? core::mm(std::min(b.image_width_mm, 1000.0))
                                    : static_cast<Length>(std::min<std::int64_t>(size->width * 750LL, width));
    w = std::min(w, width);
    Length h = static_cast<Length>(static_cast<std::int64_t>(w) * size->height / size->width);
    const Length max_h = (m_style.page.height - m_style.page.margin_top - m_style.page.margin_bottom) / 2;
    if (h > max_h) {
        w = static_cast<Length>(static_cast<std::int64_t>(w) * max_h / h);
        h = max_h;
    }
    FlowItem item;
    item.height = h;
    item.ops.emplace_back(Image{x, -h, w, h, path, b.alt, b.loc});
    node(open("Figure")).alt = b.alt;
    box(std::move(item));
    close();
}

void FlowBuilder::label_row(std::string_view label, const std::vector<std::vector<Span>>& values, Length x,
                            Length value_x, Length right, Length hanging) {
    ParaOpts lo;
    lo.face = FaceStyle::Bold;
    lo.hyphenate = false;
    const Length gap = core::pt(6);
    const std::vector<Line> label_lines = lines(spans(label, lo), value_x - x - gap, lo);
    const std::size_t start = m_in.items.size();
    ParaOpts vo;
    vo.hanging = hanging;
    int label_el = -1, value_el = -1;
    label_cells(node(m_cur).type, label_el, value_el);
    m_open.push_back(m_cur);
    m_cur = value_el;
    for (const auto& v : values) {  // a TD or LBody holds a P per value (a name per line)
        const bool own = node(value_el).type != "P";
        if (own) open("P");
        paragraph(v, value_x, right - value_x, vo);
        if (own) close();
    }
    close();
    // Make sure every label line has a box to sit in.
    std::size_t boxes = m_in.items.size() - start;
    for (; boxes < label_lines.size(); ++boxes) {
        FlowItem item;
        item.height = leading_of(vo);
        item.baseline = baseline_in_box(vo);
        box(std::move(item));
    }
    const std::size_t n = m_in.items.size() - start;
    for (std::size_t i = 0; i < label_lines.size(); ++i) {
        FlowItem& item = m_in.items[start + i];
        std::vector<DrawOp> label_ops;  // the label reads first
        emit_line(label_lines[i], x, -item.baseline, label_ops);
        stamp(label_ops, 0, label_el);
        item.ops.insert(item.ops.begin(), label_ops.begin(), label_ops.end());
    }
    // Keep the label's lines together, and at least two value lines with the label.
    for (std::size_t i = 0; i < n; ++i) {
        FlowItem& item = m_in.items[start + i];
        if (i + 1 < std::max<std::size_t>(label_lines.size(), 2) && i + 1 < n) item.keep_with_next = true;
        if (n >= 2 && i + 2 == n) item.keep_with_next = true;
    }
}

void FlowBuilder::footnote(int id, const model::Inlines& text) {
    if (id < 0 || id > 100000) return;
    ParaOpts o;
    o.size = m_style.sizes.footnote;
    o.leading = m_style.sizes.footnote_leading;
    std::vector<Span> sp;
    Span mark;
    mark.text = superscript(id + 1) + U" ";
    mark.size = o.size;
    mark.no_hyphenate = true;
    sp.push_back(std::move(mark));
    for (auto& s : spans(text, o, nullptr)) sp.push_back(std::move(s));
    const std::vector<Line> ls = lines(sp, m_style.text_width(), o);
    if (m_in.footnotes.size() <= static_cast<std::size_t>(id)) m_in.footnotes.resize(static_cast<std::size_t>(id) + 1);
    auto& out = m_in.footnotes[static_cast<std::size_t>(id)];
    out.clear();
    const Length base = baseline_in_box(o);
    for (const auto& l : ls) {
        FlowItem item;
        item.height = o.leading;
        item.baseline = base;
        emit_line(l, m_style.text_left(), -base, item.ops);
        out.push_back(std::move(item));
    }
}

FlowInput FlowBuilder::take() {
    stamp_footnotes();
    FlowInput out = std::move(m_in);
    m_in = FlowInput{};
    return out;
}

}  // namespace kansli::layout
