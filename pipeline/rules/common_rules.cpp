// Checks shared by every kind: header dates and times, dates that exist, attachment files.
#include "rules/common_rules.hpp"

#include "core/confine.hpp"
#include "core/image_size.hpp"
#include "pdf/reader.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>

namespace kansli::rules {

namespace {

std::string date_text(const core::Date& d) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year % 10000, d.month % 100, d.day % 100);
    return buf;
}

void real_date(const core::Date& d, const char* what, const core::SourceLoc& loc, core::DiagSink& sink) {
    if (core::is_valid_date(d)) return;
    sink.error("date", loc, std::string(what) + " " + date_text(d) + " is not a real date",
               "check the month and day (YYYY-MM-DD)");
}

void real_date(const std::optional<core::Date>& d, const char* what, const core::SourceLoc& loc, core::DiagSink& sink) {
    if (d) real_date(*d, what, loc, sink);
}

/// Opens a named file beneath the document's root; reports why not (kind "attachment" or "image").
/// Returns its first n bytes, or nullopt after an error.
std::optional<std::string> open_named(const model::Document& doc, const std::string& rel, const char* kind,
                                      const std::string& what, const model::SourceLoc& loc, core::DiagSink& sink,
                                      std::size_t n) {
    const std::string root = doc.root.empty() ? doc.base_dir : doc.root;
    const core::ConfinedFile f = core::open_beneath(root, doc.base_dir, rel);
    if (f.ok()) return core::read_head(f, n);
    std::string hint;
    switch (f.problem) {
        case core::FileProblem::NotFound: hint = "fil=\"…\" is relative to the folder of the XML file"; break;
        case core::FileProblem::Directory: hint = "name a file inside that folder"; break;
        case core::FileProblem::Special: hint = "save the content as an ordinary file and name that"; break;
        case core::FileProblem::Loop: hint = "the link points (in the end) at itself: point it at the file"; break;
        case core::FileProblem::Outside:
            hint = "kansli reads only files under " + (f.root.empty() ? root : f.root) +
                   ": move the file there, or give --root DIR for a folder that holds both";
            break;
        case core::FileProblem::NotFolder: hint = "check each folder name of the path"; break;
        case core::FileProblem::Denied: hint = "check the file's permissions"; break;
        default: break;
    }
    sink.error(kind, loc, what + " " + rel + " " + core::describe(f), hint);
    return std::nullopt;
}

void attachment(const model::Document& doc, const std::string& file, const model::SourceLoc& loc,
                core::DiagSink& sink) {
    const auto head = open_named(doc, file, "attachment", "the beslutsunderlag file", loc, sink, 5);
    if (!head) return;
    if (model::is_source_attachment(file)) return;  // a kansli source: job/load.cpp validates it
    if (*head != "%PDF-") {
        sink.error("attachment", loc, "the beslutsunderlag file " + file + " is not a PDF",
                   "attach a PDF file (it must start with %PDF-), or a kansli XML source (fil=\"….xml\")");
        return;
    }
    // The same hardened reader and limits that build appends it with (render/append.cpp), so a
    // file that build would refuse is a located error here.
    try {
        (void)pdf::open_file((std::filesystem::path(doc.base_dir) / file).string(), pdf::default_limits(),
                             pdf::OpenOptions{true, true});
    } catch (const pdf::Refused& e) {
        const std::string why = e.what();
        const std::string tail = e.kind() == pdf::Refusal::Encrypted ? "; kansli cannot append encrypted PDFs" : "";
        sink.error("attachment", loc, "the beslutsunderlag file " + file + " cannot be appended: " + why + tail,
                   e.hint());
    } catch (const core::Error& e) {  // unreadable
        sink.error("attachment", loc, "the beslutsunderlag file " + file + " cannot be read",
                   e.diagnostics().empty() ? std::string() : e.diagnostics().front().message);
    }
}

void image(const model::Document& doc, const std::string& file, const model::SourceLoc& loc, core::DiagSink& sink) {
    const auto head = open_named(doc, file, "image", "the image file", loc, sink, 8);
    if (!head) return;
    const bool png = *head == std::string("\x89PNG\r\n\x1a\n", 8);
    const bool jpeg = head->size() >= 3 && head->compare(0, 3, "\xff\xd8\xff") == 0;
    if (!png && !jpeg) {
        sink.error("image", loc, "the image file " + file + " is neither PNG nor JPEG",
                   "convert it to PNG (drawings, diagrams) or JPEG (photographs)");
        return;
    }
    // The pixel limits, from the header, before anything decodes the image.
    std::optional<core::ImageSize> size;
    try {
        size = core::try_image_size_of_file((std::filesystem::path(doc.base_dir) / file).string());
    } catch (const core::Error& e) {
        const auto& d = e.diagnostics();
        sink.error("image", loc, "the image file " + file + " cannot be read",
                   d.empty() ? std::string() : d.front().message);
        return;
    }
    const char* format = png ? "PNG" : "JPEG";
    if (!size) {
        sink.error("image", loc,
                   "the " + std::string(format) + " image " + file + " is damaged: its header has no valid size",
                   "open and re-save the image with an image editor");
    } else if (auto problem = core::image_limit_problem(*size)) {
        sink.error("image", loc, "the image " + file + " is too large: " + *problem,
                   "scale it down; 300 dpi at the printed size is plenty (an A4 page is 2480 × 3508 pixels)");
    }
}

}  // namespace

void check_images(const model::Document& doc, core::DiagSink& sink) {
    model::for_each_file(doc, [&](model::FileKind k, const std::string& path, const model::SourceLoc& loc) {
        if (k == model::FileKind::Image) image(doc, path, loc, sink);
    });
}

void check_header(const model::Header& h, core::DiagSink& sink) {
    real_date(h.date, "the meeting date", h.loc, sink);
    if (h.start_minutes && h.end_minutes && *h.start_minutes >= *h.end_minutes) {
        sink.error("time", h.loc,
                   "the meeting ends at " + model::format_hhmm(*h.end_minutes) + ", not after it starts at " +
                       model::format_hhmm(*h.start_minutes),
                   "check <tid start=\"…\" slut=\"…\"/>");
    }
}

void check_dates(const model::Document& doc, core::DiagSink& sink) {
    if (const auto* p = std::get_if<model::Protokoll>(&doc.body)) {
        real_date(p->anslag.posted, "uppsatt", p->anslag.loc, sink);
        real_date(p->anslag.removed, "nedtas", p->anslag.loc, sink);
        if (p->anslag.posted && p->anslag.removed && core::is_valid_date(*p->anslag.posted) &&
            core::is_valid_date(*p->anslag.removed) && *p->anslag.removed < *p->anslag.posted) {
            sink.error("date", p->anslag.loc,
                       "nedtas " + date_text(*p->anslag.removed) + " is before uppsatt " + date_text(*p->anslag.posted),
                       "the notice comes down after it goes up");
        }
    } else if (const auto* a = std::get_if<model::Avtal>(&doc.body)) {
        real_date(a->valid_from, "giltighet från", a->loc, sink);
        real_date(a->valid_to, "giltighet till", a->loc, sink);
        if (a->valid_from && a->valid_to && core::is_valid_date(*a->valid_from) && core::is_valid_date(*a->valid_to) &&
            *a->valid_to < *a->valid_from) {
            sink.error("date", a->loc,
                       "the agreement is valid until " + date_text(*a->valid_to) + ", before it starts on " +
                           date_text(*a->valid_from),
                       "check <giltighet från=\"…\" till=\"…\">");
        }
    }
}

void check_attachments(const model::Document& doc, core::DiagSink& sink) {
    model::for_each_file(doc, [&](model::FileKind k, const std::string& path, const model::SourceLoc& loc) {
        if (k == model::FileKind::Attachment) attachment(doc, path, loc, sink);
    });
}

}  // namespace kansli::rules
