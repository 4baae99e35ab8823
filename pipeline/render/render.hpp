// PageSet → PDF: the only public entry of render/.
#pragma once

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "layout/pageset.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace kansli::render {

/// Limits on inputs render/ reads from disk (fonts, images, appended PDFs).
struct RenderLimits {
    std::size_t max_appended_pdf_bytes = std::size_t{64} << 20;     ///< per appended PDF
    std::size_t max_appended_total_bytes = std::size_t{256} << 20;  ///< all appended PDFs together
    std::size_t max_image_bytes = std::size_t{32} << 20;            ///< per image file
    /// All PNG images of one document together, in pixels: each is decoded and compressed again
    /// (about 1.2 s of CPU for one at the 40-megapixel limit), so this bounds the build's time.
    /// JPEGs are embedded as they are and do not count.
    std::uint64_t max_png_pixels_total = 250'000'000;
};

/// What the PDF is written as (render/conformance.hpp has the details).
enum class Profile : std::uint8_t {
    Plain,  ///< PoDoFo's output as it is (plus appended pages): no conformance claimed
    PdfA,   ///< PDF/A-2 level A and PDF/UA-1 claimed in the XMP (unless an attachment is not
            ///< conformant: then nothing is claimed and a warning names it); OutputIntent, no
            ///< CIDSet, an appearance for every widget, ISO 19005-2 6.1 file syntax (rewritten by qpdf)
};

struct RenderOptions {
    Profile profile = Profile::Plain;
    std::string icc_profile;  ///< sRGB ICC profile for the OutputIntent (PdfA); empty: find_srgb_profile()
};

/// Draws `pages` into a PDF 1.7 file held in memory and returns its bytes.
///
/// Fonts are embedded as TrueType subsets (Identity-H, ToUnicode); TextRun::kern reaches the
/// page as TJ adjustments. Adds the outline, document info and XMP metadata (dates from
/// pages.meta.created, UTC), /Lang, one empty AcroForm signature field per SigSlot, the catalog
/// entry /KANS_SigningOrder, and appends the pages of every PageSet::appended PDF.
/// Tagged (PageSet::structure: marked content, structure tree, /MarkInfo); objects that are not
/// streams are packed in object streams with an xref stream. Its bytes depend only on `pages` (and the files it names);
/// the /ID is a hash of the content.
///
/// Throws core::Error: exit 2 (I/O) when a font or appended PDF cannot be read or is larger
/// than `limits`; exit 1 (invalid input) when an appended PDF is broken, when an image cannot be
/// read (any more), is larger than `limits` or the pixel limits (core/image_size.hpp) or does
/// not decode completely (located at the image's <bild>, Image::loc), or when the PageSet is
/// inconsistent (an op naming a font that does not exist, a slot on a missing page). Every
/// diagnostic names the offending file or op. Cost is linear in the number of pages.
[[nodiscard]] core::Bytes render_pdf(const layout::PageSet& pages, const RenderLimits& limits = {});

/// A rendered PDF and what a caller reports about it.
struct RenderedPdf {
    core::Bytes bytes;
    int page_count = 0;                         ///< the document's pages plus every appended PDF's pages
    bool claims_pdfa = false;                   ///< the XMP claims PDF/A-2a and PDF/UA-1
    std::vector<core::Diagnostic> diagnostics;  ///< warnings (an attachment that voids the claim)
};

/// As render_pdf, also returning the page count. Same errors; with Profile::PdfA also exit 2
/// when no sRGB ICC profile is installed (find_srgb_profile).
[[nodiscard]] RenderedPdf render(const layout::PageSet& pages, const RenderLimits& limits = {},
                                 const RenderOptions& options = {});

/// The sRGB ICC profile of a Debian package: icc-profiles-free's /usr/share/color/icc/sRGB.icc,
/// else colord's /usr/share/color/icc/colord/sRGB.icc. Throws core::Error (exit 2) naming both
/// packages when neither is installed.
[[nodiscard]] std::string find_srgb_profile();

}  // namespace kansli::render
