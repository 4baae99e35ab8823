// The kallelse: meeting data, then the agenda grouped (Informationsärenden / Beslutsärenden):
// number, title, time at the right, föredragande, ärendebeskrivning, förslag till beslut and the
// beslutsunderlag titles; breaks on their own lines. Beslutsunderlag files are appended.
#include "layout/blocks.hpp"
#include "layout/compose.hpp"
#include "layout/page_template.hpp"

namespace kansli::layout {
namespace {

std::string resolve(const std::string& base, const std::string& file) {
    if (file.empty() || file.front() == '/' || base.empty()) return file;
    return base + "/" + file;
}

void item_section(FlowBuilder& fb, const Style& s, const std::string& label, const model::Blocks& blocks, Length x,
                  Length width) {
    if (blocks.empty()) return;
    ParaOpts lo;
    lo.face = FaceStyle::Bold;
    lo.size = s.kallelse.item_label;
    lo.keep_with_next = true;
    fb.glue(s.spacing.paragraph_gap);
    fb.heading(3, label, x, width, lo);
    fb.blocks(blocks, x, width);
}

void agenda_item(FlowBuilder& fb, const model::AgendaItem& item, const ComposeContext& cx, PageSet& ps) {
    fb.at(item.loc);
    const Style& s = cx.style;
    const Length left = s.text_left();
    const Length right = s.text_right();
    const Length x = left + s.kallelse.number_column;
    const Length width = right - x;
    const std::string number = std::to_string(item.number) + ".";
    fb.mark(number + " " + item.title, 0);
    // Title line: number right-aligned in its column, bold title, the time at the right edge.
    ParaOpts t;
    t.face = FaceStyle::Bold;
    t.keep_with_next = true;
    const std::string time = item.start_minutes ? model::format_hhmm(*item.start_minutes) : std::string();
    const Length time_w =
        time.empty() ? 0 : measure(to_u32(time), FaceStyle::Regular, s.sizes.body, cx.fonts) + s.kallelse.time_gap;
    const std::vector<Line> lines = fb.lines(fb.spans(item.title, t), width - time_w, t);
    const Length leading = s.sizes.leading;
    const Length base = fb.baseline_in_box(t);
    fb.open("H2");  // number, title and time: the ärende's heading
    for (std::size_t i = 0; i < lines.size(); ++i) {
        FlowItem box;
        box.height = leading;
        box.baseline = base;
        box.keep_with_next = true;
        if (i == 0)  // the number reads first
            put_text_right(box.ops, number, FaceStyle::Bold, s.sizes.body, s.colours.text, x - s.kallelse.number_gap,
                           -base, cx.fonts);
        FlowBuilder::emit_line(lines[i], x, -base, box.ops);
        if (i == 0 && !time.empty())
            put_text_right(box.ops, time, FaceStyle::Regular, s.sizes.body, s.colours.text, right, -base, cx.fonts);
        fb.box(std::move(box));
    }
    fb.close();
    fb.set_heading_level(2);
    if (!item.presenters.empty()) {
        std::string who;
        for (const auto& p : item.presenters) who += (who.empty() ? "" : ", ") + p;
        ParaOpts p;
        p.color = s.colours.muted;
        p.keep_with_next = !item.description.empty() || !item.proposal.empty() || !item.attachments.empty();
        fb.text(s.label("foredragande") + ": " + who, x, width, p);
    }
    item_section(fb, s, s.label("arendebeskrivning"), item.description, x, width);
    item_section(fb, s, s.label("forslag_till_beslut"), item.proposal, x, width);
    if (!item.attachments.empty()) {
        model::Block list;
        list.kind = model::Block::Kind::List;
        for (const auto& a : item.attachments) {
            model::Block para;
            para.inlines.push_back(
                model::Inline{model::Inline::Kind::Text, model::InlineStyle::Regular, a.title, {}, 0, a.loc});
            list.items.push_back(model::ListItem{{para}, a.loc});
            if (!a.file.empty()) ps.appended.push_back(AppendedPdf{resolve(cx.base_dir, a.file), a.title, 1});
        }
        ParaOpts lo;
        lo.face = FaceStyle::Bold;
        lo.size = s.kallelse.item_label;
        lo.keep_with_next = true;
        fb.glue(s.spacing.paragraph_gap);
        fb.heading(3, s.label("beslutsunderlag"), x, width, lo);
        fb.list(list, x, width);
    }
}

}  // namespace

PageSet compose_kallelse(const model::Kallelse& k, const ComposeContext& cx) {
    const Style& s = cx.style;
    FlowBuilder fb(s, cx.fonts, cx.hyphenator, cx.diags, cx.base_dir);
    PageSet ps;
    const Length left = s.text_left();
    const Length right = s.text_right();
    const Length value_x = left + s.kallelse.value_column;

    // Meeting data.
    ParaOpts title;
    title.face = FaceStyle::Bold;
    title.size = s.sizes.heading_number;
    title.keep_with_next = true;
    fb.at(k.header.loc);
    const int h1 = fb.element("H1");  // page 1's header block (the template draws it)
    fb.text(k.header.organ, left, s.text_width(), title);
    fb.glue(s.spacing.section_gap);
    auto row = [&](const std::string& label, const std::string& value) {
        if (value.empty()) return;
        fb.label_row(label, {fb.spans(value, ParaOpts{})}, left, value_x, right);
        fb.glue(s.kallelse.row_gap);
    };
    fb.open("Table");  // date, time, place: TR with TH (Scope Row) and TD
    row(s.label("datum"), core::format_date(k.header.date));
    if (k.header.start_minutes) {
        std::string time = model::format_hhmm(*k.header.start_minutes);
        if (k.header.end_minutes) time += "-" + model::format_hhmm(*k.header.end_minutes);
        row(s.label("tid"), time);
    }
    row(s.label("plats"), k.header.place);
    fb.close();
    if (!k.introduction.empty()) {
        fb.glue(s.spacing.section_gap);
        fb.blocks(k.introduction, left, s.text_width());
    }

    // The agenda.
    fb.glue(s.spacing.section_gap * 2);
    ParaOpts h;
    h.face = FaceStyle::Bold;
    h.size = s.sizes.heading_title;
    h.keep_with_next = true;
    fb.heading(2, s.label("arendelista"), left, s.text_width(), h);
    std::string group;
    for (const auto& entry : k.agenda) {
        const std::string& g = std::visit(
            [](const auto& e) -> const std::string& {
                if constexpr (std::is_same_v<std::decay_t<decltype(e)>, model::AgendaItem>)
                    return e.group;
                else
                    return e.label;  // unused for breaks
            },
            entry.entry);
        if (const auto* item = std::get_if<model::AgendaItem>(&entry.entry)) {
            if (g != group && !g.empty()) {
                ParaOpts gh;
                gh.face = FaceStyle::Bold;
                gh.size = s.kallelse.group_heading;
                gh.keep_with_next = true;
                fb.glue(s.spacing.section_gap * 2);
                fb.text(g, left, s.text_width(), gh);
            }
            group = item->group;
            fb.glue(s.spacing.section_gap);
            agenda_item(fb, *item, cx, ps);
        } else {
            const auto& br = std::get<model::Break>(entry.entry);
            ParaOpts b;
            b.face = FaceStyle::Italic;
            fb.glue(s.spacing.section_gap);
            fb.text(br.label + " " + s.label("kl") + " " + model::format_hhmm(br.from_minutes) + "-" +
                        model::format_hhmm(br.to_minutes),
                    left + s.kallelse.number_column, s.text_width() - s.kallelse.number_column, b);
        }
    }

    PageTemplate t{k.header.organisation.empty() ? s.organisation : k.header.organisation,
                   k.header.organ,
                   s.label("kallelse"),
                   s.label("motesdatum"),
                   core::format_date(k.header.date),
                   false,
                   h1};
    paginate_uniform(ps, fb.take(), s, cx.fonts, t, left);
    ps.structure = fb.take_structure();
    return ps;
}

}  // namespace kansli::layout
