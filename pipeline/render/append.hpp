// Appending the pages of other PDFs (kallelse handlingar), internal to render/.
//
// An appended PDF is as hostile as one under verification, so PoDoFo never parses it: pdf::open
// checks it under pdf::Limits, PoDoFo draws one placeholder page per attachment (the size of its
// first page, so bookmarks can point at it), and after PoDoFo has written the document, qpdf
// replaces each placeholder by the attachment's pages (QPDF::addPage, which copies only what the
// pages reach) and the result is written deterministically (pdf_writer.hpp). Linear in the appended pages.
#pragma once

#include "core/files.hpp"
#include "pdf/reader.hpp"

#include <podofo/podofo.h>

#include <string>
#include <vector>

namespace kansli::render {

/// One attachment: the checked PDF and its placeholder page in the PoDoFo document.
struct Appended {
    std::string path;
    pdf::Opened pdf;
    int placeholder = 0;  ///< object number of the placeholder page
};

/// Opens the PDF at `path` under pdf::default_limits() (files at most `max_bytes`). Throws
/// core::Error: exit 2 if it cannot be read or is larger than `max_bytes`; exit 1 (located at `path`) if it is refused (not a PDF, damaged, encrypted, beyond a
/// limit, a broken page tree, no pages), with the reason and a hint.
Appended open_appended(const std::string& path, std::size_t max_bytes);

/// Adds the placeholder page of `a` at the end of `doc` (its first page's media box) and returns
/// its 0-based page index.
int add_placeholder(PoDoFo::PdfMemDocument& doc, Appended& a);

/// Replaces each placeholder of `out` (PoDoFo's output, loaded) by the pages of its attachment,
/// without their signature widgets; bookmarks that pointed at a placeholder point at the
/// attachment's first page. Throws core::Error (exit 1, located) if an attachment fails to copy.
void merge_appended(QPDF& out, std::vector<Appended>& attachments);

/// `out` written by write_pdf() (pdf_writer.hpp), with an /ID of zeros (the caller sets a
/// content-derived one). Throws core::Error (exit 1, naming the attachments) when their stream
/// data cannot be copied.
core::Bytes write_merged(QPDF& out, const std::vector<Appended>& attachments);

}  // namespace kansli::render
