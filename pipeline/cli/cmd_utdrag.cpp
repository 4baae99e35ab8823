// kansli utdrag SIGNED.pdf|SOURCE.xml --paragrafer 35,39 [-o OUT.pdf] [--per-mottagare DIR]
//   [--protokoll SIGNED.pdf] [--bestyrkare NAME] --trust CA.pem [--cert C] [--crl CRL] [--date T]
#include "cli/command.hpp"
#include "job/utdrag.hpp"

#include <cxxopts.hpp>

#include <iostream>

namespace kansli::cli {
namespace {

/// "35,39" or "35-37,39" → {35, 39} / {35, 36, 37, 39}; nullopt when malformed.
std::optional<std::vector<int>> parse_numbers(const std::string& s) {
    std::vector<int> out;
    std::size_t pos = 0;
    while (pos <= s.size()) {
        const std::size_t comma = std::min(s.find(',', pos), s.size());
        std::string part = s.substr(pos, comma - pos);
        if (!part.empty() && part.front() == '\xC2') return std::nullopt;
        const std::size_t dash = part.find('-');
        try {
            std::size_t used = 0;
            const int a = std::stoi(part.substr(0, dash), &used);
            const int b = dash == std::string::npos ? a : std::stoi(part.substr(dash + 1));
            if (a < 0 || b < a || b - a > 10000 || (dash == std::string::npos && used != part.size()))
                return std::nullopt;
            for (int n = a; n <= b; ++n)
                if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
        } catch (const std::exception&) {
            return std::nullopt;
        }
        pos = comma + 1;
    }
    return out;
}

}  // namespace

int run_utdrag(int argc, char** argv, const Context& ctx) {
    cxxopts::Options options("kansli utdrag", "Make a protokollsutdrag that proves itself (from a justerat protokoll)");
    // clang-format off
    options.add_options()
        ("paragrafer", "the §§ of the extract, e.g. 35,39 or 35-37", cxxopts::value<std::string>())
        ("o,output", "the extract (default: beside the protokoll, NAME.utdrag-§35-§39.pdf)", cxxopts::value<std::string>())
        ("per-mottagare", "write one extract per recipient named in <expedieras-till> into DIR", cxxopts::value<std::string>())
        ("protokoll", "with a SOURCE.xml: the signed protokoll built from it", cxxopts::value<std::string>())
        ("bestyrkare", "the name under the Utdragsbestyrkande line (default: the sekreterare)", cxxopts::value<std::string>())
        ("trust", "trust anchor to verify the justering signatures (repeatable)", cxxopts::value<std::vector<std::string>>())
        ("cert", "untrusted intermediate certificate (repeatable)", cxxopts::value<std::vector<std::string>>())
        ("crl", "certificate revocation list (repeatable)", cxxopts::value<std::vector<std::string>>())
        ("date", "build time of the extract and verification time, ISO 8601", cxxopts::value<std::string>())
        ("h,help", "show this help")
        ("file", "SIGNED.pdf or SOURCE.xml", cxxopts::value<std::vector<std::string>>());
    // clang-format on
    options.parse_positional({"file"});
    options.positional_help("SIGNED.pdf|SOURCE.xml");
    cxxopts::ParseResult args;
    if (const auto done = parse_command_line(
            options, argc, argv,
            "\nThe protokoll must be justerat: every justering signature present and passing kansli verify\n"
            "(give --trust and --crl as for verify). Exit codes: 0 written; 1 not justerat, a § the\n"
            "protokoll lacks, or a source that does not give the signed § proof root; 2 usage or I/O.\n",
            args))
        return *done;
    if (args.count("file") != 1 || args["file"].as<std::vector<std::string>>().size() != 1) {
        std::cerr << "kansli utdrag: give exactly one SIGNED.pdf or SOURCE.xml\n\n" << options.help();
        return 2;
    }
    job::UtdragRequest req;
    req.input = args["file"].as<std::vector<std::string>>().front();
    if (args.count("paragrafer")) {
        const auto numbers = parse_numbers(args["paragrafer"].as<std::string>());
        if (!numbers || numbers->empty()) {
            std::cerr << "kansli utdrag: --paragrafer '" << args["paragrafer"].as<std::string>()
                      << "' is not a list of § numbers such as 35,39 or 35-37\n";
            return 2;
        }
        req.paragraphs = *numbers;
    } else if (!args.count("per-mottagare")) {
        std::cerr << "kansli utdrag: give --paragrafer (or --per-mottagare DIR for every § with recipients)\n";
        return 2;
    }
    if (args.count("output") && args.count("per-mottagare")) {
        std::cerr << "kansli utdrag: give -o or --per-mottagare, not both\n";
        return 2;
    }
    if (args.count("output")) req.output = args["output"].as<std::string>();
    if (args.count("per-mottagare")) req.per_recipient_dir = args["per-mottagare"].as<std::string>();
    if (args.count("protokoll")) req.protokoll = args["protokoll"].as<std::string>();
    if (args.count("bestyrkare")) req.certifier = args["bestyrkare"].as<std::string>();
    if (args.count("trust")) req.trust = args["trust"].as<std::vector<std::string>>();
    if (args.count("cert")) req.certs = args["cert"].as<std::vector<std::string>>();
    if (args.count("crl")) req.crls = args["crl"].as<std::vector<std::string>>();
    req.home = ctx.home;
    std::optional<std::string> date;
    if (args.count("date")) date = args["date"].as<std::string>();
    req.time = resolve_time(date, ctx);

    const job::UtdragResult r = job::make_utdrag(req);
    for (std::size_t i = 0; i < r.outputs.size(); ++i) {
        std::cout << r.outputs[i] << (r.recipients[i].empty() ? "" : " (" + r.recipients[i] + ")") << "\n";
    }
    return 0;
}

}  // namespace kansli::cli
