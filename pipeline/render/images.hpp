// Images of one PDF being rendered: each file loaded once (PNG or JPEG via PdfImage).
#pragma once

#include "core/diagnostic.hpp"

#include <podofo/podofo.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace kansli::render {

class ImageTable final {
public:
    /// `doc` must outlive the table. Files larger than max_bytes are refused, and so is the PNG
    /// that takes the document's PNGs beyond max_png_pixels in all.
    ImageTable(PoDoFo::PdfMemDocument& doc, std::size_t max_bytes, std::uint64_t max_png_pixels);

    /// Loads `path` on first use (PNG or JPEG, by signature bytes, not by name) and returns its
    /// index. Throws core::Error (exit 1, at `loc`, the <bild>) when the file cannot be read
    /// (any more), is larger than max_bytes or the pixel limits, is not a PNG/JPEG, or does not
    /// decode completely.
    std::size_t use(const std::string& path, const core::SourceLoc& loc);

    /// "Im0", "Im1" …
    [[nodiscard]] static std::string resource_name(std::size_t index);

    /// The image XObject of a loaded image.
    [[nodiscard]] PoDoFo::PdfObject* object(std::size_t index) const;

private:
    PoDoFo::PdfMemDocument& m_doc;
    std::size_t m_max_bytes;
    std::uint64_t m_max_png_pixels;
    std::uint64_t m_png_pixels = 0;  ///< of the PNGs loaded so far
    std::vector<std::string> m_paths;
    std::vector<std::unique_ptr<PoDoFo::PdfImage>> m_images;
};

}  // namespace kansli::render
