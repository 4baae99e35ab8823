// Checks shared by every kind, and those of kallelse and avtal. Kinds in parentheses.
#pragma once

#include "core/diagnostic.hpp"
#include "model/document.hpp"

namespace kansli::rules {

/// Real dates ("date") and start before end ("time") in <huvud>.
void check_header(const model::Header& h, core::DiagSink& sink);
/// Every dated attribute of the document is a real date ("date"); avtal giltighet från ≤ till.
void check_dates(const model::Document& doc, core::DiagSink& sink);
/// Every <dokument fil="…"> is a regular file beneath doc.root (relative to doc.base_dir) and
/// starts with %PDF- ("attachment"); a precise message when it is missing, a folder, a FIFO, …
void check_attachments(const model::Document& doc, core::DiagSink& sink);
/// Every <bild fil="…"> is a regular file beneath doc.root and a PNG or JPEG file ("image").
void check_images(const model::Document& doc, core::DiagSink& sink);
/// Kallelse: item times increase, lie within the meeting, and breaks sit in order between
/// them with från < till ("agenda-time").
void check_agenda_times(const model::Kallelse& k, core::DiagSink& sink);

}  // namespace kansli::rules
