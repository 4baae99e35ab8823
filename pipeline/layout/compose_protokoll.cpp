// The protokoll: page 1 (attendance, justering, signature lines, ANSLAG/BEVIS), the ärendelista,
// then one § per page.
#include "core/roles.hpp"
#include "layout/blocks.hpp"
#include "layout/compose.hpp"
#include "layout/page_template.hpp"
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
    if (!p.role.empty()) out += " (" + p.role + ")";
    if (!p.represents.empty()) out += " (" + p.represents + ")";
    if (!p.replaces.empty()) out += " " + s.label("ersatter") + " " + p.replaces;
    if (with_ranges && !p.paragraphs.empty()) out += " " + model::format_ranges(p.paragraphs);
    return out;
}

/// One signature line on page 1: label, line, name under it, and the slot exactly at the line.
struct SigEntry {
    std::string label;
    std::string field;
    std::string role;
    std::string name;
};

std::vector<SigEntry> signature_entries(const model::Protokoll& p, const Style& s, std::vector<std::string>& order) {
    int justerare = 0;
    for (const auto& sig : p.justering.signatories)
        if (sig.role == model::SignerRole::Justerare) ++justerare;
    std::vector<SigEntry> all;
    int j = 0;
    for (const auto& sig : p.justering.signatories) {
        SigEntry e;
        e.name = name_with_party(sig.name, sig.party);
        e.role = model::role_name(sig.role);
        switch (sig.role) {
            case model::SignerRole::Sekreterare:
                e.label = s.label("sekreterare");
                e.field = core::role_label(sig.role);
                break;
            case model::SignerRole::Ordforande:
                e.label = s.label("ordforande");
                e.field = core::role_label(sig.role);
                break;
            case model::SignerRole::Justerare:
                e.label = s.label("justerande");
                e.field = std::string(core::role_label(sig.role)) + (justerare > 1 ? " " + std::to_string(++j) : "");
                break;
            case model::SignerRole::Utdragsbestyrkande:  // not a signer of the protokoll itself
            case model::SignerRole::Unknown: continue;
        }
        order.push_back(e.field);
        all.push_back(std::move(e));
    }
    // Display order: sekreterare, ordförande, then the justerande (as on the paper form).
    std::vector<SigEntry> shown;
    for (const char* role : {"sekreterare", "ordförande", "justerare"})
        for (const auto& e : all)
            if (e.role == role) shown.push_back(e);
    return shown;
}

Length anslag_height(const Style& s) {
    const ProtokollGeometry& g = s.protokoll;
    return 2 * g.anslag_padding + s.sizes.anslag_title + g.anslag_title_gap + 5 * g.anslag_row + g.anslag_footer_gap;
}

Length page1_block_height(const Style& s, std::size_t signers) {
    const ProtokollGeometry& g = s.protokoll;
    return g.signature_first_line + static_cast<Length>(signers) * g.signature_pitch + g.anslag_gap + anslag_height(s);
}

/// Draws the signature lines with the first at `top` - signature_first_line; returns the y of
/// the last line (of where it would be, with no signer).
Length draw_signature_lines(std::vector<DrawOp>& ops, const std::vector<SigEntry>& sigs, const Style& s,
                            const FontSet& f, Length top) {
    const ProtokollGeometry& g = s.protokoll;
    const auto& c = s.colours;
    const Length left = s.text_left();
    put_text(ops, s.label("underskrifter"), FaceStyle::Bold, s.sizes.anslag_text, c.text, left,
             top - g.signature_heading_drop, f);
    Length y = top - g.signature_first_line;
    const Length lx = left + g.signature_line_offset;
    const Length lw = std::min(s.spacing.signature_line_width, s.text_right() - lx);
    for (const auto& e : sigs) {
        ops.emplace_back(Rule{lx, y, lx + lw, y, g.signature_line_weight, c.signature_line});
        put_text(ops, e.label, FaceStyle::Bold, g.signature_text, c.text, left, y - g.signature_text_drop, f);
        put_text(ops, e.name, FaceStyle::Regular, g.signature_text, c.text, lx, y - g.signature_text_drop, f);
        ops.emplace_back(SigSlot{lx, y, lw, g.signature_slot_height, e.field, e.role, e.name});
        y -= g.signature_pitch;
    }
    return y + g.signature_pitch;
}

/// Draws the ANSLAG/BEVIS box with its top at `btop`.
void draw_anslag(std::vector<DrawOp>& ops, const model::Protokoll& p, const Style& s, const FontSet& f, Length btop) {
    const ProtokollGeometry& g = s.protokoll;
    const auto& c = s.colours;
    const Length right = s.text_right();
    const Length small = s.sizes.anslag_text;
    const Length h = anslag_height(s);
    const Length bx = s.text_left() - g.anslag_outset;
    ops.emplace_back(Box{bx, btop - h, right - bx, h, g.anslag_weight, c.box, false, {}});
    const Length in = bx + g.anslag_padding;
    Length by = btop - g.anslag_padding - s.sizes.anslag_title;
    put_text(ops, s.label("anslag"), FaceStyle::Bold, s.sizes.anslag_title, c.text, in, by, f);
    by -= g.anslag_title_gap;
    put_text(ops, s.label("anslag_text", {{"board", p.anslag.board}}), FaceStyle::Regular, small, c.text, in, by, f);
    const auto date = [](const std::optional<core::Date>& d) { return d ? core::format_date(*d) : std::string(); };
    const std::pair<const char*, std::string> rows[] = {
        {"organ", p.header.organ},
        {"sammantradesdatum", core::format_date(p.header.date)},
        {"anslag_uppsatt", date(p.anslag.posted)},
        {"anslag_nedtaget", date(p.anslag.removed)},
        {"forvaringsplats", p.anslag.storage},
    };
    const Length vx = in + g.anslag_value_column;
    for (const auto& [key, value] : rows) {
        by -= g.anslag_row;
        put_text(ops, s.label(key), FaceStyle::Regular, small, c.text, in, by, f);
        put_text(ops, value, FaceStyle::Regular, small, c.text, vx, by, f);
        ops.emplace_back(Rule{vx, by - g.anslag_rule_drop, right - g.anslag_padding, by - g.anslag_rule_drop,
                              g.anslag_rule_weight, c.signature_line});
    }
    by -= g.anslag_footer_gap;
    const std::string signed_with = p.anslag.signed_with.empty() ? s.label("signerat_med") : p.anslag.signed_with;
    put_text(ops, signed_with, FaceStyle::Italic, small, c.text, in, by, f);
}

/// Draws the signature lines and the ANSLAG/BEVIS box with their top at `top` on page 1.
void draw_page1_block(std::vector<DrawOp>& ops, const model::Protokoll& p, const std::vector<SigEntry>& sigs,
                      const Style& s, const FontSet& f, Length top) {
    const Length last_line = draw_signature_lines(ops, sigs, s, f, top);
    draw_anslag(ops, p, s, f, last_line - s.protokoll.anslag_line_drop - s.protokoll.anslag_gap);
}

void section(FlowBuilder& fb, const Style& s, const std::string& label, const model::Blocks& blocks) {
    if (blocks.empty()) return;
    ParaOpts lo;
    lo.face = FaceStyle::Bold;
    lo.size = s.sizes.section_label;
    lo.keep_with_next = true;
    fb.glue(s.spacing.section_gap);
    fb.text(label, s.text_left(), s.text_width(), lo);
    fb.blocks(blocks, s.text_left(), s.text_width());
}

void label_only(FlowBuilder& fb, const Style& s, const std::string& label) {
    ParaOpts lo;
    lo.face = FaceStyle::Bold;
    lo.size = s.sizes.section_label;
    lo.keep_with_next = true;
    fb.glue(s.spacing.section_gap);
    fb.text(label, s.text_left(), s.text_width(), lo);
}

void plain_lines(FlowBuilder& fb, const Style& s, const std::vector<std::string>& lines, ParaOpts o = {}) {
    for (const auto& l : lines) fb.text(l, s.text_left(), s.text_width(), o);
}

/// A § page's head: page break, outline entry, group, "§ n", title, diarienummer.
void paragraph_heading(FlowBuilder& fb, const model::Paragraph& par, const Style& s) {
    const Length left = s.text_left();
    const Length width = s.text_width();
    fb.page_break();
    const std::string number = "§" + std::to_string(par.number);
    fb.mark(number + " " + par.title, 1);
    if (!par.group.empty()) {
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
    fb.text(number, left, width, h);
    fb.glue(s.spacing.heading_gap);
    h.size = s.sizes.heading_title;
    fb.text(par.title, left, width, h);
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

void paragraph_page(FlowBuilder& fb, const model::Paragraph& par, const People& people, const Style& s) {
    fb.at(par.loc);
    paragraph_heading(fb, par, s);
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
    auto row = [&](const std::string& label, const std::vector<std::string>& values) {
        std::vector<std::vector<Span>> v;
        for (const auto& text : values) v.push_back(fb.spans(text, ParaOpts{}));
        fb.label_row(label, v, left, value_x, s.text_right());
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
    row(s.label("plats_och_tid"), {place});
    fb.at(p.attendance.loc);
    row(s.label("beslutande"), people_lines(p.attendance.members, true));
    if (!p.attendance.substitutes.empty()) row(s.label("ersattare"), people_lines(p.attendance.substitutes, true));
    if (!p.attendance.others.empty()) row(s.label("ovriga"), people_lines(p.attendance.others, true));
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
    fb.text(s.label("arendelista"), left, s.text_width(), h);
    fb.glue(s.spacing.heading_gap);
    std::string group;
    const Length number_col = left + s.protokoll.arendelista_number_column;
    for (const auto& par : p.paragraphs) {
        if (par.group != group && !par.group.empty()) {
            ParaOpts g;
            g.face = FaceStyle::Bold;
            g.keep_with_next = true;
            fb.glue(s.spacing.paragraph_gap);
            fb.text(par.group, left, s.text_width(), g);
        }
        group = par.group;
        ParaOpts o;
        fb.at(par.loc);
        fb.label_row("§" + std::to_string(par.number), {fb.spans(par.title, o)}, left, number_col, s.text_right());
    }
}

}  // namespace

PageSet compose_protokoll(const model::Protokoll& p, const ComposeContext& cx) {
    const Style& s = cx.style;
    FlowBuilder fb(s, cx.fonts, cx.hyphenator, cx.diags, cx.base_dir);
    People people;
    for (const auto* group : {&p.attendance.members, &p.attendance.substitutes, &p.attendance.others})
        for (const auto& person : *group)
            if (!person.id.empty()) people.by_id.emplace(person.id, &person);

    page1_rows(fb, p, people, s);
    arendelista(fb, p, s);
    for (const auto& par : p.paragraphs) paragraph_page(fb, par, people, s);

    // Paginate: page 1 keeps room at its foot for the signature lines and ANSLAG/BEVIS.
    PageSet ps;
    const std::vector<SigEntry> sigs = signature_entries(p, s, ps.signing_order);
    PageTemplate t{p.header.organisation.empty() ? s.organisation : p.header.organisation,
                   p.header.organ,
                   s.label("protokoll"),
                   s.label("motesdatum"),
                   core::format_date(p.header.date),
                   true};
    const Length block = page1_block_height(s, sigs.size());
    const BodyArea normal = body_area(s, t);
    const BodyArea first = body_area(s, t, block);
    FlowInput in = fb.take();
    FootnoteStyle fs{s.page.footnote_rule_width, s.page.footnote_rule_gap, s.text_left(), s.colours.rule};
    FlowResult r = paginate(
        std::move(in), [&](int page) { return page == 0 ? first : normal; }, fs);
    ps.pages = std::move(r.pages);
    ps.outline = std::move(r.outline);
    draw_page1_block(ps.pages.front().ops, p, sigs, s, cx.fonts, first.bottom);
    apply_template(ps, s, cx.fonts, t);
    return ps;
}

void protokoll_paragraph(FlowBuilder& fb, const model::Protokoll& p, const model::Paragraph& par, const Style& s) {
    People people;
    for (const auto* group : {&p.attendance.members, &p.attendance.substitutes, &p.attendance.others})
        for (const auto& person : *group)
            if (!person.id.empty()) people.by_id.emplace(person.id, &person);
    paragraph_page(fb, par, people, s);
}

std::string describe_person(const model::Person& p, const Style& s) { return describe(p, s, false); }

}  // namespace kansli::layout
