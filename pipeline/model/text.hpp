// Rich text: inline runs and blocks, shared by every document kind.
// XML element names (namespace urn:kansli:dokument:1) are given beside each type.
#pragma once

#include "core/diagnostic.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kansli::model {

using core::SourceLoc;

enum class InlineStyle : std::uint8_t { Regular = 0, Bold = 1, Italic = 2, BoldItalic = 3 };

/// One run of inline content. Text is UTF-8 with XML whitespace already collapsed
/// (runs of space/tab/newline → one space; leading/trailing space of a block trimmed).
struct Inline {
    enum class Kind : std::uint8_t {
        Unknown = 0,
        Text,        ///< character data, <fet>…</fet> (bold), <kursiv>…</kursiv> (italic)
        LineBreak,   ///< <radbrytning/>
        Link,        ///< <länk href="https://…">text</länk>
        FootnoteRef  ///< <fotnot>text of the note</fotnot>; footnote_index is 1-based, in document order.
                     ///< Schema: <fotnot> is allowed only in avtal text (Avtal::footnotes holds the notes).
    };
    Kind kind = Kind::Text;
    InlineStyle style = InlineStyle::Regular;
    std::string text;        ///< the visible text (for FootnoteRef: empty; the mark is the number)
    std::string href;        ///< Link only
    int footnote_index = 0;  ///< FootnoteRef only
    SourceLoc loc;
};

using Inlines = std::vector<Inline>;

struct Block;
using Blocks = std::vector<Block>;

/// A "flow" (schema types Flöde / AvtalFlöde) is mixed content: blocks and inline content in any
/// order. Each run of inline content between blocks becomes one Paragraph block; whitespace-only
/// runs are ignored. Flows: <punkt>, <cell>, and every Blocks field of document.hpp except
/// Section::blocks (an <avsnitt> holds blocks only).
struct ListItem {   ///< <punkt> flow: inline content and/or blocks (<stycke>, nested <lista>) </punkt>
    Blocks blocks;  ///< inline-only content becomes one Paragraph block
    SourceLoc loc;
};

struct TableCell {  ///< <cell> flow: inline content and/or blocks </cell>
    Blocks blocks;
    SourceLoc loc;
};

struct TableRow {  ///< <rad><cell/>…</rad>
    std::vector<TableCell> cells;
    SourceLoc loc;
};

/// A block of body content.
struct Block {
    enum class Kind : std::uint8_t {
        Unknown = 0,
        Paragraph,   ///< <stycke>inline</stycke>
        Subheading,  ///< <underrubrik>inline</underrubrik>
        List,        ///< <lista typ="punkt|nummer" [start="N"]><punkt>…</punkt>…</lista>
        Table,       ///< <tabell [kolumnbredder="50 50"]><huvud><cell/>…</huvud><rad>…</rad>…</tabell>
        Image        ///< <bild fil="relative/path.png" [bredd="60mm"] alt="…"/>
    };
    Kind kind = Kind::Paragraph;
    Inlines inlines;                     ///< Paragraph, Subheading
    bool numbered = false;               ///< List: typ="nummer"
    int list_start = 1;                  ///< List: first number
    std::vector<ListItem> items;         ///< List
    std::vector<TableCell> header;       ///< Table: header row, repeated on each page (may be empty)
    std::vector<TableRow> rows;          ///< Table
    std::vector<double> column_weights;  ///< Table: relative widths (empty: equal)
    std::string image_path;              ///< Image: path as written, resolved against the XML file's folder
    double image_width_mm = 0;           ///< Image: 0 = natural size capped to the text width
    std::string alt;                     ///< Image: alternative text
    SourceLoc loc;
};

/// Plain text of inline runs (for messages, outlines and fidelity tests).
std::string plain_text(const Inlines& runs);

}  // namespace kansli::model
