#include "rules/check.hpp"

#include "rules/common_rules.hpp"
#include "rules/omedelbar_rules.hpp"
#include "rules/protokoll_rules.hpp"

#include <algorithm>
#include <tuple>

namespace kansli::rules {

namespace {
std::size_t error_count(const core::DiagSink& sink) {
    std::size_t n = 0;
    for (const auto& d : sink.diagnostics()) n += d.severity == core::Severity::Error ? 1 : 0;
    return n;
}
}  // namespace

bool check_document(const model::Document& doc, core::DiagSink& out) {
    core::DiagSink sink;  // collected here, then handed over in source order
    check_dates(doc, sink);
    check_attachments(doc, sink);
    check_images(doc, sink);
    if (const auto* p = std::get_if<model::Protokoll>(&doc.body)) {
        check_header(p->header, sink);
        check_signers(*p, sink);
        check_anslag(*p, sink);
        // The checks below depend on § numbers; when the numbering itself is wrong they would
        // only repeat its consequences, so the user fixes the numbering first.
        const auto before_numbering = error_count(sink);
        check_numbering(*p, sink);
        if (error_count(sink) == before_numbering) {
            check_omfattar(*p, sink);
            check_attendance_ranges(*p, sink);
            check_replacements(*p, sink);
            check_votes(*p, sink);
            check_participation(*p, sink);
            check_omedelbar(*p, sink);  // issue 12
        }
    } else if (const auto* k = std::get_if<model::Kallelse>(&doc.body)) {
        check_header(k->header, sink);
        check_agenda_times(*k, sink);
    } else if (const auto* a = std::get_if<model::Avtal>(&doc.body)) {
        check_header(a->header, sink);
    }
    auto diags = sink.diagnostics();
    std::stable_sort(diags.begin(), diags.end(), [](const core::Diagnostic& a, const core::Diagnostic& b) {
        return std::tie(a.loc.line, a.loc.col) < std::tie(b.loc.line, b.loc.col);
    });
    for (auto& d : diags) out.add(std::move(d));
    return error_count(sink) == 0;
}

}  // namespace kansli::rules
