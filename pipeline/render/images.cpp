#include "render/images.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "core/image_size.hpp"
#include "render/image_decode.hpp"

#include <algorithm>

namespace kansli::render {

namespace {

/// Located at the <bild>; at the file when the page set does not say (hand-made page sets).
[[noreturn]] void refuse(const core::SourceLoc& loc, const std::string& path, const std::string& message,
                         const std::string& hint) {
    throw core::Error(core::ExitCode::Invalid, "image", loc.file.empty() ? core::SourceLoc{path, 0, 0} : loc, message,
                      hint);
}

constexpr const char* kResave = "open and re-save the image with an image editor";

}  // namespace

ImageTable::ImageTable(PoDoFo::PdfMemDocument& doc, std::size_t max_bytes, std::uint64_t max_png_pixels)
    : m_doc(doc), m_max_bytes(max_bytes), m_max_png_pixels(max_png_pixels) {}

std::string ImageTable::resource_name(std::size_t index) { return "Im" + std::to_string(index); }

PoDoFo::PdfObject* ImageTable::object(std::size_t index) const {
    return index < m_images.size() ? m_images[index]->GetObject() : nullptr;
}

std::size_t ImageTable::use(const std::string& path, const core::SourceLoc& loc) {
    auto it = std::find(m_paths.begin(), m_paths.end(), path);
    if (it != m_paths.end()) return static_cast<std::size_t>(it - m_paths.begin());

    core::Bytes data;
    try {
        data = core::read_file(path, m_max_bytes);
    } catch (const core::Error& e) {
        // Validate and layout read it: it was changed or removed since.
        refuse(loc, path,
               "the image " + path + " cannot be read" +
                   (e.diagnostics().empty() ? "" : ": " + e.diagnostics().front().message),
               "the image was checked when the document was loaded; was it changed or removed since?");
    }
    const auto size = core::try_image_size(data);
    if (!size)
        refuse(loc, path, "the image " + path + " is not a PNG or JPEG image, or its header is damaged", kResave);
    const std::string what = std::string("the ") + core::image_format_name(size->format) + " image " + path;
    if (auto problem = core::image_limit_problem(*size)) {
        refuse(loc, path, what + " is too large: " + *problem, "scale it down; 300 dpi at the printed size is plenty");
    }
    if (size->format == core::ImageFormat::Png) {
        m_png_pixels += std::uint64_t{size->width} * size->height;
        if (m_png_pixels > m_max_png_pixels) {
            refuse(loc, path,
                   what + " takes the document's PNG images to " + std::to_string(m_png_pixels) +
                       " pixels; the limit is " + std::to_string(m_max_png_pixels) + " in all",
                   "use fewer or smaller PNG images; photographs are better as JPEG (embedded as they are)");
        }
    }
    auto image = std::make_unique<PoDoFo::PdfImage>(&m_doc, "Im");
    try {
        if (size->format == core::ImageFormat::Png) {
            load_png(*image, data);
        } else {
            check_jpeg(data);
            image->LoadFromJpegData(data.data(), static_cast<PoDoFo::pdf_long>(data.size()));
        }
    } catch (const ImageError& e) {
        refuse(loc, path, what + " is damaged: " + e.what(), kResave);
    } catch (const PoDoFo::PdfError& e) {
        refuse(loc, path, what + " is damaged (" + PoDoFo::PdfError::ErrorMessage(e.GetError()) + ")", kResave);
    }
    m_paths.push_back(path);
    m_images.push_back(std::move(image));
    return m_paths.size() - 1;
}

}  // namespace kansli::render
