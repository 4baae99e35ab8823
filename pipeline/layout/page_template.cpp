#include "layout/page_template.hpp"

#include "layout/structure.hpp"

#include <algorithm>

namespace kansli::layout {
namespace {

// Offsets below the top margin (the header band), measured on the reference rendition.
constexpr Length kKindBaseline = core::pt(15);
constexpr Length kDateLabelBaseline = core::pt(28);
constexpr Length kDateBaseline = core::pt(42);
constexpr Length kOrganisationBaseline = core::pt(24);
constexpr Length kOrganBaseline = core::pt(39);

Length footer_height(const Style& s, const PageTemplate& t) {
    return t.footer_boxes ? s.page.footer_box_height : s.sizes.page_number * 2;
}

}  // namespace

Length put_text(std::vector<DrawOp>& out, std::string_view text, FaceStyle face, Length size, Color colour, Length x,
                Length y, const FontSet& fonts) {
    Length width = 0;
    for (TextRun r : shape_line(to_u32(text), face, size, colour, fonts)) {
        width = std::max(width, r.x + r.width);
        r.x += x;
        r.y += y;
        out.emplace_back(std::move(r));
    }
    return width;
}

Length put_text_right(std::vector<DrawOp>& out, std::string_view text, FaceStyle face, Length size, Color colour,
                      Length right, Length y, const FontSet& fonts) {
    const Length w = measure(to_u32(text), face, size, fonts);
    put_text(out, text, face, size, colour, right - w, y, fonts);
    return w;
}

BodyArea body_area(const Style& s, const PageTemplate& t, Length extra_bottom) {
    const auto& p = s.page;
    BodyArea a;
    a.top = p.height - p.margin_top - p.header_height - p.header_gap;
    a.bottom = p.margin_bottom + footer_height(s, t) + p.footer_gap + extra_bottom;
    return a;
}

void apply_template(PageSet& ps, const Style& s, const FontSet& fonts, const PageTemplate& t) {
    const auto& p = s.page;
    const auto& c = s.colours;
    const Length left = s.text_left();
    const Length right = s.text_right();
    const Length top = p.height - p.margin_top;
    const std::string total = std::to_string(ps.pages.size());
    for (std::size_t i = 0; i < ps.pages.size(); ++i) {
        std::vector<DrawOp> ops;
        // Header: organisation and organ at left; kind, date label and date at right; a rule.
        put_text(ops, t.organisation, FaceStyle::Regular, s.sizes.header_organisation, c.muted, left,
                 top - kOrganisationBaseline, fonts);
        put_text(ops, t.organ, FaceStyle::Bold, s.sizes.header_organ, c.text, left, top - kOrganBaseline, fonts);
        put_text_right(ops, t.kind, FaceStyle::Bold, s.sizes.header_kind, c.text, right, top - kKindBaseline, fonts);
        if (!t.date.empty()) {
            put_text_right(ops, t.date_label, FaceStyle::Regular, s.sizes.tiny, c.muted, right,
                           top - kDateLabelBaseline, fonts);
            put_text_right(ops, t.date, FaceStyle::Regular, s.sizes.header_date, c.text, right, top - kDateBaseline,
                           fonts);
        }
        if (i == 0) stamp(ops, 0, t.title_element);
        const Length rule_y = top - p.header_height;
        ops.emplace_back(Rule{left, rule_y, right, rule_y, core::pt(0.5), c.rule});
        // Footer: the two boxes of a protokoll page, and the page number at the right.
        const Length fb = p.margin_bottom;
        if (t.footer_boxes) {
            Length x = left;
            for (const char* key : {"justerandes_sign", "utdragsbestyrkande"}) {
                ops.emplace_back(Box{x, fb, p.footer_box_width, p.footer_box_height, core::pt(0.5), c.box, false, {}});
                put_text(ops, s.label(key), FaceStyle::Regular, s.sizes.tiny, c.text, x + core::pt(3),
                         fb + p.footer_box_height - core::pt(3) - s.sizes.tiny, fonts);
                x += p.footer_box_width + p.footer_box_gap;
            }
        }
        const std::string number = s.label("sida", {{"n", std::to_string(i + 1)}, {"m", total}});
        const Length number_y = t.footer_boxes ? fb + p.footer_box_height / 3 : fb + s.sizes.page_number / 2;
        put_text_right(ops, number, FaceStyle::Regular, s.sizes.page_number, c.text, right, number_y, fonts);
        auto& body = ps.pages[i].ops;
        ops.insert(ops.end(), std::make_move_iterator(body.begin()), std::make_move_iterator(body.end()));
        body = std::move(ops);
        ps.pages[i].width = p.width;
        ps.pages[i].height = p.height;
    }
}

void paginate_uniform(PageSet& ps, FlowInput in, const Style& style, const FontSet& fonts, const PageTemplate& t,
                      Length footnote_left) {
    const BodyArea area = body_area(style, t);
    FlowResult r = paginate(
        std::move(in), [&](int) { return area; },
        FootnoteStyle{style.page.footnote_rule_width, style.page.footnote_rule_gap, footnote_left, style.colours.rule});
    ps.pages = std::move(r.pages);
    ps.outline = std::move(r.outline);
    apply_template(ps, style, fonts, t);
}

}  // namespace kansli::layout
