// Checks shared by every kind: header dates and times, dates that exist, attachment files.
#include "rules/common_rules.hpp"

#include "pdf/reader.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <fstream>

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

void real_date(const std::optional<core::Date>& d, const char* what, const core::SourceLoc& loc,
               core::DiagSink& sink) {
    if (d) real_date(*d, what, loc, sink);
}

/// The first bytes of base_dir/rel, or nullopt when it is not a regular file.
std::optional<std::string> leading_bytes(const std::string& base_dir, const std::string& rel, std::size_t n) {
    namespace fs = std::filesystem;
    const fs::path path = fs::path(base_dir) / rel;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return std::nullopt;
    std::string head(n, '\0');
    std::ifstream in(path, std::ios::binary);
    in.read(head.data(), static_cast<std::streamsize>(n));
    head.resize(static_cast<std::size_t>(std::max<std::streamsize>(in.gcount(), 0)));
    return head;
}

void attachment(const model::Attachment& a, const std::string& base_dir, core::DiagSink& sink) {
    if (a.file.empty()) return;
    const auto head = leading_bytes(base_dir, a.file, 5);
    if (!head) {
        sink.error("attachment", a.loc, "the beslutsunderlag file " + a.file + " does not exist",
                   "fil=\"…\" is relative to the folder of the XML file");
        return;
    }
    if (*head != "%PDF-") {
        sink.error("attachment", a.loc, "the beslutsunderlag file " + a.file + " is not a PDF",
                   "attach a PDF file (it must start with %PDF-)");
        return;
    }
    // The same hardened reader and limits that build appends it with (render/append.cpp), so a
    // file that build would refuse is a located error here.
    try {
        (void)pdf::open_file((std::filesystem::path(base_dir) / a.file).string(), pdf::default_limits(),
                             pdf::OpenOptions{true, true});
    } catch (const pdf::Refused& e) {
        const std::string why = e.what();
        const std::string tail = e.kind() == pdf::Refusal::Encrypted ? "; kansli cannot append encrypted PDFs" : "";
        sink.error("attachment", a.loc, "the beslutsunderlag file " + a.file + " cannot be appended: " + why + tail, e.hint());
    } catch (const core::Error& e) {  // unreadable
        sink.error("attachment", a.loc, "the beslutsunderlag file " + a.file + " cannot be read",
                   e.diagnostics().empty() ? std::string() : e.diagnostics().front().message);
    }
}

void image(const model::Block& b, const std::string& base_dir, core::DiagSink& sink) {
    const auto head = leading_bytes(base_dir, b.image_path, 8);
    if (!head) {
        sink.error("image", b.loc, "the image file " + b.image_path + " does not exist",
                   "fil=\"…\" is relative to the folder of the XML file");
        return;
    }
    const bool png = *head == std::string("\x89PNG\r\n\x1a\n", 8);
    const bool jpeg = head->size() >= 3 && head->compare(0, 3, "\xff\xd8\xff") == 0;
    if (!png && !jpeg) {
        sink.error("image", b.loc, "the image file " + b.image_path + " is neither PNG nor JPEG",
                   "convert it to PNG (drawings, diagrams) or JPEG (photographs)");
    }
}

void images_in(const model::Blocks& blocks, const std::string& base_dir, core::DiagSink& sink) {
    for (const auto& b : blocks) {
        switch (b.kind) {
            case model::Block::Kind::Image: image(b, base_dir, sink); break;
            case model::Block::Kind::List:
                for (const auto& item : b.items) images_in(item.blocks, base_dir, sink);
                break;
            case model::Block::Kind::Table:
                for (const auto& c : b.header) images_in(c.blocks, base_dir, sink);
                for (const auto& r : b.rows)
                    for (const auto& c : r.cells) images_in(c.blocks, base_dir, sink);
                break;
            default: break;
        }
    }
}

void images_in(const std::vector<model::Section>& sections, const std::string& base_dir, core::DiagSink& sink) {
    for (const auto& s : sections) {
        images_in(s.blocks, base_dir, sink);
        images_in(s.subsections, base_dir, sink);
    }
}

}  // namespace

void check_images(const model::Document& doc, core::DiagSink& sink) {
    const std::string& dir = doc.base_dir;
    if (const auto* p = std::get_if<model::Protokoll>(&doc.body)) {
        for (const auto& para : p->paragraphs) {
            for (const auto* blocks : {&para.summary, &para.proposal, &para.proposition, &para.decision}) {
                images_in(*blocks, dir, sink);
            }
            for (const auto& m : para.motions) images_in(m.text, dir, sink);
            for (const auto& r : para.reservations) images_in(r.text, dir, sink);
            if (para.vote) images_in(para.vote->result, dir, sink);
        }
    } else if (const auto* k = std::get_if<model::Kallelse>(&doc.body)) {
        images_in(k->introduction, dir, sink);
        for (const auto& e : k->agenda) {
            if (const auto* item = std::get_if<model::AgendaItem>(&e.entry)) {
                images_in(item->description, dir, sink);
                images_in(item->proposal, dir, sink);
            }
        }
    } else if (const auto* a = std::get_if<model::Avtal>(&doc.body)) {
        images_in(a->history, dir, sink);
        images_in(a->validity, dir, sink);
        images_in(a->sections, dir, sink);
    }
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
    if (const auto* p = std::get_if<model::Protokoll>(&doc.body)) {
        for (const auto& para : p->paragraphs) {
            for (const auto& a : para.attachments) attachment(a, doc.base_dir, sink);
        }
    } else if (const auto* k = std::get_if<model::Kallelse>(&doc.body)) {
        for (const auto& e : k->agenda) {
            if (const auto* item = std::get_if<model::AgendaItem>(&e.entry)) {
                for (const auto& a : item->attachments) attachment(a, doc.base_dir, sink);
            }
        }
    }
}

}  // namespace kansli::rules
