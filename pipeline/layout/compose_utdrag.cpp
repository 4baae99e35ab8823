// The protokollsutdrag: page 1 with the meeting's data and who took part in the chosen §§, then
// each § on its own page(s) exactly as compose_protokoll.cpp sets it, then the certifier's line.
#include "core/diagnostic.hpp"
#include "core/utf8.hpp"
#include "layout/page_template.hpp"
#include "layout/structure.hpp"
#include "layout/utdrag.hpp"

#include <algorithm>

namespace kansli::layout {
namespace {

bool serves_in(const model::Person& person, int number) {
    if (person.paragraphs.empty()) return true;
    return std::any_of(person.paragraphs.begin(), person.paragraphs.end(),
                       [&](const model::ParagraphRange& r) { return r.first <= number && number <= r.last; });
}

bool serves_in_any(const model::Person& person, const std::vector<int>& numbers) {
    return std::any_of(numbers.begin(), numbers.end(), [&](int n) { return serves_in(person, n); });
}

std::string numbers_text(const std::vector<int>& numbers) {
    std::string out;
    for (int n : numbers) out += (out.empty() ? "§" : ", §") + std::to_string(n);
    return out;
}

PageTemplate utdrag_template(const model::Protokoll& p, const Style& s, int h1 = -1) {
    return PageTemplate{p.header.organisation.empty() ? s.organisation : p.header.organisation,
                        p.header.organ,
                        s.label("protokollsutdrag"),
                        s.label("motesdatum"),
                        core::format_date(p.header.date),
                        false,
                        h1};
}

void page1_rows(FlowBuilder& fb, const model::Protokoll& p, const UtdragOptions& o, const Style& s) {
    const Length left = s.text_left();
    const Length value_x = left + s.spacing.label_column;
    auto row = [&](const std::string& label, const std::vector<std::string>& values, Length hanging = 0) {
        if (values.empty()) return;
        std::vector<std::vector<Span>> v;
        for (const auto& text : values) v.push_back(fb.spans(text, ParaOpts{}));
        fb.label_row(label, v, left, value_x, s.text_right(), hanging);
        fb.glue(s.protokoll.row_gap);
    };
    auto taking_part = [&](const std::vector<model::Person>& list) {
        std::vector<std::string> out;
        for (const auto& person : list)
            if (serves_in_any(person, o.paragraphs)) out.push_back(describe_person(person, s));
        return out;
    };
    fb.mark(s.label("protokollsutdrag") + " " + core::format_date(p.header.date), 0);
    std::string place = p.header.place;
    if (p.header.start_minutes) {
        place += (place.empty() ? "" : " ") + s.label("kl") + " " + model::format_hhmm(*p.header.start_minutes);
        if (p.header.end_minutes) place += "-" + model::format_hhmm(*p.header.end_minutes);
    }
    fb.at(p.header.loc);
    fb.open("Table");  // as the protokoll's page 1: a TR per row, the label a TH
    row(s.label("plats_och_tid"), {place});
    fb.at(p.attendance.loc);
    // A wrapped entry continues indented, as on the protokoll's page 1.
    row(s.label("beslutande"), taking_part(p.attendance.members), s.spacing.list_indent);
    row(s.label("ovriga"), taking_part(p.attendance.others), s.spacing.list_indent);
    // The separate document of the omedelbart justerade §§ is justerat at the meeting by the
    // justerare and the ordförande alone (omedelbar_block); an extract names every signer.
    std::vector<std::string> signers;
    for (const auto& sig : p.justering.signatories) {
        if (o.omedelbar && sig.role == core::SignerRole::Sekreterare) continue;
        signers.push_back(name_with_party(sig.name, sig.party) + " (" + core::role_name(sig.role) + ")");
    }
    row(s.label(o.omedelbar ? "omedelbart_justerat_av" : "utdrag_justerat_av"), signers);
    row(s.label("utdrag_omfattar"), {numbers_text(o.paragraphs)});
    if (!o.recipient.empty()) row(s.label("expedieras_till"), {o.recipient});
    fb.close();
}

/// A signature line's elements (as the avtal's): a Sect holding a P per text (the role, the name)
/// and a Form for its slot (the widget's OBJR, from render).
void signature_elements(FlowBuilder& fb, std::vector<DrawOp>& ops) {
    const int sect = fb.element("Sect");
    std::vector<std::pair<std::size_t, int>> runs;  // (op, its P) in reading order
    for (std::size_t i = 0; i < ops.size(); ++i)
        if (std::holds_alternative<TextRun>(ops[i])) runs.emplace_back(i, fb.element("P", sect));
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) stamp(ops, it->first, it->second);  // each its own
    for (auto& op : ops)
        if (auto* slot = std::get_if<SigSlot>(&op)) slot->element = fb.element("Form", sect);
}

/// The certifier's statement, line, name and empty signature field, kept together.
void certifier_block(FlowBuilder& fb, const UtdragOptions& o, const Style& s) {
    const ProtokollGeometry& g = s.protokoll;
    const Length left = s.text_left();
    fb.glue(s.spacing.section_gap * 2);
    ParaOpts lo;
    lo.face = FaceStyle::Bold;
    lo.keep_with_next = true;
    fb.text(s.label("utdrag_intyg"), left, s.text_width(), lo);
    FlowItem item;
    item.height = g.signature_first_line + g.signature_text_drop + g.signature_text;
    const Length y = -g.signature_first_line;
    const Length lx = left + g.signature_line_offset;
    const Length lw = std::min(s.spacing.signature_line_width, s.text_right() - lx);
    item.ops.emplace_back(Rule{lx, y, lx + lw, y, g.signature_line_weight, s.colours.signature_line});
    put_text(item.ops, s.label("utdragsbestyrkande"), FaceStyle::Bold, g.signature_text, s.colours.text, left,
             y - g.signature_text_drop, fb.fonts());
    put_text(item.ops, o.certifier, FaceStyle::Regular, g.signature_text, s.colours.text, lx, y - g.signature_text_drop,
             fb.fonts());
    item.ops.emplace_back(SigSlot{lx, y, lw, g.signature_slot_height, kUtdragField, "utdragsbestyrkande", o.certifier});
    signature_elements(fb, item.ops);
    fb.box(std::move(item));
}

/// The justerare and the ordförande sign the omedelbart justerade §§ at the meeting.
void omedelbar_block(FlowBuilder& fb, const model::Protokoll& p, const Style& s, std::vector<std::string>& order) {
    const ProtokollGeometry& g = s.protokoll;
    const Length left = s.text_left();
    fb.glue(s.spacing.section_gap * 2);
    ParaOpts lo;
    lo.face = FaceStyle::Bold;
    lo.keep_with_next = true;
    fb.text(s.label("omedelbar_intyg"), left, s.text_width(), lo);
    int justerare = 0, nth = 0;
    for (const auto& sig : p.justering.signatories) justerare += sig.role == core::SignerRole::Justerare ? 1 : 0;
    for (const auto& sig : p.justering.signatories) {
        if (sig.role != core::SignerRole::Justerare && sig.role != core::SignerRole::Ordforande) continue;
        std::string field = core::role_label(sig.role);
        if (sig.role == core::SignerRole::Justerare && justerare > 1) field += " " + std::to_string(++nth);
        const std::string name = name_with_party(sig.name, sig.party);
        FlowItem item;
        item.height = g.signature_pitch;
        item.keep_with_next = true;
        const Length y = -g.signature_first_line;
        const Length lx = left + g.signature_line_offset;
        const Length lw = std::min(s.spacing.signature_line_width, s.text_right() - lx);
        item.ops.emplace_back(Rule{lx, y, lx + lw, y, g.signature_line_weight, s.colours.signature_line});
        put_text(item.ops, s.label(sig.role == core::SignerRole::Justerare ? "justerande" : "ordforande"),
                 FaceStyle::Bold, g.signature_text, s.colours.text, left, y - g.signature_text_drop, fb.fonts());
        put_text(item.ops, name, FaceStyle::Regular, g.signature_text, s.colours.text, lx, y - g.signature_text_drop,
                 fb.fonts());
        item.ops.emplace_back(SigSlot{lx, y, lw, g.signature_slot_height, field, core::role_name(sig.role), name});
        signature_elements(fb, item.ops);
        order.push_back(field);
        fb.box(std::move(item));
    }
}

std::string runs_text(const std::vector<FlowItem>& items) {
    std::string out;
    for (const auto& item : items) {
        for (const auto& op : item.ops) {
            const auto* t = std::get_if<TextRun>(&op);
            if (!t || t->text.empty()) continue;
            out += core::to_utf8(t->text);
            out += '\n';
        }
    }
    return out;
}

}  // namespace

std::vector<int> omedelbart_justerade(const model::Protokoll& p) {
    std::vector<int> out;
    for (const auto& par : p.paragraphs)
        if (par.justering == model::JusteringKind::OmedelbartJusterad) out.push_back(par.number);
    return out;
}

void omedelbar_reference(FlowBuilder& fb, const model::Protokoll& p, const Style& s) {
    const std::vector<int> numbers = omedelbart_justerade(p);
    if (numbers.empty()) return;
    const Length left = s.text_left();
    // One line ("Omedelbart justerade   §46 i särskilt protokollsutdrag"): page 1 is often full.
    const std::string value = s.label("omedelbart_justerade_i", {{"paragrafer", numbers_text(numbers)}});
    fb.label_row(s.label("omedelbart_justerade"), {fb.spans(value, ParaOpts{})}, left, left + s.spacing.label_column,
                 s.text_right());
    fb.glue(s.protokoll.row_gap);
}

std::string meeting_proof_text(const model::Protokoll& p, const Style& s) {
    const PageTemplate t = utdrag_template(p, s);
    return t.organisation + "\n" + t.organ + "\n" + t.date + "\n";
}

std::vector<std::string> paragraph_proof_texts(const model::Protokoll& p, const ComposeContext& cx) {
    std::vector<std::string> out;
    out.reserve(p.paragraphs.size());
    for (const auto& par : p.paragraphs) {
        FlowBuilder fb(cx.style, cx.fonts, cx.hyphenator, nullptr, cx.base_dir);
        protokoll_paragraph(fb, p, par, cx.style);
        out.push_back(runs_text(fb.take().items));
    }
    return out;
}

PageSet compose_utdrag(const model::Protokoll& p, const UtdragOptions& o, const ComposeContext& cx) {
    const Style& s = cx.style;
    FlowBuilder fb(s, cx.fonts, cx.hyphenator, cx.diags, cx.base_dir);
    const int h1 = fb.element("H1");  // page 1's header block (the template draws it)
    page1_rows(fb, p, o, s);
    for (int n : o.paragraphs) {
        const auto it = std::find_if(p.paragraphs.begin(), p.paragraphs.end(),
                                     [&](const model::Paragraph& par) { return par.number == n; });
        if (it == p.paragraphs.end()) {
            throw core::Error(core::ExitCode::Invalid, "utdrag", {}, "the protokoll has no §" + std::to_string(n),
                              "name §§ of the protokoll in --paragrafer");
        }
        protokoll_paragraph(fb, p, *it, s);
    }
    std::vector<std::string> order;
    if (o.omedelbar)
        omedelbar_block(fb, p, s, order);
    else
        certifier_block(fb, o, s);

    PageSet ps;
    const PageTemplate t = utdrag_template(p, s, h1);
    paginate_uniform(ps, fb.take(), s, cx.fonts, t, s.text_left());
    ps.structure = fb.take_structure();
    cx.fonts.fill_fonts(ps);
    ps.signing_order = o.omedelbar ? order : std::vector<std::string>{kUtdragField};
    ps.meta.title = s.label("protokollsutdrag") + " " + p.header.organ + " " + core::format_date(p.header.date);
    ps.meta.author = t.organisation;
    ps.meta.subject = p.header.organ;
    ps.meta.language = "sv-SE";
    return ps;
}

}  // namespace kansli::layout
