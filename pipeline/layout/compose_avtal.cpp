// The avtal / överenskommelse: title block, parties, history, validity, numbered sections
// (1, 1.1, 1.1.1 …) with headings kept with their text, then a signature page with a block and
// a SigSlot per party ("Part <id>").
#include "layout/blocks.hpp"
#include "layout/compose.hpp"
#include "layout/page_template.hpp"
#include "layout/structure.hpp"

#include <algorithm>

namespace kansli::layout {
namespace {

void sections(FlowBuilder& fb, const std::vector<model::Section>& list, const std::string& prefix, int depth) {
    const Style& s = fb.style();
    int n = 0;
    for (const auto& sec : list) {
        fb.at(sec.loc);
        std::string number;
        if (sec.numbered) number = prefix + std::to_string(++n);
        ParaOpts h;
        h.face = depth >= 2 ? FaceStyle::BoldItalic : FaceStyle::Bold;
        h.size = depth == 0 ? s.sizes.heading_number : depth == 1 ? s.avtal.subsection_title : s.sizes.body;
        h.keep_with_next = true;
        h.hyphenate = false;
        fb.glue(depth == 0 ? s.spacing.section_gap * 2 : s.spacing.section_gap);
        fb.mark((number.empty() ? "" : number + " ") + sec.title, std::min(depth, 3));
        // Section depth 0 is H2 (under the title's H1), each level one deeper, at most H6.
        fb.heading(std::min(depth + 2, 6), (number.empty() ? "" : number + "  ") + sec.title, s.text_left(),
                   s.text_width(), h);
        fb.glue(s.spacing.paragraph_gap);
        fb.blocks(sec.blocks, s.text_left(), s.text_width());
        if (depth < 32) sections(fb, sec.subsections, number.empty() ? prefix : number + ".", depth + 1);
    }
}

/// One signature block: party name, "Ort och datum" line, signature line with its slot, the
/// name and title under it. Ops in item space (top at y = 0), left edge at x.
void signature_block(std::vector<DrawOp>& ops, const model::PartySignature& sig, const std::string& party_name,
                     const Style& s, FlowBuilder& fb, Length x, Length width) {
    const FontSet& f = fb.fonts();
    const auto& c = s.colours;
    const AvtalGeometry& g = s.avtal;
    // A Sect per party: a P per text, the slot a Form (its widget's OBJR, from render).
    const int sect = fb.element("Sect");
    std::size_t from = ops.size();
    const auto p = [&] {
        stamp(ops, from, fb.element("P", sect));
        from = ops.size();
    };
    put_text(ops, party_name, FaceStyle::Bold, s.sizes.body, c.text, x, -g.signature_party_drop, f);
    p();
    Length y = -g.signature_place_line;
    ops.emplace_back(Rule{x, y, x + width, y, g.signature_line_weight, c.signature_line});
    const std::string place =
        sig.place.empty() ? s.label("ort_och_datum") : sig.place + ", " + s.label("ort_och_datum");
    put_text(ops, place, FaceStyle::Regular, s.sizes.small, c.muted, x, y - g.signature_caption_drop, f);
    p();
    y = -g.signature_line;
    ops.emplace_back(Rule{x, y, x + width, y, g.signature_line_weight, c.signature_line});
    ops.emplace_back(SigSlot{x, y, width, g.signature_slot_height, "Part " + sig.party_ref, "part", sig.name});
    std::get<SigSlot>(ops.back()).element = fb.element("Form", sect);
    from = ops.size();
    if (sig.name.empty())
        put_text(ops, s.label("namnfortydligande"), FaceStyle::Regular, s.sizes.small, c.muted, x,
                 y - g.signature_caption_drop, f);
    else
        put_text(ops, sig.name, FaceStyle::Regular, s.sizes.body, c.text, x, y - g.signature_name_drop, f);
    p();
    if (!sig.title.empty()) {
        put_text(ops, sig.title, FaceStyle::Regular, s.sizes.small, c.muted, x, y - g.signature_title_drop, f);
        p();
    }
}

/// The title block: kind, title, subtitle, version.
void title_block(FlowBuilder& fb, const model::Avtal& a, const Style& s) {
    const Length left = s.text_left();
    const Length width = s.text_width();
    fb.mark(a.title, 0);
    ParaOpts kind;
    kind.size = s.sizes.note;
    kind.color = s.colours.muted;
    kind.keep_with_next = true;
    fb.open("H1");  // the kind and the title
    fb.text(upper_sv(a.kind_label), left, width, kind);
    ParaOpts title;
    title.face = FaceStyle::Bold;
    title.size = s.sizes.title;
    title.keep_with_next = true;
    title.hyphenate = false;
    fb.text(a.title, left, width, title);
    fb.close();
    if (!a.subtitle.empty()) {
        ParaOpts sub;
        sub.size = s.sizes.subtitle;
        sub.keep_with_next = true;
        fb.glue(s.spacing.paragraph_gap);
        fb.text(a.subtitle, left, width, sub);
    }
    if (!a.version.empty()) {
        ParaOpts v;
        v.color = s.colours.muted;
        fb.glue(s.spacing.paragraph_gap);
        fb.text(s.label("version") + " " + a.version, left, width, v);
    }
}

/// "Parter" (with organisation numbers) and "Giltighet" as label rows, then "Historik".
void parties_and_validity(FlowBuilder& fb, const model::Avtal& a, const Style& s) {
    const Length left = s.text_left();
    const Length right = s.text_right();
    const Length value_x = left + s.avtal.value_column;
    fb.glue(s.spacing.section_gap * 2);
    fb.open("Table");  // Parter, Giltighet: TR with TH (Scope Row) and TD
    std::vector<std::vector<Span>> parties;
    for (const auto& p : a.parties) {
        std::string text = p.name;
        if (!p.org_number.empty()) text += " (" + s.label("organisationsnummer") + " " + p.org_number + ")";
        parties.push_back(fb.spans(text, ParaOpts{}));
    }
    if (!parties.empty()) fb.label_row(s.label("parter"), parties, left, value_x, right);
    if (a.valid_from || a.valid_to || !a.validity.empty()) {
        fb.glue(s.avtal.validity_gap);
        std::string text;
        if (a.valid_from) text = s.label("giltig_fran", {{"from", core::format_date(*a.valid_from)}});
        if (a.valid_to)
            text += (text.empty() ? "" : " ") + s.label("giltig_till", {{"to", core::format_date(*a.valid_to)}});
        std::vector<std::vector<Span>> v;
        if (!text.empty()) v.push_back(fb.spans(text, ParaOpts{}));
        // Paragraphs of the validity text sit in the value column; other blocks follow below.
        bool only_paragraphs = true;
        for (const auto& b : a.validity) only_paragraphs = only_paragraphs && b.kind == model::Block::Kind::Paragraph;
        if (only_paragraphs)
            for (const auto& b : a.validity) v.push_back(fb.spans(b.inlines, ParaOpts{}, nullptr));
        fb.label_row(s.label("giltighet"), v, left, value_x, right);
        fb.close();
        if (!only_paragraphs) {
            fb.glue(s.spacing.paragraph_gap);
            fb.blocks(a.validity, value_x, right - value_x);
        }
    }
    if (fb.node(fb.current()).type == "Table") fb.close();
    if (!a.history.empty()) {
        ParaOpts h;
        h.face = FaceStyle::Bold;
        h.keep_with_next = true;
        fb.glue(s.spacing.section_gap);
        fb.heading(2, s.label("historik"), left, s.text_width(), h);
        fb.blocks(a.history, left, s.text_width());
    }
}

/// The signature page: two blocks side by side per row, a slot for each party.
void signature_page(FlowBuilder& fb, const model::Avtal& a, const Style& s) {
    if (a.signatures.empty()) return;
    const Length left = s.text_left();
    const Length width = s.text_width();
    const Length gap = s.avtal.signature_column_gap;
    fb.page_break();
    fb.mark(s.label("underskrifter"), 0);
    ParaOpts h;
    h.face = FaceStyle::Bold;
    h.size = s.sizes.heading_number;
    h.keep_with_next = true;
    fb.heading(2, s.label("underskrifter"), left, width, h);
    fb.glue(s.spacing.section_gap * 2);
    const Length col = (width - gap) / 2;
    for (std::size_t i = 0; i < a.signatures.size(); i += 2) {
        FlowItem row;
        row.height = s.avtal.signature_block_height;
        for (std::size_t j = i; j < std::min(i + 2, a.signatures.size()); ++j) {
            const auto& sig = a.signatures[j];
            std::string party = sig.party_ref;
            for (const auto& p : a.parties)
                if (p.id == sig.party_ref) party = p.name;
            signature_block(row.ops, sig, party, s, fb, left + static_cast<Length>(j - i) * (col + gap), col);
        }
        fb.box(std::move(row));
    }
}

}  // namespace

PageSet compose_avtal(const model::Avtal& a, const ComposeContext& cx) {
    const Style& s = cx.style;
    FlowBuilder fb(s, cx.fonts, cx.hyphenator, cx.diags, cx.base_dir);
    fb.at(a.loc);
    for (std::size_t i = 0; i < a.footnotes.size(); ++i) fb.footnote(static_cast<int>(i), a.footnotes[i]);
    title_block(fb, a, s);
    parties_and_validity(fb, a, s);
    sections(fb, a.sections, "", 0);
    signature_page(fb, a, s);

    PageSet ps;
    PageTemplate t{a.header.organisation.empty() ? s.organisation : a.header.organisation,
                   a.header.organ,
                   upper_sv(a.kind_label),
                   s.label("datum"),
                   a.header.date.year > 0 ? core::format_date(a.header.date) : std::string(),
                   false};
    paginate_uniform(ps, fb.take(), s, cx.fonts, t, s.text_left());
    ps.structure = fb.take_structure();
    return ps;
}

}  // namespace kansli::layout
