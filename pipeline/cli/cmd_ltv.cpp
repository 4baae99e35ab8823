#include "cli/command.hpp"
#include "job/ltv.hpp"
#ifndef KANSLI_LEAN
#include "tsa/client.hpp"
#endif

#include <cxxopts.hpp>

#include <iostream>

namespace kansli::cli {

// kansli ltv IN.pdf -o OUT.pdf --trust CA.pem... [--cert CA.pem...] [--crl F...] [--tsa URL] [--date T]
int run_ltv(int argc, char** argv, const Context& ctx) {
    cxxopts::Options options("kansli ltv",
                             "Add long-term validation data (/DSS: PAdES B-LT) and, with --tsa, a document "
                             "time-stamp (B-LTA) to a signed PDF, as incremental revisions.");
    options.positional_help("IN.pdf -o OUT.pdf --trust CA.pem [--crl CRL]...");
    // clang-format off
    options.add_options()
        ("o,output", "PDF to write (atomically; never a file it reads)", cxxopts::value<std::string>())
        ("trust", "trust anchor certificate (PEM or DER; repeatable): every chain must end at one",
         cxxopts::value<std::vector<std::string>>())
        ("cert", "untrusted intermediate certificate (PEM or DER; repeatable)",
         cxxopts::value<std::vector<std::string>>())
        ("crl", "CRL of an issuer in the chains (PEM or DER; repeatable)", cxxopts::value<std::vector<std::string>>())
        ("tsa", "URL of an RFC 3161 time-stamping authority: adds a document time-stamp (PAdES B-LTA)",
         cxxopts::value<std::string>())
        ("date", "time written in the revisions, ISO 8601 (default SOURCE_DATE_EPOCH, else now)",
         cxxopts::value<std::string>())
        ("h,help", "show this help")
        ("input", "", cxxopts::value<std::string>());
    // clang-format on
    options.parse_positional({"input"});
    cxxopts::ParseResult args;
    if (const auto done = parse_command_line(
            options, argc, argv,
            "\nExit codes: 0 written; 1 refused (unsigned or broken input, no path to a trust anchor,\n"
            "a missing or foreign CRL, a bad time-stamp reply); 2 usage or I/O (TSA unreachable).\n",
            args))
        return *done;
#ifdef KANSLI_LEAN
    if (args.count("tsa")) return run_in_full(argc, argv, ctx);  // HTTP lives in kansli-full
#endif
    for (const char* required : {"input", "output", "trust"}) {
        if (!args.count(required)) {
            std::cerr << "kansli ltv: missing "
                      << (std::string(required) == "input" ? "IN.pdf" : std::string("--") + required) << "\n"
                      << options.help();
            return 2;
        }
    }
    job::LtvConfig cfg;
    cfg.input = args["input"].as<std::string>();
    cfg.output = args["output"].as<std::string>();
    cfg.trust = args["trust"].as<std::vector<std::string>>();
    if (args.count("cert")) cfg.certs = args["cert"].as<std::vector<std::string>>();
    if (args.count("crl")) cfg.crls = args["crl"].as<std::vector<std::string>>();
    [[maybe_unused]] const bool injected = args.count("date") || ctx.source_date;
    cfg.time = resolve_time(
        args.count("date") ? std::optional<std::string>(args["date"].as<std::string>()) : std::nullopt, ctx);
#ifndef KANSLI_LEAN
    if (args.count("tsa")) {
        // With an injected time the nonce comes from the imprint: the same input and date give
        // the same bytes (with a TSA whose clock is fixed, like the demo's).
        cfg.timestamp = [url = args["tsa"].as<std::string>(), injected](const cms::tsp::Imprint& imprint) {
            return tsa::request_timestamp(url, imprint, 10, injected);
        };
    }
#endif
    const job::LtvOutcome o = job::ltv_file(cfg);
    std::cerr << "kansli ltv: " << cfg.output << ": validation data for " << o.signatures << " signature"
              << (o.signatures == 1 ? "" : "s");
    if (o.doc_timestamps) std::cerr << " and " << o.doc_timestamps << " document time-stamp(s)";
    std::cerr << " (DSS: " << o.certs << " certificates, " << o.crls << " CRLs; " << o.certs_added << " and "
              << o.crls_added << " new)"
              << (o.timestamped ? ", document time-stamp added: PAdES B-LTA" : ": PAdES B-LT") << " (+"
              << (o.bytes_out - o.bytes_in) << " bytes)\n";
    return 0;
}

}  // namespace kansli::cli
