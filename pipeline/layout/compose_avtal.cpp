// The avtal: title block, parties, numbered sections, signatures per party.
#include "layout/blocks.hpp"
#include "layout/compose.hpp"
#include "layout/page_template.hpp"

namespace kansli::layout {

PageSet compose_avtal(const model::Avtal& k, const ComposeContext& cx) {
    const Style& s = cx.style;
    FlowBuilder fb(s, cx.fonts, cx.hyphenator, cx.diags, cx.base_dir);
    fb.text(k.header.organ, s.text_left(), s.text_width(), {});
    PageTemplate t{k.header.organisation, k.header.organ, k.kind_label, s.label("motesdatum"),
                   core::format_date(k.header.date), false};
    const BodyArea a = body_area(s, t);
    FlowResult r = paginate(fb.take(), [&](int) { return a; }, FootnoteStyle{core::mm(40), core::pt(4), s.text_left(), s.colours.rule});
    PageSet ps;
    ps.pages = std::move(r.pages);
    ps.outline = std::move(r.outline);
    apply_template(ps, s, cx.fonts, t);
    return ps;
}

}  // namespace kansli::layout
