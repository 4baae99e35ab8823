// The house style as data: page geometry, fonts, sizes, colours and the Swedish labels, read
// from a templates/style/*.conf file (format documented at the top of region-jh.conf).
#pragma once

#include "layout/fonts.hpp"
#include "layout/pageset.hpp"

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kansli::layout {

struct PageGeometry {
    Length width = 0, height = 0;
    Length margin_left = 0, margin_right = 0, margin_top = 0, margin_bottom = 0;
    Length header_height = 0;  ///< top margin → header rule
    Length header_gap = 0;     ///< header rule → first body line
    Length footer_box_width = 0, footer_box_height = 0, footer_box_gap = 0;
    Length footer_gap = 0;                                  ///< body → footer
    Length footnote_rule_width = 0, footnote_rule_gap = 0;  ///< the rule above footnotes, its gap
};

struct FontFiles {
    std::string regular, bold, italic, bold_italic;  ///< absolute paths
    std::string fallback, fallback_bold;             ///< absolute paths
};

struct Sizes {
    Length body = 0, leading = 0, small = 0, tiny = 0;
    Length header_organisation = 0, header_organ = 0, header_kind = 0, header_date = 0;
    Length heading_number = 0, heading_title = 0, section_label = 0;
    Length footnote = 0, footnote_leading = 0, page_number = 0;
    Length anslag_title = 0, anslag_text = 0, title = 0, subtitle = 0;
    Length note = 0;  ///< a § page's diarienummer line, an avtal's kind line
};

struct Spacing {
    Length paragraph_gap = 0, section_gap = 0, heading_gap = 0;
    Length label_column = 0, list_indent = 0, list_label_gap = 0;
    Length table_cell_padding = 0, signature_line_width = 0, signature_gap = 0;
};

/// The protokoll's own geometry ([protokoll]): page 1's rows, signature lines and ANSLAG/BEVIS
/// box, the ärendelista and the § pages. Distances are from the text's left edge unless noted.
struct ProtokollGeometry {
    Length row_gap = 0;                    ///< between label rows (page 1, a vote's name lists)
    Length arendelista_number_column = 0;  ///< ärendelista: title column after "§ n"
    Length vote_names_column = 0;          ///< a vote's names after "Ja"/"Nej"/"Avstår"
    Length signature_heading_drop = 0;     ///< block top → baseline of "Underskrifter"
    Length signature_first_line = 0;       ///< block top → first signature line
    Length signature_pitch = 0;            ///< between signature lines
    Length signature_line_offset = 0;      ///< where a signature line starts
    Length signature_line_weight = 0;
    Length signature_slot_height = 0;  ///< the signature field's height above its line
    Length signature_text = 0;         ///< size of the role and name under a line
    Length signature_text_drop = 0;    ///< line → baseline of role and name
    Length anslag_gap = 0;             ///< space reserved between the signatures and the box
    Length anslag_line_drop = 0;       ///< last signature line → anslag_gap above the box
    Length anslag_outset = 0;          ///< box edge left of the text edge
    Length anslag_padding = 0;
    Length anslag_weight = 0;        ///< box line weight
    Length anslag_title_gap = 0;     ///< title baseline → text baseline
    Length anslag_row = 0;           ///< between row baselines
    Length anslag_value_column = 0;  ///< from the box's inner left
    Length anslag_rule_drop = 0;     ///< a row's baseline → its value rule
    Length anslag_rule_weight = 0;
    Length anslag_footer_gap = 0;  ///< last row → "Signerat med" baseline
};

/// The avtal's own geometry ([avtal]): the title block's value column and the signature page.
struct AvtalGeometry {
    Length value_column = 0;            ///< "Parter", "Giltighet" values, from the text's left edge
    Length validity_gap = 0;            ///< parties → validity
    Length subsection_title = 0;        ///< size of a second-level section heading
    Length signature_block_height = 0;  ///< one row of two signature blocks
    Length signature_column_gap = 0;    ///< between the two blocks of a row
    Length signature_party_drop = 0;    ///< block top → party name baseline
    Length signature_place_line = 0;    ///< block top → "Ort och datum" line
    Length signature_line = 0;          ///< block top → signature line
    Length signature_line_weight = 0;
    Length signature_slot_height = 0;
    Length signature_caption_drop = 0;  ///< a line → its small caption's baseline
    Length signature_name_drop = 0;     ///< signature line → name baseline
    Length signature_title_drop = 0;    ///< signature line → the signer's title baseline
};

/// The kallelse's own geometry ([kallelse]): the meeting rows and the agenda.
struct KallelseGeometry {
    Length value_column = 0;   ///< meeting rows' values, from the text's left edge
    Length row_gap = 0;        ///< between meeting rows
    Length number_column = 0;  ///< an item's title, from the text's left edge (its number ends before)
    Length number_gap = 0;     ///< the number's right edge → the title column
    Length time_gap = 0;       ///< least space between a title and its time at the right
    Length item_label = 0;     ///< size of an item's section labels ("Förslag till beslut", …)
    Length group_heading = 0;  ///< size of a group heading ("Beslutsärenden")
};

struct Colours {
    Color text, muted, rule, box, signature_line, table_header_fill, table_rule, link;
};

/// A parsed style file. Immutable after loading.
struct Style {
    std::string file;          ///< where it was read from (for messages)
    std::string organisation;  ///< default organisation when the document names none
    std::string logo;          ///< absolute path, or empty
    PageGeometry page;
    FontFiles fonts;
    Sizes sizes;
    Spacing spacing;
    ProtokollGeometry protokoll;
    AvtalGeometry avtal;
    KallelseGeometry kallelse;
    Colours colours;
    std::map<std::string, std::string, std::less<>> labels;
    FaceStyle subheading_face = FaceStyle::Bold;  ///< <underrubrik> ([fonts] underrubrik, optional)
    bool arendelista_groups = false;              ///< group headings in the ärendelista ([protokoll], optional)

    /// The label with this key (e.g. "protokoll" → "PROTOKOLL"). Every key the layout uses is
    /// required by the parser, so a missing key here is a programming error: throws
    /// core::Error (exit 2) naming the key.
    [[nodiscard]] const std::string& label(std::string_view key) const;
    /// label(key) with each "{name}" replaced by its value from `vars`.
    [[nodiscard]] std::string label(std::string_view key,
                                    const std::vector<std::pair<std::string, std::string>>& vars) const;

    [[nodiscard]] Length text_left() const { return page.margin_left; }
    [[nodiscard]] Length text_right() const { return page.width - page.margin_right; }
    [[nodiscard]] Length text_width() const { return text_right() - text_left(); }
};

/// Parses style text. `file` is used in diagnostics, `base_dir` resolves relative paths.
/// Throws core::Error (exit 1) with one located diagnostic (file:line) per problem: syntax,
/// unknown/duplicate/missing key, bad length or colour.
Style parse_style(std::string_view text, const std::string& file, const std::string& base_dir);

/// Reads and parses a style file. Throws core::Error (exit 2 when unreadable, else as parse_style).
Style load_style(const std::string& path);

/// The font files of a style in the form FontSet::load takes.
FontPaths font_paths(const Style& style);

/// The label keys every style file must define (in the order of region-jh.conf).
std::span<const std::string_view> required_label_keys();

}  // namespace kansli::layout
