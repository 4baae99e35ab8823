#include "render/append.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"

#include <cstring>

namespace kansli::render {

namespace {
[[noreturn]] void broken(const std::string& path, const std::string& why) {
    throw core::Error(core::ExitCode::Invalid, "attachment", {path, 0, 0}, "cannot append this PDF: " + why,
                      "open it in a PDF viewer and save or print it again as PDF, or run "
                      "'qpdf --check' on it");
}
}  // namespace

int append_pdf(PoDoFo::PdfMemDocument& doc, const std::string& path, std::size_t max_bytes) {
    const core::Bytes data = core::read_file(path, max_bytes);
    // The header may be preceded by junk (PDF 32000-1 §7.5.2 allows viewers to be lenient);
    // we accept it within the first 1024 bytes, as most readers do.
    const char* begin = reinterpret_cast<const char*>(data.data());
    const std::size_t scan = data.size() < 1024 ? data.size() : 1024;
    if (scan < 5 || !memmem(begin, scan, "%PDF-", 5)) broken(path, "it does not start with a PDF header");
    if (data.size() > static_cast<std::size_t>(std::numeric_limits<long>::max())) broken(path, "too large");

    PoDoFo::PdfMemDocument other;
    try {
        other.LoadFromBuffer(begin, static_cast<long>(data.size()));
    } catch (const PoDoFo::PdfError& e) {
        const char* msg = PoDoFo::PdfError::ErrorMessage(e.GetError());
        if (e.GetError() == PoDoFo::ePdfError_InvalidPassword) broken(path, "it is encrypted with a password");
        broken(path, std::string("it is damaged (") + (msg ? msg : "parse error") + ")");
    }
    if (other.GetEncrypted()) broken(path, "it is encrypted");
    const int pages = other.GetPageCount();
    if (pages <= 0) broken(path, "it has no pages");
    // Leave its bookmarks out (ours point at its first page instead); PoDoFo would otherwise
    // hang them under our last top-level entry.
    other.GetCatalog()->GetDictionary().RemoveKey("Outlines");

    const int first = doc.GetPageCount();
    doc.Append(other, true);
    if (doc.GetPageCount() != first + pages) broken(path, "its page tree could not be copied");
    return first;
}

}  // namespace kansli::render
