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
    Length header_height = 0;   ///< top margin → header rule
    Length header_gap = 0;      ///< header rule → first body line
    Length footer_box_width = 0, footer_box_height = 0, footer_box_gap = 0;
    Length footer_gap = 0;      ///< body → footer
};

struct FontFiles {
    std::string regular, bold, italic, bold_italic;  ///< absolute paths
    std::string fallback, fallback_bold;               ///< absolute paths
};

struct Sizes {
    Length body = 0, leading = 0, small = 0, tiny = 0;
    Length header_organisation = 0, header_organ = 0, header_kind = 0, header_date = 0;
    Length heading_number = 0, heading_title = 0, section_label = 0;
    Length footnote = 0, footnote_leading = 0, page_number = 0;
    Length anslag_title = 0, anslag_text = 0, title = 0, subtitle = 0;
};

struct Spacing {
    Length paragraph_gap = 0, section_gap = 0, heading_gap = 0;
    Length label_column = 0, list_indent = 0, list_label_gap = 0;
    Length table_cell_padding = 0, signature_line_width = 0, signature_gap = 0;
};

struct Colours {
    Color text, muted, rule, box, signature_line, table_header_fill, table_rule, link;
};

/// A parsed style file. Immutable after loading.
struct Style {
    std::string file;           ///< where it was read from (for messages)
    std::string organisation;   ///< default organisation when the document names none
    std::string logo;           ///< absolute path, or empty
    PageGeometry page;
    FontFiles fonts;
    Sizes sizes;
    Spacing spacing;
    Colours colours;
    std::map<std::string, std::string, std::less<>> labels;

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
