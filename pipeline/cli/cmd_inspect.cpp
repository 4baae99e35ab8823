// kansli inspect FILE.pdf [--json]: the PDF/A-2 / PDF/UA-1 preflight of one PDF.
#include "cli/command.hpp"
#include "job/inspect.hpp"

#include <cxxopts.hpp>

#include <iostream>

namespace kansli::cli {

int run_inspect(int argc, char** argv, const Context&) {
    cxxopts::Options options("kansli inspect",
                             "Preflight one PDF: what it claims (PDF/A part and level, PDF/UA), its revisions,\n"
                             "signature fields and fonts, and kansli's conformance checks, each named by its clause.\n"
                             "Exit codes: 0 no claimed conformance is broken; 1 a claimed one is (or the file is\n"
                             "refused); 2 usage or I/O error.");
    options.positional_help("FILE.pdf");
    options.add_options()("json", "print the report as JSON")("h,help", "show this help")(
        "file", "PDF file", cxxopts::value<std::vector<std::string>>());
    options.parse_positional({"file"});
    cxxopts::ParseResult args;
    if (const auto done = parse_command_line(options, argc, argv, "", args)) return *done;
    if (!args.count("file") || args["file"].as<std::vector<std::string>>().size() != 1) {
        std::cerr << "kansli inspect: give exactly one PDF\n\n" << options.help();
        return static_cast<int>(core::ExitCode::Usage);
    }
    const auto result = job::inspect(args["file"].as<std::vector<std::string>>().front(), args.count("json") > 0);
    std::cout << result.report;
    return result.broken ? 1 : 0;
}

}  // namespace kansli::cli
