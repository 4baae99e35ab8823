#include "cli/command.hpp"
#include "job/keys.hpp"

#include <cxxopts.hpp>
#include <iostream>

namespace kansli::cli {

// kansli keys demo [--out DIR] [--force]: the demo PKI (never for real documents).
int run_keys(int argc, char** argv, const Context&) {
    cxxopts::Options options("kansli keys", "Make the demo PKI. DEMO ONLY: never use these keys for real documents.");
    options.positional_help("demo");
    // clang-format off: one option per line reads better than the formatter's call chain
    options.add_options()("out", "output folder", cxxopts::value<std::string>()->default_value("demo-keys"))(
        "force", "replace existing files")(
        "tsa-only", "only (re)make the demo TSA key and certificate, under the root already in --out")(
        "reissue-signers", "only new signer certificates and CRLs for the keys already in --out")(
        "h,help", "show this help")("what", "", cxxopts::value<std::string>());
    // clang-format on
    options.parse_positional({"what"});
    cxxopts::ParseResult args;
    if (const auto done = parse_command_line(options, argc, argv,
                                             "\nThe keys are encrypted with the passphrase 'kansli-demo'.\n", args))
        return *done;
    if (!args.count("what") || args["what"].as<std::string>() != "demo") {
        std::cerr << "kansli keys: say 'kansli keys demo [--out DIR]'\n";
        return 2;
    }
    job::DemoKeysConfig cfg;
    cfg.out_dir = args["out"].as<std::string>();
    // The passphrase is the published demo one (DemoKeysConfig's default): passphrases are never
    // taken from the command line, and these keys protect nothing.
    cfg.overwrite = args.count("force") > 0;
    cfg.tsa_only = args.count("tsa-only") > 0;
    cfg.reissue_signers = args.count("reissue-signers") > 0;
    const auto paths = job::make_demo_keys(cfg);
    for (const auto& p : paths) std::cout << p << "\n";
    std::cerr << "DEMO ONLY: these keys are for tests and demonstrations, never for real documents.\n";
    return 0;
}

}  // namespace kansli::cli
