// kansli validate [--root DIR] FILE...: schema and rules for each source; every diagnostic printed.
#include "cli/command.hpp"
#include "job/load.hpp"
#include "job/paths.hpp"

#include <cxxopts.hpp>

#include <iostream>

namespace kansli::cli {

int run_validate(int argc, char** argv, const Context& ctx) {
    cxxopts::Options options("kansli validate",
                             "Check kansli XML sources against the schemas and the rules.\n"
                             "Prints every problem as file:line:col: error: message, with a hint.\n"
                             "Exit codes: 0 all valid, 1 any invalid, 2 usage or I/O error.");
    options.positional_help("FILE...");
    // clang-format off: one option per line reads better than the formatter's call chain
    options.add_options()("h,help", "show this help")("q,quiet", "print only problems, not the 'valid' lines")(
        "root",
        "folder outside which no file the document names (fil=\"…\": beslutsunderlag, images) is read, "
        "also through symbolic links (default: the folder of each XML file)",
        cxxopts::value<std::string>())("files", "XML sources", cxxopts::value<std::vector<std::string>>());
    // clang-format on
    options.parse_positional({"files"});
    cxxopts::ParseResult args;
    if (const auto done = parse_command_line(options, argc, argv, "", args)) return *done;
    if (!args.count("files")) {
        std::cerr << "kansli validate: no input files\n\n" << options.help();
        return static_cast<int>(core::ExitCode::Usage);
    }
    const bool quiet = args.count("quiet") > 0;
    const std::string root = args.count("root") ? args["root"].as<std::string>() : std::string();
    const auto schemas = source::SchemaSet::load(job::Home{ctx.home}.schemas());

    int exit_code = 0;
    for (const auto& file : args["files"].as<std::vector<std::string>>()) {
        core::DiagSink sink;
        try {
            auto doc = job::load_document(file, schemas, sink, {}, root);
            print_diagnostics(std::cerr, sink.diagnostics());
            if (doc && !sink.has_errors()) {
                if (!quiet) std::cout << file << ": valid (" << job::describe(*doc) << ")\n";
            } else {
                exit_code = std::max(exit_code, static_cast<int>(core::ExitCode::Invalid));
            }
        } catch (const core::Error& e) {
            print_diagnostics(std::cerr, sink.diagnostics());
            print_diagnostics(std::cerr, e.diagnostics());
            exit_code = std::max(exit_code, static_cast<int>(e.code()));
        }
    }
    return exit_code;
}

}  // namespace kansli::cli
