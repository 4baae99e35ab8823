#include "rules/check.hpp"

#include "rules/common_rules.hpp"
#include "rules/protokoll_rules.hpp"

namespace kansli::rules {

namespace {
std::size_t error_count(const core::DiagSink& sink) {
    std::size_t n = 0;
    for (const auto& d : sink.diagnostics()) n += d.severity == core::Severity::Error ? 1 : 0;
    return n;
}
}  // namespace

bool check_document(const model::Document& doc, core::DiagSink& sink) {
    const auto before = error_count(sink);
    check_dates(doc, sink);
    check_attachments(doc, sink);
    if (const auto* p = std::get_if<model::Protokoll>(&doc.body)) {
        check_header(p->header, sink);
        check_numbering(*p, sink);
        check_omfattar(*p, sink);
        check_attendance_ranges(*p, sink);
        check_signers(*p, sink);
        check_replacements(*p, sink);
        check_votes(*p, sink);
        check_participation(*p, sink);
        check_anslag(*p, sink);
    } else if (const auto* k = std::get_if<model::Kallelse>(&doc.body)) {
        check_header(k->header, sink);
        check_agenda_times(*k, sink);
    } else if (const auto* a = std::get_if<model::Avtal>(&doc.body)) {
        check_header(a->header, sink);
    }
    return error_count(sink) == before;
}

}  // namespace kansli::rules
