// The protokoll: page 1 (attendance, justering, signature lines, ANSLAG/BEVIS), the ärendelista,
// then one § per page.
#include "layout/blocks.hpp"
#include "layout/compose.hpp"
#include "layout/page_template.hpp"

#include <map>

namespace kansli::layout {
namespace {

constexpr Length kRowGap = core::pt(4);
constexpr Length kSigTitle = core::pt(36);     // block top → first signature line (the slot above it clears the title)
constexpr Length kSigPitch = core::pt(40);     // between signature lines (a slot clears the name above it)
constexpr Length kSigSlotHeight = core::pt(24);
constexpr Length kSigLineOffset = core::mm(34);  // from the text left edge
constexpr Length kAnslagGap = core::pt(12);
constexpr Length kAnslagPad = core::pt(5);
constexpr Length kAnslagRow = core::pt(13);
constexpr Length kAnslagValue = core::pt(125);   // value column, from the box's inner left

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
            case model::SignerRole::Sekreterare: e.label = s.label("sekreterare"); e.field = "Sekreterare"; break;
            case model::SignerRole::Ordforande: e.label = s.label("ordforande"); e.field = "Ordförande"; break;
            case model::SignerRole::Justerare:
                e.label = s.label("justerande");
                e.field = justerare > 1 ? "Justerare " + std::to_string(++j) : "Justerare";
                break;
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
    return 2 * kAnslagPad + s.sizes.anslag_title + core::pt(12) + 5 * kAnslagRow + core::pt(14);
}

Length page1_block_height(const Style& s, std::size_t signers) {
    return kSigTitle + static_cast<Length>(signers) * kSigPitch + kAnslagGap + anslag_height(s);
}

/// Draws the signature lines and the ANSLAG/BEVIS box with their top at `top` on page 1.
void draw_page1_block(std::vector<DrawOp>& ops, const model::Protokoll& p, const std::vector<SigEntry>& sigs,
                      const Style& s, const FontSet& f, Length top) {
    const auto& c = s.colours;
    const Length left = s.text_left();
    const Length right = s.text_right();
    const Length small = s.sizes.anslag_text;
    put_text(ops, s.label("underskrifter"), FaceStyle::Bold, small, c.text, left, top - core::pt(8), f);
    Length y = top - kSigTitle;
    const Length lx = left + kSigLineOffset;
    const Length lw = std::min(s.spacing.signature_line_width, right - lx);
    for (const auto& e : sigs) {
        ops.emplace_back(Rule{lx, y, lx + lw, y, core::pt(0.5), c.signature_line});
        put_text(ops, e.label, FaceStyle::Bold, core::pt(8), c.text, left, y - core::pt(10), f);
        put_text(ops, e.name, FaceStyle::Regular, core::pt(8), c.text, lx, y - core::pt(10), f);
        ops.emplace_back(SigSlot{lx, y, lw, kSigSlotHeight, e.field, e.role, e.name});
        y -= kSigPitch;
    }
    // ANSLAG/BEVIS, boxed.
    const Length h = anslag_height(s);
    const Length bx = left - core::pt(4);
    const Length btop = y + kSigPitch - core::pt(16) - kAnslagGap;
    ops.emplace_back(Box{bx, btop - h, right - bx, h, core::pt(0.6), c.box, false, {}});
    const Length in = bx + kAnslagPad;
    Length by = btop - kAnslagPad - s.sizes.anslag_title;
    put_text(ops, s.label("anslag"), FaceStyle::Bold, s.sizes.anslag_title, c.text, in, by, f);
    by -= core::pt(11);
    put_text(ops, s.label("anslag_text", {{"board", p.anslag.board}}), FaceStyle::Regular, small, c.text, in, by, f);
    const auto date = [](const std::optional<core::Date>& d) { return d ? core::format_date(*d) : std::string(); };
    const std::pair<const char*, std::string> rows[] = {
        {"organ", p.header.organ},
        {"sammantradesdatum", core::format_date(p.header.date)},
        {"anslag_uppsatt", date(p.anslag.posted)},
        {"anslag_nedtaget", date(p.anslag.removed)},
        {"forvaringsplats", p.anslag.storage},
    };
    for (const auto& [key, value] : rows) {
        by -= kAnslagRow;
        put_text(ops, s.label(key), FaceStyle::Regular, small, c.text, in, by, f);
        put_text(ops, value, FaceStyle::Regular, small, c.text, in + kAnslagValue, by, f);
        ops.emplace_back(Rule{in + kAnslagValue, by - core::pt(3), right - kAnslagPad, by - core::pt(3),
                              core::pt(0.4), c.signature_line});
    }
    by -= core::pt(15);
    const std::string signed_with = p.anslag.signed_with.empty() ? s.label("signerat_med") : p.anslag.signed_with;
    put_text(ops, signed_with, FaceStyle::Italic, small, c.text, in, by, f);
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

void paragraph_page(FlowBuilder& fb, const model::Paragraph& par, const People& people, const Style& s) {
    fb.at(par.loc);
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
        d.size = s.sizes.small + core::pt(1);
        d.color = s.colours.muted;
        d.keep_with_next = true;
        fb.text(s.label("diarienummer") + " " + par.diarienummer, left, width, d);
    }
    section(fb, s, s.label("sammanfattning"), par.summary);
    section(fb, s, s.label("forslag_till_beslut"), par.proposal);
    if (!par.motions.empty()) {
        label_only(fb, s, s.label(par.motions.size() > 1 ? "yrkanden" : "yrkande"));
        bool first = true;
        for (const auto& m : par.motions) {
            if (!first) fb.glue(s.spacing.paragraph_gap);
            first = false;
            if (m.text.empty()) fb.text(people.name(m.by_ref), left, width, {});
            fb.blocks(m.text, left, width);
        }
    }
    section(fb, s, s.label("proposition"), par.proposition);
    if (par.vote) {
        const model::Vote& v = *par.vote;
        label_only(fb, s, s.label("votering"));
        const auto count = [](const std::optional<int>& n, const std::vector<std::string>& refs) {
            return n ? *n : static_cast<int>(refs.size());
        };
        std::string tally = s.label("votering_ja") + " " + std::to_string(count(v.yes, v.yes_refs)) + ", " +
                            s.label("votering_nej") + " " + std::to_string(count(v.no, v.no_refs)) + ", " +
                            s.label("votering_avstar") + " " + std::to_string(count(v.abstain, v.abstain_refs));
        fb.text(tally, left, width, {});
        const std::pair<const char*, const std::vector<std::string>*> lists[] = {
            {"votering_ja", &v.yes_refs}, {"votering_nej", &v.no_refs}, {"votering_avstar", &v.abstain_refs}};
        for (const auto& [key, refs] : lists) {
            if (refs->empty()) continue;
            std::vector<std::vector<Span>> names;
            ParaOpts o;
            for (const auto& r : *refs) names.push_back(fb.spans(people.name(r), o));
            fb.glue(kRowGap);
            fb.label_row(s.label(key), names, left, left + core::mm(20), s.text_right());
        }
        if (!v.result.empty()) {
            fb.glue(s.spacing.paragraph_gap);
            fb.blocks(v.result, left, width);
        }
    }
    section(fb, s, s.label("beslut"), par.decision);
    if (!par.reservations.empty()) {
        label_only(fb, s, s.label("reservation"));
        for (const auto& r : par.reservations) {
            if (r.text.empty()) fb.text(s.label("reservation_text", {{"name", people.name(r.by_ref)}}), left, width, {});
            else fb.blocks(r.text, left, width);
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
            para.inlines.push_back(model::Inline{model::Inline::Kind::Text, model::InlineStyle::Regular, a.title, {}, 0, a.loc});
            list.items.push_back(model::ListItem{{para}, a.loc});
        }
        fb.list(list, left, width);
    }
    if (!par.recipients.empty()) {
        label_only(fb, s, s.label("expedieras_till"));
        plain_lines(fb, s, par.recipients);
    }
    fb.glue(s.spacing.section_gap + s.spacing.paragraph_gap);
    ParaOpts j;
    j.face = FaceStyle::Italic;
    fb.text(s.label(par.justering == model::JusteringKind::OmedelbartJusterad ? "paragraf_omedelbart_justerad"
                                                                                : "paragraf_justerad"),
            left, width, j);
}

}  // namespace

PageSet compose_protokoll(const model::Protokoll& p, const ComposeContext& cx) {
    const Style& s = cx.style;
    FlowBuilder fb(s, cx.fonts, cx.hyphenator, cx.diags, cx.base_dir);
    People people;
    for (const auto* group : {&p.attendance.members, &p.attendance.substitutes, &p.attendance.others})
        for (const auto& person : *group)
            if (!person.id.empty()) people.by_id.emplace(person.id, &person);

    const Length left = s.text_left();
    const Length value_x = left + s.spacing.label_column;
    const Length right = s.text_right();
    auto row = [&](const std::string& label, const std::vector<std::string>& values) {
        std::vector<std::vector<Span>> v;
        for (const auto& text : values) v.push_back(fb.spans(text, ParaOpts{}));
        fb.label_row(label, v, left, value_x, right);
        fb.glue(kRowGap);
    };
    auto people_lines = [&](const std::vector<model::Person>& list, bool ranges) {
        std::vector<std::string> out;
        for (const auto& person : list) out.push_back(describe(person, s, ranges));
        return out;
    };

    // Page 1: attendance and justering.
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

    // Ärendelista.
    fb.page_break();
    fb.mark(s.label("arendelista"), 0);
    ParaOpts h;
    h.face = FaceStyle::Bold;
    h.size = s.sizes.heading_title;
    h.keep_with_next = true;
    fb.text(s.label("arendelista"), left, s.text_width(), h);
    fb.glue(s.spacing.heading_gap);
    std::string group;
    const Length number_col = left + core::mm(12);
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
        fb.label_row("§" + std::to_string(par.number), {fb.spans(par.title, o)}, left, number_col, right);
    }

    // One § per page.
    for (const auto& par : p.paragraphs) paragraph_page(fb, par, people, s);

    // Paginate: page 1 keeps room at its foot for the signature lines and ANSLAG/BEVIS.
    PageSet ps;
    const std::vector<SigEntry> sigs = signature_entries(p, s, ps.signing_order);
    PageTemplate t{p.header.organisation.empty() ? s.organisation : p.header.organisation, p.header.organ,
                   s.label("protokoll"), s.label("motesdatum"), core::format_date(p.header.date), true};
    const Length block = page1_block_height(s, sigs.size());
    const BodyArea normal = body_area(s, t);
    const BodyArea first = body_area(s, t, block);
    FlowInput in = fb.take();
    FootnoteStyle fs{core::mm(40), core::pt(4), left, s.colours.rule};
    FlowResult r = paginate(std::move(in), [&](int page) { return page == 0 ? first : normal; }, fs);
    ps.pages = std::move(r.pages);
    ps.outline = std::move(r.outline);
    draw_page1_block(ps.pages.front().ops, p, sigs, s, cx.fonts, first.bottom);
    apply_template(ps, s, cx.fonts, t);
    return ps;
}

}  // namespace kansli::layout
