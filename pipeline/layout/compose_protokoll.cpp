// The protokoll: page 1 (attendance, justering, signature lines, ANSLAG/BEVIS), the ärendelista,
// then one § per page.
#include "core/anslag_fields.hpp"
#include "core/roles.hpp"
#include "layout/blocks.hpp"
#include "layout/compose.hpp"
#include "layout/page_template.hpp"
#include "layout/protokoll_page1.hpp"
#include "layout/utdrag.hpp"

#include <map>

namespace kansli::layout {
namespace {

struct People {
    std::map<std::string, const model::Person*> by_id;
    [[nodiscard]] std::string name(const std::string& id) const {
        const auto it = by_id.find(id);
        return it == by_id.end() ? id : name_with_party(it->second->name, it->second->party);
    }
};

std::string describe(const model::Person& p, const Style& s, bool with_ranges) {
    std::string out = name_with_party(p.name, p.party);
    // Both roles of a member who holds two ("1:a vice ordförande, Ordförande").
    const std::string roles = p.role + (!p.role.empty() && !p.acting_role.empty() ? ", " : "") + p.acting_role;
    if (!roles.empty()) out += " (" + roles + ")";
    if (!p.represents.empty()) out += " (" + p.represents + ")";
    if (!p.replaces.empty()) out += " " + s.label("ersatter") + " " + p.replaces;
    if (with_ranges && !p.paragraphs.empty()) out += " " + model::format_ranges(p.paragraphs);
    return out;
}

void section(FlowBuilder& fb, const Style& s, const std::string& label, const model::Blocks& blocks) {
    if (blocks.empty()) return;
    ParaOpts lo;
    lo.face = FaceStyle::Bold;
    lo.size = s.sizes.section_label;
    lo.keep_with_next = true;
    fb.glue(s.spacing.section_gap);
    fb.heading(3, label, s.text_left(), s.text_width(), lo);
    fb.blocks(blocks, s.text_left(), s.text_width());
}

void label_only(FlowBuilder& fb, const Style& s, const std::string& label) {
    ParaOpts lo;
    lo.face = FaceStyle::Bold;
    lo.size = s.sizes.section_label;
    lo.keep_with_next = true;
    fb.glue(s.spacing.section_gap);
    fb.heading(3, label, s.text_left(), s.text_width(), lo);
}

void plain_lines(FlowBuilder& fb, const Style& s, const std::vector<std::string>& lines, ParaOpts o = {}) {
    for (const auto& l : lines) fb.text(l, s.text_left(), s.text_width(), o);
}

/// A § page's head: page break, outline entry, the group's heading (above its first § only),
/// "§ n", title, diarienummer.
void paragraph_heading(FlowBuilder& fb, const model::Paragraph& par, const Style& s, bool first_of_group) {
    const Length left = s.text_left();
    const Length width = s.text_width();
    fb.page_break();
    const std::string number = "§" + std::to_string(par.number);
    fb.mark(number + " " + par.title, 1);
    if (!par.group.empty() && first_of_group) {
        ParaOpts g;
        g.size = s.sizes.small;
        g.color = s.colours.muted;
        g.keep_with_next = true;
        fb.text(upper_sv(par.group), left, width, g);
    }
    ParaOpts h;
    h.face = FaceStyle::Bold;
    h.size = s.sizes.heading_number;
    h.keep_with_next = true;
    h.hyphenate = false;
    fb.open("H2");  // "§ n" and the title: one heading
    fb.text(number, left, width, h);
    fb.glue(s.spacing.heading_gap);
    h.size = s.sizes.heading_title;
    fb.text(par.title, left, width, h);
    fb.close();
    fb.set_heading_level(2);
    if (!par.diarienummer.empty()) {
        ParaOpts d;
        d.size = s.sizes.note;
        d.color = s.colours.muted;
        d.keep_with_next = true;
        fb.text(s.label("diarienummer") + " " + par.diarienummer, left, width, d);
    }
}

void motions_section(FlowBuilder& fb, const model::Paragraph& par, const People& people, const Style& s) {
    if (par.motions.empty()) return;
    label_only(fb, s, s.label(par.motions.size() > 1 ? "yrkanden" : "yrkande"));
    bool first = true;
    for (const auto& m : par.motions) {
        if (!first) fb.glue(s.spacing.paragraph_gap);
        first = false;
        if (m.text.empty()) fb.text(people.name(m.by_ref), s.text_left(), s.text_width(), {});
        fb.blocks(m.text, s.text_left(), s.text_width());
    }
}

/// Votering: the tally, the names per answer, the result.
void vote_section(FlowBuilder& fb, const model::Vote& v, const People& people, const Style& s) {
    const Length left = s.text_left();
    label_only(fb, s, s.label("votering"));
    const auto count = [](const std::optional<int>& n, const std::vector<std::string>& refs) {
        return n ? *n : static_cast<int>(refs.size());
    };
    std::string tally = s.label("votering_ja") + " " + std::to_string(count(v.yes, v.yes_refs)) + ", " +
                        s.label("votering_nej") + " " + std::to_string(count(v.no, v.no_refs)) + ", " +
                        s.label("votering_avstar") + " " + std::to_string(count(v.abstain, v.abstain_refs));
    fb.text(tally, left, s.text_width(), {});
    const std::pair<const char*, const std::vector<std::string>*> lists[] = {
        {"votering_ja", &v.yes_refs}, {"votering_nej", &v.no_refs}, {"votering_avstar", &v.abstain_refs}};
    for (const auto& [key, refs] : lists) {
        if (refs->empty()) continue;
        std::vector<std::vector<Span>> names;
        ParaOpts o;
        for (const auto& r : *refs) names.push_back(fb.spans(people.name(r), o));
        fb.glue(s.protokoll.row_gap);
        fb.label_row(s.label(key), names, left, left + s.protokoll.vote_names_column, s.text_right());
    }
    if (!v.result.empty()) {
        fb.glue(s.spacing.paragraph_gap);
        fb.blocks(v.result, left, s.text_width());
    }
}

/// After the decision: reservations, jäv, beslutsunderlag, expedieras till.
void after_decision(FlowBuilder& fb, const model::Paragraph& par, const People& people, const Style& s) {
    const Length left = s.text_left();
    const Length width = s.text_width();
    if (!par.reservations.empty()) {
        label_only(fb, s, s.label("reservation"));
        for (const auto& r : par.reservations) {
            if (r.text.empty())
                fb.text(s.label("reservation_text", {{"name", people.name(r.by_ref)}}), left, width, {});
            else
                fb.blocks(r.text, left, width);
        }
    }
    if (!par.jav.empty()) {
        label_only(fb, s, s.label("jav"));
        for (const auto& j : par.jav) fb.text(s.label("jav_text", {{"name", people.name(j.by_ref)}}), left, width, {});
    }
    if (!par.attachments.empty()) {
        label_only(fb, s, s.label("beslutsunderlag"));
        model::Block list;
        list.kind = model::Block::Kind::List;
        for (const auto& a : par.attachments) {
            model::Block para;
            para.inlines.push_back(
                model::Inline{model::Inline::Kind::Text, model::InlineStyle::Regular, a.title, {}, 0, a.loc});
            list.items.push_back(model::ListItem{{para}, a.loc});
        }
        fb.list(list, left, width);
    }
    if (!par.recipients.empty()) {
        label_only(fb, s, s.label("expedieras_till"));
        plain_lines(fb, s, par.recipients);
    }
}

void paragraph_page(FlowBuilder& fb, const model::Paragraph& par, const People& people, const Style& s,
                    bool first_of_group) {
    fb.at(par.loc);
    paragraph_heading(fb, par, s, first_of_group);
    section(fb, s, s.label("sammanfattning"), par.summary);
    section(fb, s, s.label("forslag_till_beslut"), par.proposal);
    motions_section(fb, par, people, s);
    section(fb, s, s.label("proposition"), par.proposition);
    if (par.vote) vote_section(fb, *par.vote, people, s);
    section(fb, s, s.label("beslut"), par.decision);
    after_decision(fb, par, people, s);
    fb.glue(s.spacing.section_gap + s.spacing.paragraph_gap);
    ParaOpts j;
    j.face = FaceStyle::Italic;
    fb.text(s.label(par.justering == model::JusteringKind::OmedelbartJusterad ? "paragraf_omedelbart_justerad"
                                                                              : "paragraf_justerad"),
            s.text_left(), s.text_width(), j);
}

/// Page 1's rows: place and time, attendance, justering, the §§ the protokoll covers.
void page1_rows(FlowBuilder& fb, const model::Protokoll& p, const People& people, const Style& s) {
    const Length left = s.text_left();
    const Length value_x = left + s.spacing.label_column;
    auto row = [&](const std::string& label, const std::vector<std::string>& values, Length hanging = 0) {
        std::vector<std::vector<Span>> v;
        for (const auto& text : values) v.push_back(fb.spans(text, ParaOpts{}));
        fb.label_row(label, v, left, value_x, s.text_right(), hanging);
        fb.glue(s.protokoll.row_gap);
    };
    auto people_lines = [&](const std::vector<model::Person>& list, bool ranges) {
        std::vector<std::string> out;
        for (const auto& person : list) out.push_back(describe(person, s, ranges));
        return out;
    };
    fb.mark(s.label("protokoll") + " " + core::format_date(p.header.date), 0);
    std::string place = p.header.place;
    if (p.header.start_minutes) {
        place += (place.empty() ? "" : " ") + s.label("kl") + " " + model::format_hhmm(*p.header.start_minutes);
        if (p.header.end_minutes) place += "-" + model::format_hhmm(*p.header.end_minutes);
    }
    fb.at(p.header.loc);
    fb.open("Table");  // the attendance: a TR per row, the label a TH (Scope Row)
    row(s.label("plats_och_tid"), {place});
    fb.at(p.attendance.loc);
    // A wrapped entry continues indented, so "… ersätter X (Ordförande)" never reads as a member.
    const Length hang = s.spacing.list_indent;
    row(s.label("beslutande"), people_lines(p.attendance.members, true), hang);
    if (!p.attendance.substitutes.empty())
        row(s.label("ersattare"), people_lines(p.attendance.substitutes, true), hang);
    if (!p.attendance.others.empty()) row(s.label("ovriga"), people_lines(p.attendance.others, true), hang);
    std::vector<std::string> justerare;
    for (const auto& ref : p.justering.justerare_refs) justerare.push_back(people.name(ref));
    row(s.label("utses_att_justera"), justerare);
    row(s.label("justeringens_plats_och_tid"), {p.justering.place_and_time});
    model::ParagraphRange range{p.first_number, p.first_number};
    if (p.justering.declared_range) {
        range = *p.justering.declared_range;
    } else if (!p.paragraphs.empty()) {
        range = {p.paragraphs.front().number, p.paragraphs.back().number};
    }
    row(s.label("omfattar"), {model::format_range(range)});
    omedelbar_reference(fb, p, s);  // issue 12: the separate document of the omedelbart justerade §§
    fb.close();
}

/// The ärendelista on a page of its own: "§ n  title" per paragraph, under its group.
void arendelista(FlowBuilder& fb, const model::Protokoll& p, const Style& s) {
    const Length left = s.text_left();
    fb.page_break();
    fb.mark(s.label("arendelista"), 0);
    ParaOpts h;
    h.face = FaceStyle::Bold;
    h.size = s.sizes.heading_title;
    h.keep_with_next = true;
    fb.heading(2, s.label("arendelista"), left, s.text_width(), h);
    fb.glue(s.spacing.heading_gap);
    std::string group;
    bool in_list = false;  // one LI per §: Lbl "§ n", LBody the title; a group's name between lists
    const Length number_col = left + s.protokoll.arendelista_number_column;
    for (const auto& par : p.paragraphs) {
        if (s.arendelista_groups && par.group != group && !par.group.empty()) {
            ParaOpts g;
            g.face = FaceStyle::Bold;
            g.keep_with_next = true;
            fb.glue(s.spacing.paragraph_gap);
            if (in_list) fb.close();
            in_list = false;
            fb.text(par.group, left, s.text_width(), g);
        }
        group = par.group;
        ParaOpts o;
        fb.at(par.loc);
        if (!in_list) fb.open("L");
        in_list = true;
        fb.label_row("§" + std::to_string(par.number), {fb.spans(par.title, o)}, left, number_col, s.text_right());
    }
    if (in_list) fb.close();
}

}  // namespace

PageSet compose_protokoll(const model::Protokoll& p, const ComposeContext& cx) {
    const Style& s = cx.style;
    FlowBuilder fb(s, cx.fonts, cx.hyphenator, cx.diags, cx.base_dir);
    People people;
    for (const auto* group : {&p.attendance.members, &p.attendance.substitutes, &p.attendance.others})
        for (const auto& person : *group)
            if (!person.id.empty()) people.by_id.emplace(person.id, &person);

    const int h1 = fb.element("H1");  // page 1's header block (the template draws it)
    page1_rows(fb, p, people, s);
    const int page1_block = fb.element("Div");  // signature lines and ANSLAG/BEVIS, drawn below
    arendelista(fb, p, s);
    for (std::size_t i = 0; i < p.paragraphs.size(); ++i) {
        const auto& par = p.paragraphs[i];
        paragraph_page(fb, par, people, s, i == 0 || p.paragraphs[i - 1].group != par.group);
    }

    // Paginate: page 1 keeps room at its foot for the signature lines and ANSLAG/BEVIS.
    PageSet ps;
    const std::vector<SigEntry> sigs = signature_entries(p, s, ps.signing_order);
    PageTemplate t{p.header.organisation.empty() ? s.organisation : p.header.organisation,
                   p.header.organ,
                   s.label("protokoll"),
                   s.label("motesdatum"),
                   core::format_date(p.header.date),
                   true,
                   h1};
    const Length block = page1_block_height(s, sigs.size());
    const BodyArea normal = body_area(s, t);
    const BodyArea first = body_area(s, t, block);
    FlowInput in = fb.take();
    FootnoteStyle fs{s.page.footnote_rule_width, s.page.footnote_rule_gap, s.text_left(), s.colours.rule};
    FlowResult r = paginate(
        std::move(in), [&](int page) { return page == 0 ? first : normal; }, fs);
    ps.pages = std::move(r.pages);
    ps.outline = std::move(r.outline);
    ps.structure = fb.take_structure();
    draw_page1_block(ps.pages.front(), p, sigs, s, cx.fonts, first.bottom, ps.structure, page1_block);
    apply_template(ps, s, cx.fonts, t);
    return ps;
}

void protokoll_paragraph(FlowBuilder& fb, const model::Protokoll& p, const model::Paragraph& par, const Style& s) {
    People people;
    for (const auto* group : {&p.attendance.members, &p.attendance.substitutes, &p.attendance.others})
        for (const auto& person : *group)
            if (!person.id.empty()) people.by_id.emplace(person.id, &person);
    paragraph_page(fb, par, people, s, false);  // the § alone: its group's heading is not part of its proof
}

std::string describe_person(const model::Person& p, const Style& s) { return describe(p, s, false); }

}  // namespace kansli::layout
