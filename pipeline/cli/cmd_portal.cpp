// kansli portal [serve] --data DIR ... | portal user add ... | portal audit --data DIR | portal-demo
#include "cli/command.hpp"
#include "core/files.hpp"
#include "portal/accounts.hpp"
#include "portal/audit.hpp"
#include "portal/demo.hpp"
#include "portal/server.hpp"

#include <cxxopts.hpp>

#include <csignal>
#include <ctime>
#include <fstream>
#include <iostream>
#include <pthread.h>
#include <thread>

namespace kansli::cli {
namespace {

std::int64_t wall_clock() { return static_cast<std::int64_t>(std::time(nullptr)); }

// The password: from the terminal with echo off (asked twice), else the first line of stdin. Never argv.
std::string read_password(const Context& ctx, const std::string& name) {
    if (!ctx.stdin_is_tty) {
        std::string line;
        std::getline(std::cin, line);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
    }
    const std::string a = read_secret_from_terminal("Password for " + name + ": ");
    const std::string b = read_secret_from_terminal("Again: ");
    if (a != b) throw core::Error(core::ExitCode::Usage, "portal", {}, "the two passwords differ");
    return a;
}

std::string file_text(const std::string& path) {
    const core::Bytes b = core::read_file(path, 1u << 20);
    return std::string(b.begin(), b.end());
}

cxxopts::ParseResult parse(cxxopts::Options& options, int argc, char** argv) {
    try {
        return options.parse(argc, argv);
    } catch (const cxxopts::exceptions::exception& e) {
        throw core::Error(core::ExitCode::Usage, "usage", {}, e.what(), "see --help");
    }
}

int user_add(int argc, char** argv, const Context& ctx) {
    cxxopts::Options options("kansli portal user add",
                             "Add or update a portal account (password from the terminal or stdin).");
    options.add_options()("data", "the portal's data folder", cxxopts::value<std::string>())(
        "role", "sekreterare | signer | registrar | arkiv", cxxopts::value<std::string>())(
        "person", "the full name documents use (signers: as in <underskrifter>)", cxxopts::value<std::string>())(
        "cert", "signer certificate PEM (then its chain)", cxxopts::value<std::string>())(
        "key", "the signer's encrypted PKCS#8 key for the keystore", cxxopts::value<std::string>())(
        "name", "login name", cxxopts::value<std::string>())("h,help", "show this help");
    options.parse_positional({"name"});
    const auto args = parse(options, argc, argv);
    if (args.count("help")) {
        std::cout << options.help();
        return 0;
    }
    if (!args.count("data") || !args.count("name") || !args.count("role")) {
        std::cerr << "kansli portal user add: say 'kansli portal user add --data DIR NAME --role ROLE'\n";
        return 2;
    }
    portal::NewUser u;
    u.name = args["name"].as<std::string>();
    u.role = args["role"].as<std::string>();
    if (args.count("person")) u.person = args["person"].as<std::string>();
    if (args.count("cert")) u.cert_pem = file_text(args["cert"].as<std::string>());
    if (args.count("key")) u.key_pem = file_text(args["key"].as<std::string>());
    u.password = read_password(ctx, u.name);
    const std::string dir = args["data"].as<std::string>();
    portal::Db db(dir);
    portal::add_user(db, dir, u, wall_clock());
    {
        std::lock_guard<std::mutex> g(db.mutex());
        portal::audit_append(db, portal::AuditEntry{wall_clock(), "cli", "user-add", u.name + " (" + u.role + ")", ""});
    }
    std::cout << "kansli portal: account '" << u.name << "' (" << u.role << ") saved\n";
    return 0;
}

int audit(int argc, char** argv) {
    cxxopts::Options options("kansli portal audit", "Check the audit log's hash chain.");
    options.add_options()("data", "the portal's data folder", cxxopts::value<std::string>())("h,help",
                                                                                             "show this help");
    const auto args = parse(options, argc, argv);
    if (args.count("help") || !args.count("data")) {
        std::cout << options.help();
        return args.count("help") ? 0 : 2;
    }
    const std::string dir = args["data"].as<std::string>();
    if (!std::ifstream(dir + "/portal.sqlite")) core::throw_io(dir, "is not a portal data folder (no portal.sqlite)");
    portal::Db db(dir);
    std::lock_guard<std::mutex> g(db.mutex());
    const auto r = portal::audit_check(db);
    if (r.broken) {
        std::cout << dir << "/portal.sqlite: audit log BROKEN at entry " << *r.broken << ": " << r.reason << "\n";
        return 1;
    }
    std::cout << dir << "/portal.sqlite: audit log ok, " << r.entries << " entries\n";
    return 0;
}

// SIGINT/SIGTERM go to one waiting thread: blocked before any thread starts (Botan may start its
// pool while the demo accounts' passwords are hashed), so every thread inherits the mask.
sigset_t block_stop_signals() {
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    return stop_signals;
}

// Serves until SIGINT/SIGTERM; `ready` (may be empty) is told the URL.
int serve(const portal::PortalConfig& cfg, const std::string& ready_file) {
    sigset_t stop_signals = block_stop_signals();
    portal::Server server(cfg);
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        server.stop();
    });
    std::cout << "kansli portal: listening on " << server.url() << std::endl;
    if (!ready_file.empty()) core::write_file_atomic(ready_file, server.url() + "\n");
    const bool ok = server.run();
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    std::cerr << "kansli portal: stopped\n";
    return ok ? 0 : 2;
}

void add_server_options(cxxopts::Options& options, const char* default_listen) {
    options.add_options()("data", "the portal's data folder", cxxopts::value<std::string>())(
        "listen", "HOST:PORT (port 0: a free one); not loopback only with TLS",
        cxxopts::value<std::string>()->default_value(default_listen))(
        "tls-cert", "TLS certificate PEM", cxxopts::value<std::string>())("tls-key", "TLS key PEM (unencrypted)",
                                                                          cxxopts::value<std::string>())(
        "trust", "trust anchor for verification (repeatable)", cxxopts::value<std::vector<std::string>>())(
        "crl", "CRL for verification (repeatable)", cxxopts::value<std::vector<std::string>>())(
        "verify-rate", "POST /api/verify per minute per client address (0: unlimited)",
        cxxopts::value<int>()->default_value("600"))("threads", "HTTP worker threads",
                                                     cxxopts::value<unsigned>()->default_value("64"))(
        "max-upload", "largest request body in bytes (413 beyond)",
        cxxopts::value<std::size_t>()->default_value("33554432"))("h,help", "show this help");
}

portal::PortalConfig server_config(const cxxopts::ParseResult& args, const Context& ctx) {
    portal::PortalConfig cfg;
    cfg.home = ctx.home;
    cfg.listen = args["listen"].as<std::string>();
    if (args.count("data")) cfg.data_dir = args["data"].as<std::string>();
    if (args.count("tls-cert")) cfg.tls_cert = args["tls-cert"].as<std::string>();
    if (args.count("tls-key")) cfg.tls_key = args["tls-key"].as<std::string>();
    if (args.count("trust")) cfg.trust = args["trust"].as<std::vector<std::string>>();
    if (args.count("crl")) cfg.crls = args["crl"].as<std::vector<std::string>>();
    cfg.verify_per_minute = args["verify-rate"].as<int>();
    cfg.threads = args["threads"].as<unsigned>();
    cfg.max_upload = args["max-upload"].as<std::size_t>();
    cfg.max_verify = std::min(cfg.max_verify, cfg.max_upload);
    cfg.clock = wall_clock;
    return cfg;
}

}  // namespace

int run_portal(int argc, char** argv, const Context& ctx) {
    if (argc > 2 && std::string(argv[1]) == "user" && std::string(argv[2]) == "add")
        return user_add(argc - 2, argv + 2, ctx);
    if (argc > 1 && std::string(argv[1]) == "audit") return audit(argc - 1, argv + 1);
    cxxopts::Options options(
        "kansli portal",
        "The signing portal: kansli portal --data DIR [--listen 127.0.0.1:8080]\n"
        "Also: kansli portal user add --data DIR NAME --role ROLE; kansli portal audit --data DIR");
    add_server_options(options, "127.0.0.1:8080");
    const auto args = parse(options, argc, argv);
    if (args.count("help")) {
        std::cout << options.help();
        return 0;
    }
    if (!args.count("data") || !args.unmatched().empty()) {
        std::cerr << "kansli portal: say 'kansli portal --data DIR' (see --help)\n";
        return 2;
    }
    return serve(server_config(args, ctx), {});
}

int run_portal_demo(int argc, char** argv, const Context& ctx) {
    cxxopts::Options options("kansli portal-demo", "The portal with demo accounts and the demo keys (DEMO ONLY).");
    add_server_options(options, "127.0.0.1:0");
    const auto args = parse(options, argc, argv);
    if (args.count("help")) {
        std::cout << options.help();
        return 0;
    }
    block_stop_signals();
    portal::PortalConfig cfg = server_config(args, ctx);
    if (cfg.data_dir.empty()) cfg.data_dir = ctx.home + "/out/portal-demo";
    if (cfg.trust.empty()) cfg.trust = portal::demo_trust(ctx.home);
    if (cfg.crls.empty()) cfg.crls = portal::demo_crls(ctx.home);
    const auto logins = portal::add_demo_users(cfg.data_dir, ctx.home, wall_clock());
    std::cout << "kansli portal-demo: data in " << cfg.data_dir
              << "; logins (password 'kansli-demo' for all, DEMO ONLY):\n";
    for (const auto& l : logins) std::cout << "  " << l.name << " (" << l.role << ", " << l.person << ")\n";
    std::cout << "Upload templates/examples/protokoll-2023-02-24.xml as sekreterare. Stop with Ctrl-C.\n";
    const char* ready = std::getenv("KANSLI_PORTAL_DEMO_READY_FILE");
    return serve(cfg, ready ? ready : "");
}

}  // namespace kansli::cli
