// The CLI's view of a subcommand. The CLI only translates: options → a job, result → exit code.
#pragma once

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "core/time.hpp"

#include <cxxopts.hpp>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace kansli::cli {

/// What main() read from the environment, once. Commands never read the clock or environment.
struct Context {
    core::Instant now;                          ///< wall clock at start
    std::optional<core::Instant> source_date;   ///< SOURCE_DATE_EPOCH, when set and valid
    std::string source_date_error;              ///< when set but invalid: the message (resolve_time throws it)
    std::optional<std::string> passphrase_env;  ///< KANSLI_PASSPHRASE, when set
    std::string home;                           ///< folder holding schemas/ and templates/
    bool stdin_is_tty = false;
    bool stderr_is_tty = false;
};

/// Signature of every subcommand: argv[0] is the subcommand name. Returns the exit code.
using CommandFn = int (*)(int argc, char** argv, const Context& ctx);

int run_validate(int argc, char** argv, const Context& ctx);
int run_build(int argc, char** argv, const Context& ctx);
int run_sign(int argc, char** argv, const Context& ctx);
int run_ltv(int argc, char** argv, const Context& ctx);
int run_verify(int argc, char** argv, const Context& ctx);
int run_inspect(int argc, char** argv, const Context& ctx);
int run_keys(int argc, char** argv, const Context& ctx);
int run_demo(int argc, char** argv, const Context& ctx);
int run_tsa(int argc, char** argv, const Context& ctx);             ///< kansli-full only
int run_anslag(int argc, char** argv, const Context& ctx);          ///< kansli-full only
int run_utdrag(int argc, char** argv, const Context& ctx);          ///< kansli-full only
int run_archive(int argc, char** argv, const Context& ctx);         ///< kansli-full only
int run_archive_search(int argc, char** argv, const Context& ctx);  ///< both binaries
/// kansli-full only: the signing portal (cmd_portal.cpp).
int run_portal(int argc, char** argv, const Context& ctx);
int run_portal_demo(int argc, char** argv, const Context& ctx);
#ifdef KANSLI_LEAN
/// `archive search` in-process, every other archive subcommand in kansli-full.
int run_archive_lean(int argc, char** argv, const Context& ctx);
/// The lean binary hands a command to kansli-full beside it (execv, same arguments).
int run_in_full(int argc, char** argv, const Context& ctx);
#endif

/// Parses a subcommand's argv with `options` into `args`. Returns the exit code when the command
/// ends here: 2 after a parse error (printed as "<program>: what" and the help, on stderr), 0 after
/// --help (the help, then `help_tail`, on stdout); std::nullopt when the command goes on.
std::optional<int> parse_command_line(cxxopts::Options& options, int argc, char** argv, const char* help_tail,
                                      cxxopts::ParseResult& args);

/// Prints `prompt` on stderr and reads one line from the terminal with echo off (restored after).
/// Only for a stdin that is a terminal; passphrases and passwords never come from argv.
std::string read_secret_from_terminal(const std::string& prompt);

/// For the batch commands (archive ingest and check, demo --batch), which allocate and free the
/// same large buffers once per document: keep freed memory in the allocator instead of returning
/// it to the kernel after each document. Every fresh page is a page fault, ~40 us on a virtual
/// machine; with glibc's defaults an ingest took ~500 faults per document, with this ~100
/// (measured on 200 documents: 99,186 -> 19,769 minor faults, ~10 % less wall time). Peak memory
/// is still bounded by the per-document limits (+2 MB measured); only the trimming is deferred.
void keep_freed_memory_for_batches();

/// Prints diagnostics to `out`, one block each, and a count line when there are several.
void print_diagnostics(std::ostream& out, const std::vector<core::Diagnostic>& diags);

/// Resolves --date / SOURCE_DATE_EPOCH / now, in that order. Throws core::Error (exit 2) on a bad
/// or out-of-range --date, or, without --date, on a set but invalid SOURCE_DATE_EPOCH.
core::Instant resolve_time(const std::optional<std::string>& date_option, const Context& ctx);

/// The values of a repeatable option (empty when not given).
std::vector<std::string> many(const cxxopts::ParseResult& r, const char* name);

/// The first line of a file's bytes, for messages (without its end-of-line).
std::string first_line(const core::Bytes& b);

}  // namespace kansli::cli
