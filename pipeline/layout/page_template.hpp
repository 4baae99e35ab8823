// Page templates: the running header, the footer boxes of protokoll pages and "N / M", drawn
// after pagination when the page count is known. Also the body area they leave free.
#pragma once

#include "layout/flow.hpp"
#include "layout/style.hpp"
#include "layout/text.hpp"

#include <string>
#include <string_view>

namespace kansli::layout {

struct PageTemplate {
    std::string organisation;   ///< small, top left
    std::string organ;          ///< bold, under it
    std::string kind;           ///< "PROTOKOLL", large bold, top right
    std::string date_label;     ///< "Mötesdatum", tiny, under the kind
    std::string date;           ///< "2023-02-24", under the label
    bool footer_boxes = false;  ///< "Justerandes sign" and "Utdragsbestyrkande" (protokoll)
    int title_element = -1;     ///< page 1's header text belongs to it (the H1); other pages: artifacts
};

/// The body area every page of this template leaves free (`extra_bottom` reserved above the
/// footer, e.g. page 1's signature block).
BodyArea body_area(const Style& style, const PageTemplate& t, Length extra_bottom = 0);

/// Draws header, footer and "N / M" (style label "sida") on every page of `ps`. Template ops
/// go before the body ops (painting order: page furniture first).
void apply_template(PageSet& ps, const Style& style, const FontSet& fonts, const PageTemplate& t);

/// Paginates `in` into ps.pages and ps.outline with the same body area on every page (footnotes
/// from `footnote_left`), then draws the running header and footer of `t` on every page.
void paginate_uniform(PageSet& ps, FlowInput in, const Style& style, const FontSet& fonts, const PageTemplate& t,
                      Length footnote_left);

/// Appends `text` shaped in one line with its left edge at x and baseline at y; returns its width.
Length put_text(std::vector<DrawOp>& out, std::string_view text, FaceStyle face, Length size, Color colour, Length x,
                Length y, const FontSet& fonts);
/// As put_text, with the right edge at `right`.
Length put_text_right(std::vector<DrawOp>& out, std::string_view text, FaceStyle face, Length size, Color colour,
                      Length right, Length y, const FontSet& fonts);

}  // namespace kansli::layout
