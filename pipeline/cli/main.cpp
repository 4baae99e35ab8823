// kansli: Swedish meeting documents to signed, verifiable PDFs.
//
// Two executables are built from this file. `kansli-full` holds every command. `kansli`, the one
// users run, is built with KANSLI_LEAN: it holds sign, verify and keys (Botan and qpdf, linked
// statically) and hands validate, build and demo to `kansli-full` beside it with execv. A process
// that only signs or verifies thus never loads PoDoFo, libxml2 and their thirty shared libraries:
// start-up is most of a `kansli verify` or `kansli sign` process (see README, Benchmarks).
#include "cli/command.hpp"
#include "cli/freshness.hpp"
#include "job/paths.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <gnutls/gnutls.h>
#include <iostream>
#include <unistd.h>

namespace {

// GnuTLS (the crypto provider of libqpdf, linked statically) initialises itself in a library
// constructor at every start: 4.7 of the 12.5 ms of CPU a `kansli --version` took (perf stat -r 40),
// paid by every `archive search` too. GnuTLS documents GNUTLS_NO_IMPLICIT_INIT for programs that
// call gnutls_global_init() themselves. This constructor runs before GnuTLS's (priority 101; a
// statically linked library's constructor has none) and sets it unless the user did; main()
// removes it again, so kansli-full, started by execv, gets the environment it was given, and
// calls gnutls_global_init() before every command that may reach qpdf (needs_gnutls). When GnuTLS is
// a shared library its constructor runs first and the explicit call only counts one more user. A
// command that reached GnuTLS without the call would fail closed ("gnutls: SHA256 error: An error
// has been detected in the library"), which tests/wrapper/lean_test.sh checks.
bool g_gnutls_deferred = false;
__attribute__((constructor(101))) void defer_gnutls_init() {
    if (std::getenv("GNUTLS_NO_IMPLICIT_INIT") == nullptr) {
        ::setenv("GNUTLS_NO_IMPLICIT_INIT", "1", 1);
        g_gnutls_deferred = true;
    }
}

struct Entry {
    const char* name;
    kansli::cli::CommandFn fn;
    const char* summary;
};

#ifdef KANSLI_LEAN
// The commands that need the XML and typesetting half (or HTTP) run in kansli-full (same arguments).
constexpr kansli::cli::CommandFn run_validate = kansli::cli::run_in_full;
constexpr kansli::cli::CommandFn run_build = kansli::cli::run_in_full;
constexpr kansli::cli::CommandFn run_demo = kansli::cli::run_in_full;
constexpr kansli::cli::CommandFn run_tsa = kansli::cli::run_in_full;
constexpr kansli::cli::CommandFn run_anslag = kansli::cli::run_in_full;
constexpr kansli::cli::CommandFn run_utdrag = kansli::cli::run_in_full;
constexpr kansli::cli::CommandFn run_archive = kansli::cli::run_archive_lean;
constexpr kansli::cli::CommandFn run_portal = kansli::cli::run_in_full;
constexpr kansli::cli::CommandFn run_portal_demo = kansli::cli::run_in_full;
#else
constexpr kansli::cli::CommandFn run_validate = kansli::cli::run_validate;
constexpr kansli::cli::CommandFn run_build = kansli::cli::run_build;
constexpr kansli::cli::CommandFn run_demo = kansli::cli::run_demo;
constexpr kansli::cli::CommandFn run_tsa = kansli::cli::run_tsa;
constexpr kansli::cli::CommandFn run_anslag = kansli::cli::run_anslag;
constexpr kansli::cli::CommandFn run_utdrag = kansli::cli::run_utdrag;
constexpr kansli::cli::CommandFn run_archive = kansli::cli::run_archive;
constexpr kansli::cli::CommandFn run_portal = kansli::cli::run_portal;
constexpr kansli::cli::CommandFn run_portal_demo = kansli::cli::run_portal_demo;
#endif

constexpr Entry kCommands[] = {
    {"validate", run_validate, "check XML sources against the schemas and the rules"},
    {"build", run_build, "typeset a source into a paginated PDF"},
    {"sign", kansli::cli::run_sign, "add a PAdES signature as an incremental revision"},
    {"ltv", kansli::cli::run_ltv, "add long-term validation data and a document time-stamp"},
    {"verify", kansli::cli::run_verify, "verify every signature of PDFs and report"},
    {"inspect", kansli::cli::run_inspect, "preflight PDF/A-2 and PDF/UA-1 claims, clause by clause"},
    {"anslag", run_anslag, "fill the ANSLAG/BEVIS dates of a justerat protokoll"},
    {"keys", kansli::cli::run_keys, "make the demo PKI (never for real use)"},
    {"demo", run_demo, "run the whole pipeline on the bundled examples"},
    {"tsa", run_tsa, "serve RFC 3161 time-stamps over HTTP (tsa serve)"},
    {"utdrag", run_utdrag, "make a protokollsutdrag that proves itself"},
    {"archive", run_archive, "ingest signed documents as E-ARK packages; search, check"},
    {"portal", run_portal, "the signing portal (web): portal --data DIR; user add; audit"},
    {"portal-demo", run_portal_demo, "the portal with demo accounts and keys on a free port"},
};

}  // namespace

#ifdef KANSLI_LEAN
int kansli::cli::run_in_full(int argc, char** argv, const kansli::cli::Context&) {
    std::error_code ec;
    const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::string full = ec ? std::string("kansli-full") : (exe.parent_path() / "kansli-full").string();
    // argv is the subcommand's (argv[0] = its name) and stays NULL-terminated: argv[-1] is the
    // program name that main() received.
    argv[-1] = const_cast<char*>(full.c_str());
    ::execv(full.c_str(), argv - 1);
    std::cerr << "kansli " << (argc > 0 ? argv[0] : "") << ": error: cannot run " << full << ": "
              << std::strerror(errno) << "\n  hint: kansli-full is built beside kansli (cmake --build)\n";
    return 2;
}
#endif

namespace {

void usage(std::ostream& out) {
    out << "kansli " << KANSLI_VERSION
        << ": Swedish meeting documents (kallelse, protokoll, avtal) to signed, verifiable PDFs\n\n"
           "Usage: kansli COMMAND [OPTIONS] [ARGS]\n\nCommands:\n";
    for (const auto& c : kCommands) {
        out << "  " << c.name << std::string(std::strlen(c.name) < 12 ? 12 - std::strlen(c.name) : 1, ' ') << c.summary
            << "\n";
    }
    out << "\nRun 'kansli COMMAND --help' for a command's options; 'kansli --paths' shows where the data is read.\n"
           "Exit codes: 0 ok, 1 invalid input or failed verification, 2 usage or I/O error.\n";
}

/// Where the data (schemas, templates, demo keys) was found, and why there.
struct HomeFound {
    std::string dir;
    const char* how;
};

/// The data folder: $KANSLI_HOME; else an installed layout beside the executable
/// (PREFIX/bin/kansli → PREFIX/share/kansli, what `cmake --install` writes); else a source tree
/// above the executable (build/pipeline/cli/kansli → the checkout); else the source tree kansli
/// was built from (compiled in). Each is recognised by its schemas/kansli.xsd.
HomeFound find_home() {
    if (const char* h = std::getenv("KANSLI_HOME"); h && *h) return {h, "KANSLI_HOME"};
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "kansli";
        if (fs::exists(installed / "schemas" / "kansli.xsd", ec))
            return {installed.string(), "installed beside the executable"};
        for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
            if (fs::exists(dir / "schemas" / "kansli.xsd", ec))
                return {dir.string(), "source tree above the executable"};
        }
    }
    return {KANSLI_SOURCE_DIR, "source tree kansli was built from"};
}

/// Whether command `c` may reach qpdf in this process, and with it GnuTLS: all but `archive search`
/// (SQLite only) and, in the lean binary, the commands it hands to kansli-full (which starts its
/// own GnuTLS).
bool needs_gnutls(const Entry& c, int argc, char** argv) {
#ifdef KANSLI_LEAN
    if (c.fn == kansli::cli::run_in_full || c.fn == kansli::cli::run_archive_lean) return false;
#endif
    return !(std::strcmp(c.name, "archive") == 0 && argc > 2 && std::strcmp(argv[2], "search") == 0);
}

/// `kansli --paths`: where this kansli reads its data from.
void print_paths(std::ostream& out, const HomeFound& home) {
    const kansli::job::Home h{home.dir};
    out << "home: " << h.root << " (" << home.how << ")\n"
        << "schemas: " << h.schemas() << "\n"
        << "style: " << h.default_style() << "\n"
        << "examples: " << h.examples() << "\n"
        << "demo keys: " << h.keys() << "/demo\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (g_gnutls_deferred) ::unsetenv("GNUTLS_NO_IMPLICIT_INIT");
    kansli::cli::ensure_wrapper_fresh(argv);  // a no-op unless ./kansli ran us on its fast path
    kansli::cli::Context ctx;
    ctx.now = kansli::core::Instant{static_cast<std::int64_t>(std::time(nullptr))};
    if (const char* s = std::getenv("SOURCE_DATE_EPOCH"); s && *s) {
        const auto parsed = kansli::core::parse_source_date_epoch(s);
        ctx.source_date = parsed.value;
        if (!parsed.value) ctx.source_date_error = "SOURCE_DATE_EPOCH='" + std::string(s) + "' " + parsed.error;
    }
    if (const char* p = std::getenv("KANSLI_PASSPHRASE")) ctx.passphrase_env = std::string(p);
    const HomeFound home = find_home();
    ctx.home = home.dir;
    ctx.stdin_is_tty = ::isatty(0) != 0;
    // Botan sets up a locked memory pool on first use: 512 KB by default, with a guard-page
    // mprotect per 4 KB page, ~3 ms of every process that signs or verifies. 64 KB still holds a
    // decrypted key and the signing state; larger secure buffers fall back to the heap (wiped on
    // free). Verification holds no secret: no pool at all (0.3 ms less). A value the user set is kept.
    ::setenv("BOTAN_MLOCK_POOL_SIZE", argc > 1 && std::strcmp(argv[1], "verify") == 0 ? "0" : "64", 0);
    ctx.stderr_is_tty = ::isatty(2) != 0;

    if (argc < 2) {
        usage(std::cerr);
        return 2;
    }
    std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
        usage(std::cout);
        return 0;
    }
    if (cmd == "--version" || cmd == "-V") {
        std::cout << "kansli " << KANSLI_VERSION << "\n";
        return 0;
    }
    if (cmd == "--paths") {
        print_paths(std::cout, home);
        return 0;
    }
    for (const auto& c : kCommands) {
        if (cmd == c.name) {
            if (needs_gnutls(c, argc, argv)) {
                if (const int rc = gnutls_global_init(); rc < 0) {
                    std::cerr << "kansli: error: GnuTLS (qpdf's crypto provider) did not start: " << gnutls_strerror(rc)
                              << "\n";
                    return 2;
                }
            }
            try {
                return c.fn(argc - 1, argv + 1, ctx);
            } catch (const kansli::core::Error& e) {
                kansli::cli::print_diagnostics(std::cerr, e.diagnostics());
                return static_cast<int>(e.code());
            } catch (const std::exception& e) {
                std::cerr << "kansli " << cmd << ": error: " << e.what() << "\n";
                return 2;
            }
        }
    }
    std::cerr << "kansli: unknown command '" << cmd << "'\n\n";
    usage(std::cerr);
    return 2;
}
