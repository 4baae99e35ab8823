// kansli archive ingest|search|check|export|merge: the archive of Samordningskansliet.
#include "archive/check.hpp"
#include "archive/ingest.hpp"
#include "archive/inputs.hpp"
#include "archive/merge.hpp"
#include "cli/command.hpp"
#include "inspect/inspect.hpp"
#include "job/ltv.hpp"
#include "tsa/client.hpp"

#include <cxxopts.hpp>

#include <cstring>
#include <iostream>
#include <thread>
#include <unistd.h>

namespace kansli::cli {

namespace {

using Strings = std::vector<std::string>;

unsigned default_jobs() { return std::max(1u, std::thread::hardware_concurrency()); }

core::Instant at_option(const cxxopts::ParseResult& r, const Context& ctx) {
    std::optional<std::string> at;
    if (r.count("at")) at = r["at"].as<std::string>();
    return resolve_time(at, ctx);
}

int ingest(int argc, char** argv, const Context& ctx) {
    cxxopts::Options o("kansli archive ingest",
                       "Verify, rebuild, package (E-ARK SIP) and register signed documents.\n"
                       "Exit 0 all archived (or already there), 1 some quarantined, 2 usage or I/O error.");
    // clang-format off
    o.add_options()
        ("archive", "the archive folder", cxxopts::value<std::string>())
        ("j,jobs", "worker threads (default: the cores)", cxxopts::value<unsigned>())
        ("trust", "trust anchor certificate (repeatable)", cxxopts::value<Strings>())
        ("crl", "certificate revocation list (repeatable)", cxxopts::value<Strings>())
        ("at", "verification time (default SOURCE_DATE_EPOCH, else now)", cxxopts::value<std::string>())
        ("shard", "K/N: only the documents whose identity hashes to K of N", cxxopts::value<std::string>())
        ("tsa", "RFC 3161 TSA URL: make each document PAdES B-LTA at ingest (kansli ltv)", cxxopts::value<std::string>())
        ("organisation", "the ARCHIVIST organisation (default: the document's)", cxxopts::value<std::string>())
        ("organisation-number", "its organisation number (METS IDENTIFICATIONCODE)", cxxopts::value<std::string>())
        ("json", "JSON lines, one per document, then a summary")
        ("zip", "write each package as DIR/packages/<OBJID>.zip (the bytes archive export OUT.zip gives)")
        ("h,help", "show this help")
        ("inputs", "signed PDFs or folders", cxxopts::value<Strings>());
    // clang-format on
    o.parse_positional({"inputs"});
    o.positional_help("INPUT...");
    const auto r = o.parse(argc, argv);
    if (r.count("help")) {
        std::cout << o.help();
        return 0;
    }
    if (!r.count("archive") || !r.count("inputs")) {
        std::cerr << "kansli archive ingest: give INPUT... and --archive DIR\n" << o.help();
        return 2;
    }
    archive::IngestConfig cfg;
    cfg.inputs = many(r, "inputs");
    cfg.archive_dir = r["archive"].as<std::string>();
    cfg.jobs = r.count("jobs") ? std::max(1u, r["jobs"].as<unsigned>()) : default_jobs();
    if (r.count("shard")) std::tie(cfg.shard, cfg.shards) = archive::parse_shard(r["shard"].as<std::string>());
    cfg.json = r.count("json") > 0;
    cfg.zip = r.count("zip") > 0;
    cfg.progress = !cfg.json && ::isatty(STDOUT_FILENO);
    cfg.now = at_option(r, ctx);
    cfg.examine.home = ctx.home;
    cfg.examine.verify.at = cfg.now;
    // The -j workers are the parallelism: a document's signatures are checked on its worker's
    // thread, not on a thread started per document.
    cfg.examine.verify.threads = 1;
    const Strings trust = many(r, "trust"), crls = many(r, "crl");
    for (const auto& t : trust) {
        auto c = verify::load_certificates(t);
        cfg.examine.verify.trust.insert(cfg.examine.verify.trust.end(), c.begin(), c.end());
    }
    for (const auto& f : crls) {
        auto c = verify::load_crls(f);
        cfg.examine.verify.crls.insert(cfg.examine.verify.crls.end(), c.begin(), c.end());
    }
    // The PDF's conformance claims (kansli inspect): a broken claim quarantines the document.
    cfg.examine.preflight = [](archive::Record& rec) -> std::string {
        try {
            const inspect::Report rep =
                inspect::inspect(rec.pdf, rec.pdf_path, inspect::all_checks(), rec.verified_pdf.get());
            if (!rep.broken()) return {};
            for (const auto& res : rep.results)
                if (res.claimed && !res.findings.empty())
                    return "inspect: " + res.check.clause + ": " + res.findings.front().message;
            return "inspect: a claimed conformance is broken";
        } catch (const std::exception& e) {
            return std::string("inspect: the PDF is refused: ") + e.what();
        }
    };
    if (r.count("tsa")) {
        // PAdES B-LTA at ingest (kansli ltv): the archived version is the one with the DSS and
        // the document time-stamp. An injected time derives the nonce from the imprint (deterministic).
        cfg.examine.lta = [url = r["tsa"].as<std::string>(), trust, crls, now = cfg.now,
                           injected = ctx.source_date.has_value()](archive::Record& rec) -> std::string {
            job::LtvConfig lc;
            lc.trust = trust;
            lc.crls = crls;
            lc.time = now;
            lc.timestamp = [url, injected](const cms::tsp::Imprint& imprint) {
                return tsa::request_timestamp(url, imprint, 10, injected);
            };
            try {
                job::LtvOutcome outcome;
                rec.pdf = job::ltv_bytes(rec.pdf, lc, outcome);
                return {};
            } catch (const std::exception& e) {
                return std::string("ltv: ") + e.what();
            }
        };
    }
    cfg.package.home = ctx.home;
    if (r.count("organisation")) cfg.package.archivist = r["organisation"].as<std::string>();
    if (r.count("organisation-number")) cfg.package.archivist_number = r["organisation-number"].as<std::string>();
    archive::keep_trust(cfg.archive_dir, trust, crls);
    keep_freed_memory_for_batches();
    return archive::ingest(cfg, std::cout).exit_code();
}

int check(int argc, char** argv, const Context& ctx) {
    cxxopts::Options o("kansli archive check",
                       "Recompute every file's SHA-256 against the register and the METS, re-verify every\n"
                       "signature at --at, check the register itself (SQLite integrity_check, the search\n"
                       "index against the §§). Exit 0 no drift, 1 drift (each named), 2 usage or I/O error.");
    // clang-format off
    o.add_options()
        ("archive", "the archive folder", cxxopts::value<std::string>())
        ("at", "re-verify the signatures at this time (default SOURCE_DATE_EPOCH, else now)", cxxopts::value<std::string>())
        ("j,jobs", "worker threads (default: the cores)", cxxopts::value<unsigned>())
        ("json", "print the result as JSON")
        ("h,help", "show this help");
    // clang-format on
    const auto r = o.parse(argc, argv);
    if (r.count("help") || !r.count("archive")) {
        (r.count("help") ? std::cout : std::cerr) << o.help();
        return r.count("help") ? 0 : 2;
    }
    archive::CheckConfig cfg;
    cfg.archive_dir = r["archive"].as<std::string>();
    cfg.at = at_option(r, ctx);
    cfg.jobs = r.count("jobs") ? std::max(1u, r["jobs"].as<unsigned>()) : default_jobs();
    keep_freed_memory_for_batches();
    const auto res = archive::check(cfg);
    std::cout << (r.count("json") ? archive::check_json(res) : archive::check_text(res));
    return res.drifts.empty() ? 0 : 1;
}

int merge(int argc, char** argv, const Context&) {
    cxxopts::Options o("kansli archive merge", "Fold shard archives (from ingest --shard K/N) into one archive.");
    // clang-format off
    o.add_options()
        ("archive", "the archive folder to merge into (made when missing)", cxxopts::value<std::string>())
        ("h,help", "show this help")
        ("shards", "shard archive folders", cxxopts::value<Strings>());
    // clang-format on
    o.parse_positional({"shards"});
    o.positional_help("SHARD...");
    const auto r = o.parse(argc, argv);
    if (r.count("help") || !r.count("archive") || !r.count("shards")) {
        (r.count("help") ? std::cout : std::cerr) << o.help();
        return r.count("help") ? 0 : 2;
    }
    archive::merge(r["archive"].as<std::string>(), many(r, "shards"), std::cout);
    return 0;
}

int export_(int argc, char** argv, const Context&) {
    cxxopts::Options o("kansli archive export", "Copy one package out of the archive: a folder, or a .zip.");
    // clang-format off
    o.add_options()
        ("archive", "the archive folder", cxxopts::value<std::string>())
        ("o,output", "OUT (a new folder) or OUT.zip", cxxopts::value<std::string>())
        ("h,help", "show this help")
        ("id", "OBJID or the SHA-256 of the signed PDF", cxxopts::value<Strings>());
    // clang-format on
    o.parse_positional({"id"});
    o.positional_help("ID");
    const auto r = o.parse(argc, argv);
    if (r.count("help") || !r.count("archive") || !r.count("output") || many(r, "id").size() != 1) {
        (r.count("help") ? std::cout : std::cerr) << o.help();
        return r.count("help") ? 0 : 2;
    }
    archive::export_package(r["archive"].as<std::string>(), many(r, "id").front(), r["output"].as<std::string>());
    return 0;
}

}  // namespace

int run_archive(int argc, char** argv, const Context& ctx) {
    static constexpr const char* kUsage =
        "Usage: kansli archive ingest INPUT... --archive DIR [-j N] [--trust CA...] [--crl F...] [--at T]\n"
        "                            [--shard K/N] [--json] [--zip]\n"
        "       kansli archive search --archive DIR [TEXT] [--organ O] [--from D] [--to D] [--signer NAME]\n"
        "                            [--paragraf N] [--json]\n"
        "       kansli archive check --archive DIR [--at TIME] [--json]\n"
        "       kansli archive export --archive DIR ID -o OUT[.zip]\n"
        "       kansli archive merge --archive DIR SHARD...\n";
    if (argc < 2 || std::strcmp(argv[1], "-h") == 0 || std::strcmp(argv[1], "--help") == 0) {
        (argc < 2 ? std::cerr : std::cout) << kUsage;
        return argc < 2 ? 2 : 0;
    }
    const std::string sub = argv[1];
    try {
        if (sub == "ingest") return ingest(argc - 1, argv + 1, ctx);
        if (sub == "search") return run_archive_search(argc - 1, argv + 1, ctx);
        if (sub == "check") return check(argc - 1, argv + 1, ctx);
        if (sub == "merge") return merge(argc - 1, argv + 1, ctx);
        if (sub == "export") return export_(argc - 1, argv + 1, ctx);
    } catch (const cxxopts::exceptions::exception& e) {
        std::cerr << "kansli archive " << sub << ": " << e.what() << "\n";
        return 2;
    }
    std::cerr << "kansli archive: unknown subcommand '" << sub << "'\n" << kUsage;
    return 2;
}

}  // namespace kansli::cli
