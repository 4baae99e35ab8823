#include "cli/command.hpp"
#include "core/files.hpp"
#include "tsa/server.hpp"

#include <cxxopts.hpp>

#include <csignal>
#include <ctime>
#include <iostream>
#include <pthread.h>
#include <thread>

namespace kansli::cli {
namespace {

// genTime: --date (fixed), else SOURCE_DATE_EPOCH (fixed), else the wall clock plus --date-offset.
std::function<core::Instant()> make_clock(const cxxopts::ParseResult& args, const Context& ctx) {
    if (args.count("date")) {
        const core::Instant t = resolve_time(args["date"].as<std::string>(), ctx);
        return [t] { return t; };
    }
    if (ctx.source_date) {
        const core::Instant t = *ctx.source_date;
        return [t] { return t; };
    }
    const std::int64_t offset = args["date-offset"].as<std::int64_t>();
    return [offset] { return core::Instant{static_cast<std::int64_t>(std::time(nullptr)) + offset}; };
}

}  // namespace

// kansli tsa serve --key K.pem --cert C.pem [--chain CA.pem…] [--listen HOST:PORT] [--policy OID] ...
int run_tsa(int argc, char** argv, const Context& ctx) {
    cxxopts::Options options("kansli tsa", "Serve RFC 3161 time-stamps over HTTP (POST application/timestamp-query).");
    options.positional_help("serve --key KEY.pem --cert CERT.pem");
    // clang-format off: one option per line reads better than the formatter's call chain
    options.add_options()("key", "the TSA's private key, PKCS#8 PEM", cxxopts::value<std::string>())(
        "cert", "the TSA certificate PEM (extKeyUsage id-kp-timeStamping, critical), then its chain",
        cxxopts::value<std::string>())("chain", "more chain certificates, PEM (repeatable)",
                                       cxxopts::value<std::vector<std::string>>())(
        "listen", "HOST:PORT to listen on (port 0: a free one)",
        cxxopts::value<std::string>()->default_value("127.0.0.1:3180"))(
        "policy", "TSA policy OID (default: the demo policy)", cxxopts::value<std::string>())(
        "passphrase-file", "file whose first line is the key passphrase (else KANSLI_PASSPHRASE)",
        cxxopts::value<std::string>())("serial-file", "serial number state (default KEY.pem.serial)",
                                       cxxopts::value<std::string>())(
        "date", "fixed genTime, ISO 8601 (tests; default SOURCE_DATE_EPOCH, else the clock)",
        cxxopts::value<std::string>())("date-offset", "seconds added to the clock (tests)",
                                       cxxopts::value<std::int64_t>()->default_value("0"))("h,help", "show this help")(
        "what", "", cxxopts::value<std::string>());
    // clang-format on
    options.parse_positional({"what"});
    cxxopts::ParseResult args;
    if (const auto done = parse_command_line(
            options, argc, argv, "\nPrints the URL to use on stdout, then serves until SIGINT or SIGTERM.\n", args))
        return *done;
    if (!args.count("what") || args["what"].as<std::string>() != "serve" || !args.count("key") || !args.count("cert")) {
        std::cerr << "kansli tsa: say 'kansli tsa serve --key KEY.pem --cert CERT.pem'\n";
        return 2;
    }
    tsa::ServerConfig cfg;
    cfg.key_path = args["key"].as<std::string>();
    cfg.cert_path = args["cert"].as<std::string>();
    if (args.count("chain")) cfg.chain_paths = args["chain"].as<std::vector<std::string>>();
    cfg.listen = args["listen"].as<std::string>();
    if (args.count("policy")) cfg.policy = args["policy"].as<std::string>();
    if (args.count("serial-file")) cfg.serial_file = args["serial-file"].as<std::string>();
    if (args.count("passphrase-file")) {
        cfg.passphrase = first_line(core::read_file(args["passphrase-file"].as<std::string>(), 4096));
    } else if (ctx.passphrase_env && !ctx.passphrase_env->empty()) {
        cfg.passphrase = ctx.passphrase_env;
    }
    cfg.clock = make_clock(args, ctx);

    // SIGINT/SIGTERM go to one waiting thread (the server's threads inherit the blocked mask).
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    tsa::Server server(cfg);
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        server.stop();
    });
    std::cout << server.url() << std::endl;
    std::cerr << "kansli tsa: serving RFC 3161 time-stamps at " << server.url() << " (stop with Ctrl-C)\n";
    const bool ok = server.run();
    pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter when run() ended on its own
    waiter.join();
    std::cerr << "kansli tsa: stopped\n";
    return ok ? 0 : 2;
}

}  // namespace kansli::cli
