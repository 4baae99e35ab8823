#include "cli/command.hpp"
#include "core/files.hpp"
#include "job/anslag.hpp"

#include <cxxopts.hpp>
#include <iostream>

namespace kansli::cli {

int run_anslag(int argc, char** argv, const Context& ctx) {
    cxxopts::Options options("kansli anslag", "Fill the ANSLAG/BEVIS dates of a justerat protokoll.");
    options.positional_help("SIGNED.pdf --uppsatt YYYY-MM-DD [-o OUT.pdf]");
    // clang-format off
    options.add_options()
        ("uppsatt", "the day the notice goes up on the anslagstavla (YYYY-MM-DD)", cxxopts::value<std::string>())
        ("o,output", "output PDF (default IN.anslag.pdf; - for standard output)", cxxopts::value<std::string>())
        ("key", "the registrar's private key: the update is signed (a new field \"Registrator\")",
         cxxopts::value<std::string>())
        ("cert", "the registrar's certificate PEM (with --key)", cxxopts::value<std::string>())
        ("passphrase-file", "file whose first line is the key passphrase (else KANSLI_PASSPHRASE)",
         cxxopts::value<std::string>())
        ("date", "time of the update, ISO 8601 (default SOURCE_DATE_EPOCH, else now)", cxxopts::value<std::string>())
        ("h,help", "show this help")
        ("input", "", cxxopts::value<std::string>());
    // clang-format on
    options.parse_positional({"input"});
    cxxopts::ParseResult args;
    if (const auto done = parse_command_line(
            options, argc, argv,
            "\nnedtagande = the day after the appeal period: three weeks from --uppsatt (Kommunallagen 13 kap."
            " 5 §),\nmoved to the next working day (lag 1930:173).\n"
            "Exit codes: 0 filled, 1 refused (not justerat, dates outside the law), 2 usage or I/O.\n",
            args))
        return *done;
    if (!args.count("input") || !args.count("uppsatt")) {
        std::cerr << "kansli anslag: give SIGNED.pdf and --uppsatt YYYY-MM-DD\n" << options.help();
        return 2;
    }
    if (args.count("key") != args.count("cert")) {
        std::cerr << "kansli anslag: --key and --cert go together\n";
        return 2;
    }
    {
        job::AnslagConfig cfg;
        cfg.input = args["input"].as<std::string>();
        const std::string stem = cfg.input.size() > 4 ? cfg.input.substr(0, cfg.input.size() - 4) : cfg.input;
        cfg.output = args.count("output") ? args["output"].as<std::string>() : stem + ".anslag.pdf";
        const auto posted = core::parse_date(args["uppsatt"].as<std::string>());
        if (!posted) {
            std::cerr << "kansli anslag: --uppsatt '" << args["uppsatt"].as<std::string>()
                      << "' is not a date\n  hint: give YYYY-MM-DD\n";
            return 2;
        }
        cfg.posted = *posted;
        cfg.time = resolve_time(
            args.count("date") ? std::optional<std::string>(args["date"].as<std::string>()) : std::nullopt, ctx);
        if (args.count("key")) {
            cfg.key_path = args["key"].as<std::string>();
            cfg.cert_path = args["cert"].as<std::string>();
            if (args.count("passphrase-file")) {
                cfg.passphrase_file = args["passphrase-file"].as<std::string>();
                const core::Bytes b = core::read_file(cfg.passphrase_file, 4096);
                std::string line(b.begin(), b.end());
                cfg.passphrase = line.substr(0, line.find_first_of("\r\n"));
            } else if (ctx.passphrase_env) {
                cfg.passphrase = ctx.passphrase_env;
            }
        }
        const job::AnslagOutcome o = job::run_anslag(cfg);
        std::cerr << "kansli anslag: justerat " << core::format_date(o.justering) << "; uppsatt "
                  << core::format_date(o.posted) << ", appeal period until " << core::format_date(o.appeal_ends)
                  << ", nedtagande " << core::format_date(o.removal)
                  << (o.signer.empty() ? std::string() : ", signed by " + o.signer) << " → " << cfg.output << "\n";
        return 0;
    }
}

}  // namespace kansli::cli
