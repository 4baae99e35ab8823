#include "core/diagnostic.hpp"

namespace kansli::core {

namespace {
const char* severity_name(Severity s) {
    switch (s) {
        case Severity::Note: return "note";
        case Severity::Warning: return "warning";
        case Severity::Error: return "error";
        case Severity::Unknown: break;
    }
    return "error";
}

std::string summary(const std::vector<Diagnostic>& diags) {
    if (diags.empty()) return "kansli error";
    return format(diags.front());
}
}  // namespace

std::string format_location(const SourceLoc& loc) {
    if (loc.file.empty()) return {};
    std::string out = loc.file;
    if (loc.line > 0) out += ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col > 0 ? loc.col : 1);
    return out;
}

std::string format(const Diagnostic& d) {
    std::string out;
    if (!d.loc.file.empty()) out += format_location(d.loc) + ": ";
    out += severity_name(d.severity);
    out += ": ";
    out += d.message;
    if (!d.hint.empty()) {
        out += "\n  hint: ";
        out += d.hint;
    }
    return out;
}

void DiagSink::error(std::string kind, SourceLoc loc, std::string message, std::string hint) {
    add({Severity::Error, std::move(kind), std::move(loc), std::move(message), std::move(hint)});
}

void DiagSink::warning(std::string kind, SourceLoc loc, std::string message, std::string hint) {
    add({Severity::Warning, std::move(kind), std::move(loc), std::move(message), std::move(hint)});
}

bool DiagSink::has_errors() const {
    for (const auto& d : m_diags) {
        if (d.severity == Severity::Error) return true;
    }
    return false;
}

Error::Error(ExitCode code, std::vector<Diagnostic> diags)
    : std::runtime_error(summary(diags)), m_code(code), m_diags(std::move(diags)) {}

Error::Error(ExitCode code, std::string kind, SourceLoc loc, std::string message, std::string hint)
    : Error(code, std::vector<Diagnostic>{
                      {Severity::Error, std::move(kind), std::move(loc), std::move(message), std::move(hint)}}) {}

void throw_io(const std::string& path, const std::string& what, std::string hint) {
    throw Error(ExitCode::Usage, "io", SourceLoc{path, 0, 0}, what, std::move(hint));
}

}  // namespace kansli::core
