// kansli demo [--out DIR] [--date ISO-8601]: the whole pipeline on the bundled examples.
#include "cli/command.hpp"
#include "archive/batch.hpp"
#include "archive/demo_step.hpp"
#include "job/demo.hpp"
#include "portal/demo.hpp"

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
        cxxopts::value<std::string>())("batch", "make N varied signed protokoll (source + PDF) for the archive instead",
                                       cxxopts::value<std::size_t>());
    // clang-format on
    cxxopts::ParseResult args;
    if (const auto done = parse_command_line(options, argc, argv, "", args)) return *done;
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
    if (args.count("batch")) {
        keep_freed_memory_for_batches();
        return archive::run_batch({cfg.home, cfg.out_dir, args["batch"].as<std::size_t>(), cfg.time}, std::cout);
    }
    const int status = job::run_demo(cfg, std::cout);
    const int archived = archive::demo_step(cfg.home, cfg.out_dir, cfg.time, std::cout);
    return archived == 0 && portal::demo_step(cfg.home, cfg.out_dir, cfg.time, std::cout) == 0 ? status : 1;
}

}  // namespace kansli::cli
