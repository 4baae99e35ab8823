// A paragraph's characters as atoms: each resolved to the face that draws it (fallback faces,
// replacement characters), measured at its span's size, with the kerning between neighbours and
// the prefix sums the line breaker works on. Part of the paragraph engine behind
// typeset_paragraph (text.cpp); breakpoints.hpp and line_builder.hpp read it.
#pragma once

#include "core/diagnostic.hpp"
#include "core/units.hpp"
#include "layout/fonts.hpp"
#include "layout/linebreak.hpp"
#include "layout/shape.hpp"
#include "layout/text.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace kansli::layout {

/// One character of a paragraph. For Char and Space atoms, cp is the code point drawn (a
/// replacement when no face has the original) and font the face that draws it; other kinds keep
/// the original code point, the span's primary face and advance 0.
struct Atom {
    char32_t cp = 0;
    core::Length advance = 0;  ///< 1/1000 pt, at the span's size
    FontId font = 0;
    std::uint16_t span = 0;  ///< index into the spans
    AtomKind kind = AtomKind::Unknown;
};

/// The atoms of a paragraph. Holds references to the spans and fonts: both must outlive it.
class AtomList final {
public:
    /// One atom per character of the first 65535 spans: runs of spaces collapse to one, no space
    /// starts a line or ends one, and forced breaks at the very end are dropped. Characters no
    /// face has become replacements, warned about into `diags` (if not null) once per code
    /// point. Never throws for any text (a malformed font file throws core::Error from the
    /// FontSet, as everywhere).
    AtomList(const std::vector<Span>& spans, const FontSet& fonts, core::DiagSink* diags);

    /// Fills widths(): prefix sums of advances plus kerning; with `justify`, each space may
    /// stretch by 1/2 and shrink by 1/3 of its width.
    void measure(bool justify);

    [[nodiscard]] bool empty() const { return m_atoms.empty(); }
    [[nodiscard]] std::size_t size() const { return m_atoms.size(); }
    [[nodiscard]] const Atom& operator[](std::size_t i) const { return m_atoms[i]; }
    /// All atoms; fixed once the constructor returns.
    [[nodiscard]] std::span<const Atom> atoms() const { return m_atoms; }
    [[nodiscard]] const AtomWidths& widths() const { return m_w; }
    [[nodiscard]] const std::vector<Span>& spans() const { return m_spans; }
    [[nodiscard]] const Span& span_of(const Atom& a) const { return m_spans[a.span]; }
    [[nodiscard]] const FontSet& fonts() const { return m_fonts; }
    /// Width (1/1000 pt) of a hyphen inserted after `before`, in its span's style and size.
    [[nodiscard]] core::Length hyphen_width(const Atom& before) const;

private:
    void add(char32_t raw, std::uint16_t s);
    void trim_trailing();
    [[nodiscard]] core::Length kerning(std::size_t i) const;

    const std::vector<Span>& m_spans;
    const FontSet& m_fonts;
    MissingCharWarnings m_warnings;
    std::vector<Atom> m_atoms;
    std::vector<std::uint16_t> m_glyphs;  // parallel to m_atoms
    AtomWidths m_w;
};

}  // namespace kansli::layout
