// Checks shared by every kind: header dates and times, dates that exist, attachment files.
#include "rules/common_rules.hpp"

#include <filesystem>
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

void attachment(const model::Attachment& a, const std::string& base_dir, core::DiagSink& sink) {
    if (a.file.empty()) return;
    namespace fs = std::filesystem;
    const fs::path path = fs::path(base_dir) / a.file;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        sink.error("attachment", a.loc, "the beslutsunderlag file " + a.file + " does not exist",
                   "fil=\"…\" is relative to the folder of the XML file");
        return;
    }
    char magic[5] = {};
    std::ifstream in(path, std::ios::binary);
    in.read(magic, sizeof magic);
    if (in.gcount() != 5 || std::string_view(magic, 5) != "%PDF-") {
        sink.error("attachment", a.loc, "the beslutsunderlag file " + a.file + " is not a PDF",
                   "attach a PDF file (it must start with %PDF-)");
    }
}

}  // namespace

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
