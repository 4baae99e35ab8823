// Located diagnostics and the one error type of kansli.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace kansli::core {

/// A position in an input file. line and col are 1-based; 0 means unknown.
struct SourceLoc {
    std::string file;
    int line = 0;
    int col = 0;
};

enum class Severity : std::uint8_t { Unknown = 0, Note, Warning, Error };

/// One finding about an input: where, what, and how to fix it.
struct Diagnostic {
    Severity severity = Severity::Error;
    std::string kind;  ///< short machine-readable class, e.g. "schema", "numbering", "io"
    SourceLoc loc;
    std::string message;  ///< in the user's terms
    std::string hint;     ///< optional: how to fix it
};

/// "file:line:col" (a column 0, unknown, as 1), "file" without a line, "" without a file.
std::string format_location(const SourceLoc& loc);

/// "file:line:col: error: message" plus an indented "hint: ..." line when there is a hint.
std::string format(const Diagnostic& d);

/// Collects diagnostics; stages report into it and never print.
class DiagSink final {
public:
    void add(Diagnostic d) { m_diags.push_back(std::move(d)); }
    void error(std::string kind, SourceLoc loc, std::string message, std::string hint = {});
    void warning(std::string kind, SourceLoc loc, std::string message, std::string hint = {});
    [[nodiscard]] bool has_errors() const;
    [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return m_diags; }
    void clear() { m_diags.clear(); }

private:
    std::vector<Diagnostic> m_diags;
};

/// Exit codes of every kansli command.
enum class ExitCode : int { Ok = 0, Invalid = 1, Usage = 2 };

/// The one exception type: carries located diagnostics and the exit code they mean.
/// Invalid input → ExitCode::Invalid; usage and I/O errors → ExitCode::Usage.
class Error final : public std::runtime_error {
public:
    Error(ExitCode code, std::vector<Diagnostic> diags);
    Error(ExitCode code, std::string kind, SourceLoc loc, std::string message, std::string hint = {});
    [[nodiscard]] ExitCode code() const { return m_code; }
    [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return m_diags; }

private:
    ExitCode m_code;
    std::vector<Diagnostic> m_diags;
};

/// Shorthand for an I/O error about a file (exit code 2).
[[noreturn]] void throw_io(const std::string& path, const std::string& what, std::string hint = {});

}  // namespace kansli::core
