// Shaping and measuring one line of text: code points → runs of glyphs in the faces that have
// them (main face, else the fallback face, else a replacement character), advance widths and
// pair kerning. The paragraph engine (text.hpp) shares the character classes and warnings.
#pragma once

#include "core/diagnostic.hpp"
#include "core/units.hpp"
#include "layout/fonts.hpp"
#include "layout/pageset.hpp"

#include <string_view>
#include <vector>

namespace kansli::layout {

/// Width (1/1000 pt) of `text` on one line in `style` at `size`, kerning and fallback included.
core::Length measure(std::u32string_view text, FaceStyle style, core::Length size, const FontSet& fonts);

/// `text` shaped on one line starting at x = 0, y = 0, split into runs at font changes.
std::vector<TextRun> shape_line(std::u32string_view text, FaceStyle style, core::Length size, Color color,
                                const FontSet& fonts, core::DiagSink* diags = nullptr);

/// How the text engine treats a code point.
enum class AtomKind : std::uint8_t { Unknown = 0, Char, Space, Newline, SoftHyphen, ZeroWidthBreak };

/// '\n', U+2028, U+2029 → Newline; space, tab, CR, other C0/C1 controls → Space; U+00AD →
/// SoftHyphen; U+200B → ZeroWidthBreak; everything else → Char.
inline AtomKind classify(char32_t c) {
    if (c == U'\n' || c == 0x2028 || c == 0x2029) return AtomKind::Newline;
    if (c == U' ' || c == U'\t' || c == U'\r' || (c < 0x20) || (c >= 0x7F && c < 0xA0)) return AtomKind::Space;
    if (c == 0xAD) return AtomKind::SoftHyphen;
    if (c == 0x200B) return AtomKind::ZeroWidthBreak;
    return AtomKind::Char;
}

/// Reports characters no face has, once per code point per instance, as warnings of kind
/// "font" into a DiagSink (none when the sink is null).
class MissingCharWarnings final {
public:
    explicit MissingCharWarnings(core::DiagSink* diags) : m_diags(diags) {}
    /// Warns about `cp` at `loc` unless it was already reported by this instance.
    void note(char32_t cp, const core::SourceLoc& loc);

private:
    core::DiagSink* m_diags;
    std::vector<char32_t> m_warned;
};

}  // namespace kansli::layout
