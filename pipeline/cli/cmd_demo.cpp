// kansli demo [--out DIR] [--date ISO-8601]: the whole pipeline on the bundled examples.
#include "cli/command.hpp"
#include "job/demo.hpp"

#include <cxxopts.hpp>

#include <iostream>

namespace kansli::cli {

int run_demo(int argc, char** argv, const Context& ctx) {
    cxxopts::Options options("kansli demo",
                             "Build every bundled example (templates/examples) into a folder, sign the protokoll\n"
                             "by its three signatories in order and the avtal by a party with the DEMO keys\n"
                             "(keys/demo), and verify the signed PDFs. Exit 0 when everything verified.");
    // clang-format off: one option per line reads better than the formatter's call chain
    options.add_options()("h,help", "show this help")(
        "o,out", "folder for the results (default: out/ under the kansli home)", cxxopts::value<std::string>())(
        "date",
        "the demo's now, ISO 8601 (default SOURCE_DATE_EPOCH, else now): build and signatures precede it, hours apart",
        cxxopts::value<std::string>());
    // clang-format on
    cxxopts::ParseResult args;
    try {
        args = options.parse(argc, argv);
    } catch (const cxxopts::exceptions::exception& e) {
        std::cerr << "kansli demo: " << e.what() << "\n\n" << options.help();
        return static_cast<int>(core::ExitCode::Usage);
    }
    if (args.count("help")) {
        std::cout << options.help();
        return 0;
    }
    if (!args.unmatched().empty()) {
        std::cerr << "kansli demo: unexpected argument '" << args.unmatched().front() << "'\n\n" << options.help();
        return static_cast<int>(core::ExitCode::Usage);
    }
    job::DemoConfig cfg;
    cfg.home = ctx.home;
    cfg.out_dir = args.count("out") ? args["out"].as<std::string>() : ctx.home + "/out";
    std::optional<std::string> date;
    if (args.count("date")) date = args["date"].as<std::string>();
    cfg.time = resolve_time(date, ctx);
    return job::run_demo(cfg, std::cout);
}

}  // namespace kansli::cli
