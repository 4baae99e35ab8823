#include "cli/command.hpp"

#include <ostream>

namespace kansli::cli {

void print_diagnostics(std::ostream& out, const std::vector<core::Diagnostic>& diags) {
    std::size_t errors = 0, warnings = 0;
    for (const auto& d : diags) {
        out << core::format(d) << "\n";
        if (d.severity == core::Severity::Error) ++errors;
        if (d.severity == core::Severity::Warning) ++warnings;
    }
    if (errors + warnings > 1) {
        out << errors << " error" << (errors == 1 ? "" : "s") << ", " << warnings << " warning"
            << (warnings == 1 ? "" : "s") << "\n";
    }
}

core::Instant resolve_time(const std::optional<std::string>& date_option, const Context& ctx) {
    if (date_option) {
        auto t = core::parse_instant(*date_option);
        if (!t) {
            throw core::Error(core::ExitCode::Usage, "usage", {}, "--date '" + *date_option + "' is not an ISO 8601 time",
                              "write e.g. 2023-02-24, 2023-02-24T13:00:00Z or 2023-02-24T14:00:00+01:00");
        }
        return *t;
    }
    if (ctx.source_date) return *ctx.source_date;
    return ctx.now;
}

}  // namespace kansli::cli
