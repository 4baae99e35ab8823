// The display list: what layout/ produces and render/ draws. Knows nothing of PDF.
// Coordinates: core::Length (1/1000 pt), origin at the page's bottom-left, y up (as in PDF).
// A text run's y is its baseline.
#pragma once

#include "core/diagnostic.hpp"
#include "core/time.hpp"
#include "core/units.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kansli::layout {

using core::Length;

struct Color {
    std::uint8_t r = 0, g = 0, b = 0;
    friend bool operator==(const Color&, const Color&) = default;
};

/// A font the document uses: a TrueType file and its role. PageSet::fonts[i] is FontId i.
struct FontRef {
    std::string name;  ///< e.g. "LiberationSans-Bold" (PostScript name)
    std::string path;  ///< absolute path of the .ttf file
};
using FontId = std::uint16_t;

/// One run of text in one font and size, on one baseline.
/// kern[i] (same length as text, or empty) is an extra horizontal displacement applied after
/// character i, in 1/1000 pt (negative = tighter), as from the font's kerning or justification.
struct TextRun {
    Length x = 0, y = 0;
    FontId font = 0;
    Length size = 0;  ///< font size
    Color color;
    std::u32string text;
    std::vector<Length> kern;
    Length width = 0;           ///< advance width of the whole run including kern (for tests/links)
    bool hyphen_added = false;  ///< the run ends in a hyphen inserted by line breaking (not in the source)
    /// The run ends a line broken where the source has no space (after a hyphen, inside a word
    /// too wide for the line): the text goes on at the next line without one (text extraction).
    bool joins_next = false;
    int element = -1;  ///< PageSet::structure index it belongs to; -1: a pagination artifact
};

/// A straight line.
struct Rule {
    Length x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    Length thickness = 0;
    Color color;
};

/// A rectangle outline (stroke) and/or fill.
struct Box {
    Length x = 0, y = 0, w = 0, h = 0;  ///< (x, y) bottom-left
    Length stroke = 0;                  ///< 0 = no outline
    Color stroke_color;
    bool filled = false;
    Color fill_color;
};

/// A PNG or JPEG image scaled into the rectangle.
struct Image {
    Length x = 0, y = 0, w = 0, h = 0;
    std::string path;
    std::string alt;
    core::SourceLoc loc;  ///< the <bild> element, for render's errors about the file
    int element = -1;     ///< its Figure in PageSet::structure; -1: an artifact
};

/// A clickable link area.
struct Link {
    Length x = 0, y = 0, w = 0, h = 0;
    std::string uri;
    int element = -1;  ///< its Link element in PageSet::structure (the annotation's OBJR goes there)
};

/// Where a signature goes: render/ makes an empty AcroForm signature field (/FT /Sig, no /V)
/// with this rectangle, named field_name, for `kansli sign` to fill.
struct SigSlot {
    Length x = 0, y = 0, w = 0, h = 0;
    std::string field_name;   ///< e.g. "Sekreterare", "Justerare", "Ordförande", "Part region"
    std::string role;         ///< "sekreterare" | "justerare" | "ordförande" | "part"
    std::string signer_name;  ///< expected signer, as printed under the line
    int element = -1;         ///< its Form element in PageSet::structure (the widget's OBJR goes there)
};

using DrawOp = std::variant<TextRun, Rule, Box, Image, Link, SigSlot>;

/// A one-line text form field (/FT /Tx) that render/ makes empty, with an empty printable
/// appearance, for a later incremental update to fill (the ANSLAG/BEVIS dates: `kansli anslag`).
struct TextFieldSlot {
    Length x = 0, y = 0, w = 0, h = 0;  ///< (x, y) bottom-left
    std::string field_name;             ///< /T, e.g. "Anslag uppsatt"
    std::string tooltip;                ///< /TU, e.g. "Datum för anslags uppsättande"
    Length font_size = 0;               ///< for /DA
    int element = -1;                   ///< its Form structure element (tagging), or -1
};

struct Page {
    Length width = core::kA4Width;
    Length height = core::kA4Height;
    std::vector<DrawOp> ops;  ///< in painting order
    std::vector<TextFieldSlot> text_fields;
};

/// A bookmark. level 0 = top. Points at page index `page` (0-based), at height y.
struct OutlineEntry {
    std::string title;
    int level = 0;
    int page = 0;
    Length y = 0;
};

/// A PDF whose pages are appended after the document's own pages (and earlier appended PDFs),
/// untouched, with an outline entry at its first page (kallelse handlingar).
struct AppendedPdf {
    std::string path;
    std::string title;
    int level = 0;
};

struct Metadata {
    std::string title;    ///< "Protokoll Sociala vård och omsorgsgruppen 2023-02-24"
    std::string author;   ///< organisation
    std::string subject;  ///< organ
    std::string keywords;
    std::string language = "sv-SE";
    core::Instant created;  ///< from --date / SOURCE_DATE_EPOCH, never the clock
};

/// One element of the logical structure (ISO 32000-1 14.7, 14.8.4 standard types only).
/// Rules and boxes are always artifacts; a TextRun or Image with element -1 is a pagination
/// artifact (running header, footer, page number, a repeated table header).
struct StructNode {
    std::string type;   ///< "Document", "H1".."H6", "P", "L", "LI", "Lbl", "LBody", "Table", "THead",
                        ///< "TBody", "TR", "TH", "TD", "Figure", "Link", "Note", "Form", "Sect"
    int parent = -1;    ///< index of the parent; -1 only for node 0, the Document
    std::string alt;    ///< Figure: the alternate description (/Alt)
    std::string scope;  ///< TH: "Row" or "Column" (/A << /O /Table /Scope … >>)
};

struct PageSet {
    std::vector<Page> pages;
    std::vector<FontRef> fonts;
    std::vector<OutlineEntry> outline;
    std::vector<AppendedPdf> appended;       ///< appended after all pages, in order
    std::vector<std::string> signing_order;  ///< field names of the SigSlots in required signing order
    Metadata meta;
    /// The logical structure in reading (= source) order: node 0 is the Document, every node's
    /// parent comes before it, siblings are in creation order. Empty: an untagged PDF.
    std::vector<StructNode> structure;
    /// kansli's own data, written as Flate streams in the catalog's /KANS_Data dictionary under
    /// these names (pdf/kansli_data.hpp: the § proof root, the source, an extract's proof).
    std::vector<std::pair<std::string, std::string>> kansli_data;
};

}  // namespace kansli::layout
