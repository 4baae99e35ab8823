#include "cli/command.hpp"
#include "job/verify.hpp"
#include "verify/report.hpp"

#include <cxxopts.hpp>

#include <iostream>

namespace kansli::cli {

// kansli verify FILE.pdf... [--trust CA.pem ...] [--cert CA.pem ...] [--crl CRL ...] [--at TIME] [--json]
int run_verify(int argc, char** argv, const Context& ctx) {
    cxxopts::Options options("kansli verify", "Verify every signature of PDFs (offline, at an explicit time)");
    // clang-format off: one option per line reads better than the formatter's call chain
    options.add_options()("trust", "trust anchor certificate (PEM or DER; repeatable)",
                          cxxopts::value<std::vector<std::string>>())(
        "trust-tsa", "trust anchor for time-stamping authorities (repeatable; default: the --trust anchors)",
        cxxopts::value<std::vector<std::string>>())("cert",
                                                    "untrusted intermediate certificate (PEM or DER; repeatable)",
                                                    cxxopts::value<std::vector<std::string>>())(
        "crl", "certificate revocation list (PEM or DER; repeatable)", cxxopts::value<std::vector<std::string>>())(
        "at", "validation time, ISO 8601 (default: now)", cxxopts::value<std::string>())(
        "json", "print the report as JSON")("h,help", "show this help")("files", "PDF files",
                                                                        cxxopts::value<std::vector<std::string>>());
    // clang-format on
    options.parse_positional({"files"});
    options.positional_help("FILE.pdf...");
    job::VerifyJob job;
    bool json = false;
    try {
        auto r = options.parse(argc, argv);
        if (r.count("help")) {
            std::cout << options.help()
                      << "\nExit codes: 0 every signature passed and only signatures, their fields and /DSS\n"
                         "were added after any signature, in every file; 1 otherwise (or no signature, or a file\n"
                         "that cannot be read: it is reported and the others are verified);\n"
                         "2 usage error, an unreadable --trust/--cert/--crl file, or no file could be read.\n";
            return 0;
        }
        if (!r.count("files")) {
            std::cerr << "kansli verify: no PDF given\n" << options.help();
            return 2;
        }
        job.files = r["files"].as<std::vector<std::string>>();
        if (r.count("trust")) job.trust = r["trust"].as<std::vector<std::string>>();
        if (r.count("trust-tsa")) job.trust_tsa = r["trust-tsa"].as<std::vector<std::string>>();
        if (r.count("cert")) job.certs = r["cert"].as<std::vector<std::string>>();
        if (r.count("crl")) job.crls = r["crl"].as<std::vector<std::string>>();
        json = r.count("json") > 0;
        job.at = ctx.now;
        if (r.count("at")) {
            const auto t = core::parse_instant(r["at"].as<std::string>());
            if (!t) {
                std::cerr << "kansli verify: --at '" << r["at"].as<std::string>() << "' is not an ISO 8601 time\n";
                return 2;
            }
            job.at = *t;
        }
    } catch (const cxxopts::exceptions::exception& e) {
        std::cerr << "kansli verify: " << e.what() << "\n";
        return 2;
    }
    const auto res = job::run_verify(job);
    if (json) {
        std::cout << verify::to_json(res.reports);
    } else {
        for (const auto& rep : res.reports) std::cout << verify::to_text(rep);
    }
    return res.exit_code;
}

}  // namespace kansli::cli
