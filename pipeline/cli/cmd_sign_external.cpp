// `kansli sign --prepare` / `--complete`: the options of cmd_sign.cpp, checked for this mode, and
// the job (job/sign_external.hpp).
#include "cli/command.hpp"
#include "job/sign_external.hpp"

#include <cxxopts.hpp>
#include <iostream>

namespace kansli::cli {

int run_sign_external(const cxxopts::ParseResult& args, job::SignConfig& cfg);

int run_sign_external(const cxxopts::ParseResult& args, job::SignConfig& cfg) {
    const bool prepare = args.count("prepare") > 0, complete = args.count("complete") > 0;
    const auto refuse = [](const std::string& why) {
        std::cerr << "kansli sign: " << why << "\n";
        return 2;
    };
    if (prepare && complete) return refuse("give --prepare or --complete, not both");
    if (!prepare && !complete) return refuse("--digest-out belongs to --prepare");
    if (args.count("key") || args.count("passphrase-file")) {
        return refuse(std::string(prepare ? "--prepare" : "--complete") +
                      " takes no --key or --passphrase-file: the external key holder signs");
    }
    if (complete) {
        if (args.count("digest-out")) return refuse("--digest-out belongs to --prepare");
        for (const char* o : {"role", "field", "reason", "location", "date", "any-order"}) {
            if (args.count(o)) {
                return refuse(std::string("--complete takes no --") + o +
                              ": field, texts and time are in the prepared file");
            }
        }
        const job::SignOutcome o = job::complete_file(cfg, args["complete"].as<std::string>());
        print_diagnostics(std::cerr, o.diagnostics);
        std::cerr << "kansli sign: " << (core::is_stdout(cfg.output) ? "(standard output)" : cfg.output)
                  << ": signed by " << o.signer << " with an external key (the prepared revision, completed)\n";
        return 0;
    }
    const std::string digest_out = args.count("digest-out") ? args["digest-out"].as<std::string>() : std::string();
    const job::PrepareOutcome o = job::prepare_file(cfg, digest_out);
    print_diagnostics(std::cerr, o.sign.diagnostics);
    std::cerr << "kansli sign: " << (core::is_stdout(cfg.output) ? "(standard output)" : cfg.output)
              << ": prepared field \"" << o.field << "\" for " << o.sign.signer << " at " << core::format_iso(cfg.time)
              << " (+" << (o.sign.bytes_out - o.sign.bytes_in) << " bytes)\n"
              << "kansli sign: " << o.digest_path << ": the SHA-256 digest (32 bytes) to sign with " << o.sign.signer
              << "'s key, then: kansli sign " << cfg.output << " -o OUT.pdf --complete SIG.bin --cert " << cfg.cert_path
              << "\n";
    return 0;
}

}  // namespace kansli::cli
