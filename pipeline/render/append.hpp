// Appending the pages of other PDFs (kallelse handlingar), internal to render/.
#pragma once

#include <podofo/podofo.h>

#include <cstddef>
#include <string>

namespace kansli::render {

/// Appends every page of the PDF file at `path` after the pages of `doc`, content unchanged.
/// Its outline, forms and name trees are left out, and so are its signature widgets (fields
/// of its own signing, which cannot stay valid or be signed inside our document). Returns the 0-based index of its first page.
/// Throws core::Error: exit 2 if unreadable or larger than max_bytes; exit 1 if it is not a
/// PDF, is broken, encrypted, or has no pages. The diagnostic names the file.
int append_pdf(PoDoFo::PdfMemDocument& doc, const std::string& path, std::size_t max_bytes);

}  // namespace kansli::render
