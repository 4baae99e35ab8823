#include "layout/protokoll_page1.hpp"

#include "core/anslag_fields.hpp"
#include "core/roles.hpp"
#include "layout/compose.hpp"
#include "layout/page_template.hpp"
#include "layout/structure.hpp"

#include <string_view>

namespace kansli::layout {

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
    // Shown in the order of <underskrifter>, the order they sign in (under the style's label).
    return all;
}

namespace {

Length anslag_height(const Style& s) {
    const ProtokollGeometry& g = s.protokoll;
    return 2 * g.anslag_padding + s.sizes.anslag_title + g.anslag_title_gap + 5 * g.anslag_row + g.anslag_footer_gap;
}

}  // namespace

Length page1_block_height(const Style& s, std::size_t signers) {
    const ProtokollGeometry& g = s.protokoll;
    return g.signature_first_line + static_cast<Length>(signers) * g.signature_pitch + g.anslag_gap + anslag_height(s);
}

namespace {

/// Draws the signature lines with the first at `top` - signature_first_line; returns the y of
/// the last line (of where it would be, with no signer).
Length draw_signature_lines(std::vector<DrawOp>& ops, const std::vector<SigEntry>& sigs, const Style& s,
                            const FontSet& f, Length top, std::vector<StructNode>& tree, int sect) {
    const ProtokollGeometry& g = s.protokoll;
    const auto& c = s.colours;
    const Length left = s.text_left();
    // Each text its own P of the signature Sect; each slot a Form (its widget's OBJR, from render).
    const auto p = [&](std::size_t from) { stamp(ops, from, add_element(tree, "P", sect)); };
    put_text(ops, s.label("underskrifter"), FaceStyle::Bold, s.sizes.anslag_text, c.text, left,
             top - g.signature_heading_drop, f);
    p(0);
    Length y = top - g.signature_first_line;
    const Length lx = left + g.signature_line_offset;
    const Length lw = std::min(s.spacing.signature_line_width, s.text_right() - lx);
    for (const auto& e : sigs) {
        ops.emplace_back(Rule{lx, y, lx + lw, y, g.signature_line_weight, c.signature_line});
        std::size_t from = ops.size();
        put_text(ops, e.label, FaceStyle::Bold, g.signature_text, c.text, left, y - g.signature_text_drop, f);
        p(from);
        ops.emplace_back(SigSlot{lx, y, lw, g.signature_slot_height, e.field, e.role, e.name});
        std::get<SigSlot>(ops.back()).element = add_element(tree, "Form", sect);
        from = ops.size();
        put_text(ops, e.name, FaceStyle::Regular, g.signature_text, c.text, lx, y - g.signature_text_drop, f);
        p(from);
        y -= g.signature_pitch;
    }
    return y + g.signature_pitch;
}

/// Draws the ANSLAG/BEVIS box with its top at `btop`; a date the source does not give becomes an
/// empty text field on its row's rule, for `kansli anslag` to fill after the justering.
void draw_anslag(Page& page, const model::Protokoll& p, const Style& s, const FontSet& f, Length btop,
                 std::vector<StructNode>& tree, int sect) {
    std::vector<DrawOp>& ops = page.ops;
    const ProtokollGeometry& g = s.protokoll;
    const auto& c = s.colours;
    const Length right = s.text_right();
    const Length small = s.sizes.anslag_text;
    const Length h = anslag_height(s);
    const Length bx = s.text_left() - g.anslag_outset;
    ops.emplace_back(Box{bx, btop - h, right - bx, h, g.anslag_weight, c.box, false, {}});
    const Length in = bx + g.anslag_padding;
    Length by = btop - g.anslag_padding - s.sizes.anslag_title;
    // Sect: P title, P text, a Table of TH (Row) / TD rows, P "signed with".
    const auto put = [&](const std::string& text, FaceStyle face, Length size, Length x, Length y, int parent,
                         const char* type) {
        const std::size_t from = ops.size();
        put_text(ops, text, face, size, c.text, x, y, f);
        const int el = add_element(tree, type, parent);
        if (std::string_view(type) == "TH") tree[static_cast<std::size_t>(el)].scope = "Row";
        stamp(ops, from, el);
        return el;
    };
    put(s.label("anslag"), FaceStyle::Bold, s.sizes.anslag_title, in, by, sect, "P");
    by -= g.anslag_title_gap;
    put(s.label("anslag_text", {{"board", p.anslag.board}}), FaceStyle::Regular, small, in, by, sect, "P");
    const int table = add_element(tree, "Table", sect);
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
        const int tr = add_element(tree, "TR", table);
        put(s.label(key), FaceStyle::Regular, small, in, by, tr, "TH");
        const int td = put(value, FaceStyle::Regular, small, vx, by, tr, "TD");
        const bool posted = std::string_view(key) == "anslag_uppsatt";
        if (value.empty() && (posted || std::string_view(key) == "anslag_nedtaget")) {
            // sign/'s appearance sets one line at (height - 4 pt) / 1.2, 2 pt in from the left,
            // its baseline 2 pt + the size below the top: this box puts the date at the value
            // column, in the label's size, on the label's baseline.
            const Length fh = small * 6 / 5 + core::pt(4);
            page.text_fields.push_back(TextFieldSlot{
                vx - core::pt(2), by - (fh - core::pt(2) - small), right - g.anslag_padding - vx + core::pt(2), fh,
                posted ? core::kAnslagPostedField : core::kAnslagRemovedField, s.label(key), small,
                add_element(tree, "Form", td)});  // its widget's OBJR (render/tagging.cpp)
        }
        ops.emplace_back(Rule{vx, by - g.anslag_rule_drop, right - g.anslag_padding, by - g.anslag_rule_drop,
                              g.anslag_rule_weight, c.signature_line});
    }
    by -= g.anslag_footer_gap;
    const std::string signed_with = p.anslag.signed_with.empty() ? s.label("signerat_med") : p.anslag.signed_with;
    put(signed_with, FaceStyle::Italic, small, in, by, sect, "P");
}

}  // namespace

/// Draws the signature lines and the ANSLAG/BEVIS box with their top at `top` on page 1.
void draw_page1_block(Page& page, const model::Protokoll& p, const std::vector<SigEntry>& sigs, const Style& s,
                      const FontSet& f, Length top, std::vector<StructNode>& tree, int sect) {
    const Length last_line = draw_signature_lines(page.ops, sigs, s, f, top, tree, add_element(tree, "Sect", sect));
    draw_anslag(page, p, s, f, last_line - s.protokoll.anslag_line_drop - s.protokoll.anslag_gap, tree,
                add_element(tree, "Sect", sect));
}

}  // namespace kansli::layout
