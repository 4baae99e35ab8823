#include "archive/demo_step.hpp"

#include "archive/check.hpp"
#include "archive/ingest.hpp"
#include "archive/search.hpp"

#include <algorithm>
#include <filesystem>
#include <ostream>

namespace kansli::archive {

namespace fs = std::filesystem;

int demo_step(const std::string& home, const std::string& out_dir, core::Instant time, std::ostream& out) {
    const fs::path keys = fs::path(home) / "keys" / "demo";
    IngestConfig cfg;
    for (const auto& e : fs::directory_iterator(out_dir)) {
        const std::string name = e.path().filename().string();
        if (e.is_regular_file() && name.ends_with(".signerad.pdf")) cfg.inputs.push_back(e.path().string());
    }
    std::sort(cfg.inputs.begin(), cfg.inputs.end());
    cfg.archive_dir = (fs::path(out_dir) / "arkiv").string();
    cfg.jobs = 2;
    cfg.now = time;
    cfg.examine.home = home;
    cfg.examine.verify.at = time;
    cfg.examine.verify.threads = 1;  // the workers are the parallelism (as in kansli archive ingest)
    const std::vector<std::string> trust = {(keys / "root.cert.pem").string()};
    const std::vector<std::string> crls = {(keys / "issuing.crl.pem").string(), (keys / "root.crl.pem").string()};
    for (const auto& t : trust) cfg.examine.verify.trust = verify::load_certificates(t);
    for (const auto& c : crls) {
        const auto l = verify::load_crls(c);
        cfg.examine.verify.crls.insert(cfg.examine.verify.crls.end(), l.begin(), l.end());
    }
    cfg.package.home = home;
    keep_trust(cfg.archive_dir, trust, crls);
    out << "\n5. Archive: ingest the signed PDFs (verify, rebuild from the source, E-ARK package, register)\n";
    const IngestSummary s = ingest(cfg, out);
    out << "\n   kansli archive search --archive " << cfg.archive_dir << " psykisk hälsa\n";
    SearchQuery q;
    q.text = "psykisk hälsa";
    q.limit = 5;
    out << hits_text(search_counted(cfg.archive_dir, q));
    out << "\n   kansli archive check --archive " << cfg.archive_dir << "\n";
    const CheckResult c = check({cfg.archive_dir, time, 2});
    out << check_text(c);
    return s.exit_code() == 0 && c.drifts.empty() ? 0 : 1;
}

}  // namespace kansli::archive
