// INTERNAL to sign/: the appearance font shared by every kansli signature of a document.
// The first `kansli sign` embeds one Liberation Sans subset covering a fixed repertoire and
// registers it as /AcroForm /DR /Font /KansliSig; later signatures reference that object (never
// rewrite it: an earlier revision's object reachable from a page must stay as it was) and write
// their text with its glyph codes, read back from the font's own /ToUnicode and /W.
#pragma once

#include "sign/document.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace kansli::sign::detail {

/// The resource name of the shared font in /AcroForm /DR /Font.
inline constexpr const char* kSharedFontName = "KansliSig";

/// The characters the shared font always covers (UTF-8): printable ASCII, Å Ä Ö å ä ö É é È è
/// Ü ü Æ æ Ø ø Á á Í í Ó ó Ú ú Ñ ñ Ç ç ß, § – ‘ ’ “ ”.
std::string shared_repertoire();

/// A registered shared font, as read back from the PDF.
struct SharedFont {
    OH ref;                                   ///< the Type0 font object (indirect)
    std::map<char32_t, std::uint16_t> codes;  ///< Unicode → 2-byte code (Identity-H), from /ToUnicode
    std::map<std::uint16_t, double> widths;   ///< code → advance in 1/1000 em, from /W
    double default_width = 1000;              ///< /DW
};

/// The font registered under /AcroForm /DR /Font /KansliSig, when it is a Type0 Identity-H font
/// with a readable /ToUnicode; nullopt otherwise (absent, foreign or malformed: the caller then
/// embeds its own subset). Reads only. Throws qpdf's exceptions on unreadable objects.
std::optional<SharedFont> find_shared_font(QPDF& doc);

/// True when /AcroForm /DR /Font already has an entry /KansliSig (usable or not).
bool shared_font_name_taken(QPDF& doc);

/// Parses a ToUnicode CMap (bfchar and bfrange, 2-byte codes, single-code-point targets) into
/// Unicode → code. Bounded: at most 65536 entries.
std::map<char32_t, std::uint16_t> parse_to_unicode(const std::string& cmap);

}  // namespace kansli::sign::detail
