#include "render/images.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"

#include <algorithm>

namespace kansli::render {

ImageTable::ImageTable(PoDoFo::PdfMemDocument& doc, std::size_t max_bytes) : m_doc(doc), m_max_bytes(max_bytes) {}

std::string ImageTable::resource_name(std::size_t index) { return "Im" + std::to_string(index); }

PoDoFo::PdfObject* ImageTable::object(std::size_t index) const {
    return index < m_images.size() ? m_images[index]->GetObject() : nullptr;
}

std::size_t ImageTable::use(const std::string& path) {
    auto it = std::find(m_paths.begin(), m_paths.end(), path);
    if (it != m_paths.end()) return static_cast<std::size_t>(it - m_paths.begin());

    core::Bytes data = core::read_file(path, m_max_bytes);
    const bool png = data.size() > 8 && data[0] == 0x89 && data[1] == 'P' && data[2] == 'N' && data[3] == 'G';
    const bool jpeg = data.size() > 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff;
    if (!png && !jpeg) {
        throw core::Error(core::ExitCode::Invalid, "image", {path, 0, 0}, "not a PNG or JPEG image",
                          "convert the image to PNG or JPEG");
    }
    auto image = std::make_unique<PoDoFo::PdfImage>(&m_doc, "Im");
    try {
        if (png) {
            image->LoadFromPngData(data.data(), static_cast<PoDoFo::pdf_long>(data.size()));
        } else {
            image->LoadFromJpegData(data.data(), static_cast<PoDoFo::pdf_long>(data.size()));
        }
    } catch (const PoDoFo::PdfError& e) {
        throw core::Error(core::ExitCode::Invalid, "image", {path, 0, 0},
                          std::string("broken ") + (png ? "PNG" : "JPEG") + " image (" +
                              PoDoFo::PdfError::ErrorMessage(e.GetError()) + ")",
                          "open and re-save the image with an image editor");
    }
    m_paths.push_back(path);
    m_images.push_back(std::move(image));
    return m_paths.size() - 1;
}

}  // namespace kansli::render
