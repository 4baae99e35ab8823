#include "cli/command.hpp"

#include <iostream>
#include <malloc.h>
#include <termios.h>
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
        const auto t = core::parse_instant_checked(*date_option);
        if (!t.value) {
            throw core::Error(core::ExitCode::Usage, "usage", {}, "--date '" + *date_option + "' " + t.error,
                              "write e.g. 2023-02-24, 2023-02-24T13:00:00Z or 2023-02-24T14:00:00+01:00, "
                              "between the years 0001 and 9999");
        }
        return *t.value;
    }
    if (!ctx.source_date_error.empty()) {
        throw core::Error(core::ExitCode::Usage, "usage", {}, ctx.source_date_error,
                          "unset it, or set it to seconds since 1970 (e.g. the output of `date +%s`), "
                          "or give --date");
    }
    if (ctx.source_date) return *ctx.source_date;
    return ctx.now;
}

std::optional<int> parse_command_line(cxxopts::Options& options, int argc, char** argv, const char* help_tail,
                                      cxxopts::ParseResult& args) {
    try {
        args = options.parse(argc, argv);
    } catch (const cxxopts::exceptions::exception& e) {
        std::cerr << options.program() << ": " << e.what() << "\n\n" << options.help();
        return static_cast<int>(core::ExitCode::Usage);
    }
    if (args.count("help")) {
        std::cout << options.help() << help_tail;
        return 0;
    }
    return std::nullopt;
}

std::string read_secret_from_terminal(const std::string& prompt) {
    std::cerr << prompt << std::flush;
    termios old_tio{};
    const bool have_tio = ::tcgetattr(0, &old_tio) == 0;
    if (have_tio) {
        termios quiet = old_tio;
        quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
        ::tcsetattr(0, TCSAFLUSH, &quiet);
    }
    std::string line;
    std::getline(std::cin, line);
    if (have_tio) ::tcsetattr(0, TCSAFLUSH, &old_tio);
    std::cerr << "\n";
    return line;
}

void keep_freed_memory_for_batches() {
    // Buffers up to 32 MB (glibc's largest mmap threshold on 64-bit) come from the arenas, freed
    // memory is trimmed only past 256 MB, and each arena grows by 64 MB of address space at a
    // time (not touched, so not resident). A refused setting leaves glibc's default: slower only.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TOP_PAD, 64 * 1024 * 1024);
}

std::vector<std::string> many(const cxxopts::ParseResult& r, const char* name) {
    return r.count(name) ? r[name].as<std::vector<std::string>>() : std::vector<std::string>{};
}

std::string first_line(const core::Bytes& b) {
    std::string s(b.begin(), b.end());
    return s.substr(0, s.find_first_of("\r\n"));
}

}  // namespace kansli::cli
