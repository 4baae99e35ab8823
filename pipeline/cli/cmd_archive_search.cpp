// kansli archive search: in both binaries. The lean `kansli` runs it itself (SQLite only), so a
// search process loads neither PoDoFo, libxml2 nor the fonts and schemas of kansli-full: start-up
// is most of a search (README, Benchmarks). Every other archive subcommand goes to kansli-full.
#include "archive/search.hpp"
#include "cli/command.hpp"

#include <cxxopts.hpp>

#include <cstring>
#include <iostream>

namespace kansli::cli {

namespace {

using Strings = std::vector<std::string>;

}  // namespace

int run_archive_search(int argc, char** argv, const Context&) {
    cxxopts::Options o("kansli archive search", "Search the register: § titles and texts, organ, date, signer.");
    // clang-format off
    o.add_options()
        ("archive", "the archive folder", cxxopts::value<std::string>())
        ("organ", "the organ, exactly", cxxopts::value<std::string>())
        ("from", "meetings on or after YYYY-MM-DD", cxxopts::value<std::string>())
        ("to", "meetings on or before YYYY-MM-DD", cxxopts::value<std::string>())
        ("signer", "a signer's name (part of it)", cxxopts::value<std::string>())
        ("paragraf", "§ number", cxxopts::value<int>())
        ("limit", "show at most this many hits, newest first (default 20; the count of the rest stops past 1000; "
                  "0: only count them, exactly)",
         cxxopts::value<std::size_t>())
        ("json", "print the hits as JSON")
        ("h,help", "show this help")
        ("text", "words (all must occur in one §)", cxxopts::value<Strings>());
    // clang-format on
    o.parse_positional({"text"});
    o.positional_help("[TEXT...]");
    const auto r = o.parse(argc, argv);
    if (r.count("help") || !r.count("archive")) {
        (r.count("help") ? std::cout : std::cerr) << o.help();
        return r.count("help") ? 0 : 2;
    }
    archive::SearchQuery q;
    for (const auto& w : many(r, "text")) q.text += (q.text.empty() ? "" : " ") + w;
    if (r.count("organ")) q.organ = r["organ"].as<std::string>();
    for (const char* d : {"from", "to"}) {
        if (!r.count(d)) continue;
        const std::string v = r[d].as<std::string>();
        if (!core::parse_date(v)) {
            std::cerr << "kansli archive search: --" << d << " '" << v << "' is not a date YYYY-MM-DD\n";
            return 2;
        }
        (std::strcmp(d, "from") == 0 ? q.from : q.to) = v;
    }
    if (r.count("signer")) q.signer = r["signer"].as<std::string>();
    if (r.count("paragraf")) q.paragraf = r["paragraf"].as<int>();
    q.limit = r.count("limit") ? r["limit"].as<std::size_t>() : 20;
    // This process searches once and exits: its page cache may be one huge page (search.hpp).
    archive::use_huge_page_cache();
    const auto found = archive::search_counted(r["archive"].as<std::string>(), q);
    std::cout << (r.count("json") ? archive::hits_json(found) : archive::hits_text(found));
    return 0;
}

#ifdef KANSLI_LEAN
int run_archive_lean(int argc, char** argv, const Context& ctx) {
    if (argc >= 2 && std::strcmp(argv[1], "search") == 0) {
        try {
            return run_archive_search(argc - 1, argv + 1, ctx);
        } catch (const cxxopts::exceptions::exception& e) {
            std::cerr << "kansli archive search: " << e.what() << "\n";
            return 2;
        }
    }
    return run_in_full(argc, argv, ctx);
}
#endif

}  // namespace kansli::cli
