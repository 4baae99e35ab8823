// kansli build FILE.xml [-o OUT.pdf] [--date ISO-8601] [--style FILE] [--root DIR]: typeset one source.
#include "cli/command.hpp"
#include "core/files.hpp"
#include "job/build.hpp"

#include <cxxopts.hpp>

#include <iostream>

namespace kansli::cli {

int run_build(int argc, char** argv, const Context& ctx) {
    cxxopts::Options options("kansli build",
                             "Typeset a kansli XML source (kallelse, protokoll, avtal) into a paginated PDF\n"
                             "with empty signature fields for `kansli sign`. The source is validated first,\n"
                             "exactly as `kansli validate` does.\n"
                             "Same source, style and --date give the same bytes.\n"
                             "Exit codes: 0 written, 1 invalid input, 2 usage or I/O error.");
    options.positional_help("FILE.xml");
    // clang-format off: one option per line reads better than the formatter's call chain
    options.add_options()("h,help", "show this help")(
        "omedelbart", "a protokoll: build the separate document of its omedelbart justerade §§ (NAME.omedelbart.pdf)")(
        "o,output", "PDF to write (default: beside FILE.xml, with .pdf; - for standard output)",
        cxxopts::value<std::string>())(
        "date",
        "build time written into the PDF, ISO 8601 (2023-02-24, 2023-02-24T13:00:00+01:00, @EPOCH); "
        "default SOURCE_DATE_EPOCH, else now",
        cxxopts::value<std::string>())(
        "root",
        "folder outside which no file the document names (fil=\"…\": beslutsunderlag, images) is read, "
        "also through symbolic links (default: the folder of each XML file)",
        cxxopts::value<std::string>())(
        "profile", "pdfa (default): PDF/A-2a and PDF/UA-1, claimed in the XMP; plain: a PDF without those claims",
        cxxopts::value<std::string>()->default_value("pdfa"))(
        "style", "house style file (default: templates/style/region-jh.conf)", cxxopts::value<std::string>())(
        "file", "XML source", cxxopts::value<std::vector<std::string>>());
    // clang-format on
    options.parse_positional({"file"});
    cxxopts::ParseResult args;
    if (const auto done = parse_command_line(options, argc, argv, "", args)) return *done;
    if (args.count("file") != 1 || args["file"].as<std::vector<std::string>>().size() != 1) {
        std::cerr << "kansli build: give exactly one source file\n\n" << options.help();
        return static_cast<int>(core::ExitCode::Usage);
    }

    job::BuildRequest req;
    req.input = args["file"].as<std::vector<std::string>>().front();
    if (args.count("output")) req.output = args["output"].as<std::string>();
    if (args.count("style")) req.style = args["style"].as<std::string>();
    if (args.count("root")) req.root = args["root"].as<std::string>();
    req.omedelbart = args.count("omedelbart") > 0;
    req.home = ctx.home;
    const std::string profile = args["profile"].as<std::string>();
    if (profile != "pdfa" && profile != "plain") {
        std::cerr << "kansli build: --profile is pdfa or plain, not '" << profile << "'\n";
        return static_cast<int>(core::ExitCode::Usage);
    }
    req.plain = profile == "plain";
    std::optional<std::string> date;
    if (args.count("date")) date = args["date"].as<std::string>();
    req.time = resolve_time(date, ctx);

    const job::BuildResult result = job::build(req);
    print_diagnostics(std::cerr, result.diagnostics);
    // With -o - the PDF is standard output: the summary goes to standard error.
    (core::is_stdout(result.output) ? std::cerr : std::cout)
        << result.output << ": " << result.pages << (result.pages == 1 ? " page" : " pages") << ", " << result.bytes
        << " bytes\n";
    return 0;
}

}  // namespace kansli::cli
