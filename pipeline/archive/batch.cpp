#include "archive/batch.hpp"

#include "core/diagnostic.hpp"
#include "core/files.hpp"
#include "job/build.hpp"
#include "job/sign.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <vector>

namespace kansli::archive {

namespace fs = std::filesystem;

namespace {

constexpr const char* kDemoPassphrase = "kansli-demo";  // keys/README.md: DEMO ONLY
constexpr std::int64_t kDay = 86400;

/// SplitMix64: a small, fixed generator, so meeting i is the same on every machine.
struct Rng {
    std::uint64_t s;
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }
};

constexpr std::array<const char*, 6> kOrgans = {"Sociala vård och omsorgsgruppen", "Hälso- och sjukvårdsnämnden",
                                                "Regionala utvecklingsnämnden",    "Patientnämnden",
                                                "Kultur- och bildningsnämnden",    "Samverkansberedningen"};

/// Members that the example's §§ never name (the others move motions or sign).
constexpr std::array<const char*, 7> kOptionalMembers = {"ah", "gn", "ks", "mo", "gpw", "bn", "ee"};

std::string replace_between(const std::string& s, const std::string& open, const std::string& close,
                            const std::string& with) {
    const auto a = s.find(open);
    const auto b = a == std::string::npos ? a : s.find(close, a + open.size());
    if (b == std::string::npos) core::throw_io("batch", "the template has no " + open);
    return s.substr(0, a + open.size()) + with + s.substr(b);
}

/// Removes every ` paragrafer="…"` attribute: the generated §§ are numbered differently.
std::string drop_ranges(std::string s) {
    for (auto p = s.find(" paragrafer=\""); p != std::string::npos; p = s.find(" paragrafer=\"", p)) {
        s.erase(p, s.find('"', p + 13) + 1 - p);
    }
    return s;
}

/// Removes the line holding `needle` (whole line, with its newline).
std::string drop_line(std::string s, const std::string& needle) {
    const auto p = s.find(needle);
    if (p == std::string::npos) return s;
    const auto a = s.rfind('\n', p);
    const auto b = s.find('\n', p);
    s.erase(a, b - a);
    return s;
}

core::Date meeting_date(Rng& rng, core::Instant time) {
    const int last_year = core::date_of(time).year - 1;
    const int first_year = std::max(2020, last_year - 4);
    if (last_year < first_year)
        core::throw_io("--date", "must be in 2021 or later for --batch (the demo certificates start in 2020)");
    static constexpr std::array<int, 4> kMonths = {2, 9, 10, 11};
    for (;;) {
        core::Date d{first_year + rng.below(last_year - first_year + 1),
                     kMonths[static_cast<std::size_t>(rng.below(4))], 1 + rng.below(28)};
        const int wd = core::weekday(d);
        if (wd >= 1 && wd <= 3) return d;  // Tuesday to Thursday: no holiday falls there in these months
    }
}

std::string vote_paragraph(Rng& rng, const std::vector<std::string>& present, std::size_t index) {
    std::string yes, no;
    int n_yes = 0, n_no = 0;
    for (const auto& id : present) {
        if (rng.chance(70)) {
            yes += "<röst av=\"" + id + "\"/>";
            ++n_yes;
        } else {
            no += "<röst av=\"" + id + "\"/>";
            ++n_no;
        }
    }
    std::string p = "    <paragraf>\n      <rubrik>Medel till samverkansprojekt " + std::to_string(index + 1) +
                    "</rubrik>\n      <förslag-till-beslut>\n        <stycke>Beredningen föreslår att projektet "
                    "beviljas medel ur den gemensamma budgeten.</stycke>\n      </förslag-till-beslut>\n";
    p += "      <votering ja=\"" + std::to_string(n_yes) + "\" nej=\"" + std::to_string(n_no) + "\">\n";
    if (n_yes) p += "        <ja>" + yes + "</ja>\n";
    if (n_no) p += "        <nej>" + no + "</nej>\n";
    p += "      </votering>\n      <beslut>\n        <stycke>" +
         std::string(n_yes > n_no ? "Projektet beviljas medel." : "Förslaget avslås.") +
         "</stycke>\n      </beslut>\n    </paragraf>\n";
    return p;
}

/// The <paragraf> blocks between <paragrafer …> and </paragrafer>.
std::vector<std::string> split_paragraphs(const std::string& body) {
    std::vector<std::string> out;
    for (auto p = body.find("    <paragraf>"); p != std::string::npos;) {
        const auto end = body.find("</paragraf>", p);
        if (end == std::string::npos) break;
        out.push_back(body.substr(p, end + 11 - p) + "\n");
        p = body.find("    <paragraf>", end);
    }
    if (out.size() < 4) core::throw_io("batch", "the template protokoll has fewer than four §§");
    return out;
}

}  // namespace

std::string batch_source(const std::string& tmpl, std::size_t index, core::Instant time) {
    Rng rng{0x6B616E736C69ULL ^ (static_cast<std::uint64_t>(index) * 0x100000001B3ULL)};
    rng.next();
    std::string s = replace_between(tmpl, "<organ>", "</organ>", kOrgans[index % kOrgans.size()]);
    s = replace_between(s, "<datum>", "</datum>", core::format_date(meeting_date(rng, time)));
    s = drop_ranges(s);
    std::vector<std::string> present = {"knf", "mw", "bs"};
    for (const char* id : kOptionalMembers) {
        if (rng.chance(25)) {
            s = drop_line(s, std::string("<ledamot id=\"") + id + "\"");
        } else {
            present.emplace_back(id);
        }
    }
    for (auto p = s.find("<närvarande "); p != std::string::npos; p = s.find("<närvarande ", p + 1)) {
        if (rng.chance(40)) {
            const auto a = s.rfind('\n', p);
            s.erase(a, s.find('\n', p) - a);
            p = a;
        }
    }
    const std::string open = "<paragrafer första=\"1\">\n";
    const auto a = s.find(open);
    const auto b = s.find("  </paragrafer>");
    if (a == std::string::npos || b == std::string::npos) core::throw_io("batch", "the template has no <paragrafer>");
    const std::vector<std::string> paras = split_paragraphs(s.substr(a + open.size(), b - a - open.size()));
    std::string body = paras[0] + paras[1];
    std::size_t kept = 2;
    for (std::size_t i = 2; i + 1 < paras.size(); ++i) {
        if (rng.chance(55)) {
            body += paras[i];
            ++kept;
        }
    }
    if (rng.chance(60)) {
        body += vote_paragraph(rng, present, index);
        ++kept;
    }
    body += paras.back();
    ++kept;
    const int first = 1 + rng.below(150);
    const std::string range = std::to_string(first) + "-" + std::to_string(first + static_cast<int>(kept) - 1);
    s = s.substr(0, a) + "<paragrafer första=\"" + std::to_string(first) + "\">\n" + body + s.substr(b);
    return replace_between(s, "<omfattar>", "</omfattar>", range);
}

int run_batch(const BatchConfig& cfg, std::ostream& out) {
    const fs::path examples = fs::path(cfg.home) / "templates" / "examples";
    const fs::path keys = fs::path(cfg.home) / "keys" / "demo";
    const core::Bytes tb = core::read_file((examples / "protokoll-2023-02-24.xml").string());
    const std::string tmpl(tb.begin(), tb.end());
    const fs::path dir = fs::absolute(cfg.out_dir);
    std::error_code ec;
    fs::create_directories(dir / ".work", ec);
    if (ec) core::throw_io(dir.string(), "cannot create the batch folder: " + ec.message());
    struct Signer {
        const char* key;
        const char* role;
    };
    static constexpr std::array<Signer, 3> kSigners = {
        {{"christian-ahren", "sekreterare"}, {"bjorn-sandal", "justerare"}, {"katarina-nyberg-finn", "ordförande"}}};
    for (std::size_t i = 0; i < cfg.count; ++i) {
        const std::string xml = batch_source(tmpl, i, cfg.time);
        const auto d0 = xml.find("<datum>") + 7;
        const std::string date = xml.substr(d0, 10);
        char stem[32];
        std::snprintf(stem, sizeof stem, "%04zu-protokoll-%s", i + 1, date.c_str());
        const std::string src = (dir / (std::string(stem) + ".xml")).string();
        core::write_file_atomic(src, xml);
        const auto day = core::days_from_civil(*core::parse_date(date));
        job::BuildRequest req;
        req.input = src;
        req.output = (dir / ".work" / (std::string(stem) + ".0.pdf")).string();
        req.home = cfg.home;
        req.root = examples.string();
        req.time = core::Instant{(day + 1) * kDay + 10 * 3600};
        job::build(req);
        std::string input = req.output;
        for (std::size_t k = 0; k < kSigners.size(); ++k) {
            job::SignConfig sc;
            sc.input = input;
            sc.output = k + 1 == kSigners.size()
                            ? (dir / (std::string(stem) + ".pdf")).string()
                            : (dir / ".work" / (std::string(stem) + "." + std::to_string(k + 1) + ".pdf")).string();
            sc.key_path = (keys / (std::string(kSigners[k].key) + ".key.pem")).string();
            sc.cert_path = (keys / (std::string(kSigners[k].key) + ".cert.pem")).string();
            sc.passphrase = kDemoPassphrase;
            sc.role = kSigners[k].role;
            sc.reason = "Justering";
            sc.time = core::Instant{req.time.seconds + static_cast<std::int64_t>(k + 1) * 3600};
            job::sign_file(sc);
            fs::remove(input, ec);
            input = sc.output;
        }
        if ((i + 1) % 100 == 0 || i + 1 == cfg.count) out << "  " << (i + 1) << "/" << cfg.count << " signed\n";
    }
    fs::remove(dir / ".work", ec);
    out << "Batch: " << cfg.count << " protokoll (source XML + signed PDF) in " << dir.string() << "\n";
    return 0;
}

}  // namespace kansli::archive
