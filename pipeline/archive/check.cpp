#include "archive/check.hpp"

#include "archive/digest.hpp"
#include "archive/register.hpp"
#include "archive/report.hpp"
#include "archive/zip.hpp"
#include "core/files.hpp"
#include "verify/chain.hpp"
#include "verify/verify.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace kansli::archive {

namespace fs = std::filesystem;

namespace {

struct FileRow {
    std::string path, sha256;
    long long size = 0;
};

/// CHECKSUM="…" and the xlink:href="…" that follows, for every mets:file of a METS text we wrote.
std::map<std::string, std::string> mets_checksums(const std::string& mets) {
    std::map<std::string, std::string> out;
    for (auto p = mets.find("<mets:file "); p != std::string::npos; p = mets.find("<mets:file ", p + 1)) {
        const auto c = mets.find("CHECKSUM=\"", p);
        const auto h = mets.find("xlink:href=\"", p);
        if (c == std::string::npos || h == std::string::npos) break;
        out[mets.substr(h + 12, mets.find('"', h + 12) - h - 12)] = mets.substr(c + 10, 64);
    }
    return out;
}

/// The files of one package: a folder read file by file, or a ZIP (ingest --zip) read whole.
struct PackageFiles {
    fs::path root;
    std::optional<std::map<std::string, core::Bytes>> zip;
    [[nodiscard]] bool has(const std::string& rel) const {
        std::error_code ec;
        return zip ? zip->count(rel) > 0 : fs::is_regular_file(root / rel, ec);
    }
    core::Bytes take(const std::string& rel) {
        return zip ? std::move(zip->at(rel)) : core::read_file((root / rel).string(), std::size_t{1} << 30);
    }
    /// The entries below the root: files, and symbolic links (to anything), which a package
    /// never holds: they are named, and nothing is read through them.
    struct Entry {
        std::string rel;
        bool link = false;
    };
    [[nodiscard]] std::vector<Entry> present() const {
        std::vector<Entry> out;
        if (zip) {
            for (const auto& [rel, b] : *zip) out.push_back({rel, false});
            return out;
        }
        std::error_code ec;
        for (auto it = fs::recursive_directory_iterator(root, ec); !ec && it != fs::recursive_directory_iterator();
             it.increment(ec)) {
            // The iterator's paths are root/rel: the relative path is lexical (fs::relative would
            // resolve every component of both paths with realpath, 5 % of a check's time).
            std::error_code lec;
            const bool link = it->is_symlink(lec);
            if (link || !it->is_directory()) out.push_back({it->path().lexically_relative(root).string(), link});
        }
        return out;
    }
};

void check_package(const std::string& dir, const std::string& objid, const std::string& rel,
                   const std::vector<FileRow>& rows, const verify::VerifyOptions& vo, std::vector<Drift>& out) {
    PackageFiles pkg{fs::path(dir) / rel, std::nullopt};
    std::error_code ec;
    const bool zipped = rel.ends_with(".zip");
    if (zipped ? !fs::is_regular_file(pkg.root, ec) : !fs::is_directory(pkg.root, ec)) {
        out.push_back({objid, "", "missing package (" + pkg.root.string() + ")"});
        return;
    }
    if (zipped) pkg.zip = read_zip(pkg.root.string(), objid, std::size_t{4} << 30);
    const std::vector<PackageFiles::Entry> present = pkg.present();  // before take() empties ZIP entries
    std::set<std::string> links;
    for (const auto& e : present)
        if (e.link) links.insert(e.rel);
    // `rel` or a folder above it is a symbolic link.
    const auto through_link = [&links](const std::string& path) {
        for (auto slash = path.find('/');; slash = path.find('/', slash + 1)) {
            if (links.count(path.substr(0, slash))) return true;
            if (slash == std::string::npos) return false;
        }
    };
    std::set<std::string> listed;
    std::map<std::string, std::string> actual;
    std::map<std::string, core::Bytes> kept;  ///< the METS and signed PDFs, read once: hashed, then parsed
    for (const auto& r : rows) {
        listed.insert(r.path);
        if (!links.empty() && through_link(r.path)) {
            out.push_back({objid, r.path, "replaced by a symbolic link (not read through it)"});
            continue;
        }
        if (!pkg.has(r.path)) {
            out.push_back({objid, r.path, "missing file"});
            continue;
        }
        core::Bytes b = pkg.take(r.path);
        const std::string sha = sha256_hex(b);
        actual[r.path] = sha;
        const std::size_t size = b.size();
        if (r.path.ends_with("METS.xml") || r.path.rfind("representations/rep1/data/", 0) == 0)
            kept[r.path] = std::move(b);
        if (sha != r.sha256 || static_cast<long long>(size) != r.size) {
            out.push_back({objid, r.path,
                           "changed: SHA-256 " + sha + ", " + std::to_string(size) + " bytes; registered " + r.sha256 +
                               ", " + std::to_string(r.size)});
        }
    }
    for (const auto& e : present) {
        if (listed.count(e.rel)) continue;
        out.push_back(
            {objid, e.rel,
             e.link ? "unexpected symbolic link (not in the register)" : "unexpected file (not in the register)"});
    }
    // The METS files must state what the register states.
    for (const auto& [mets, prefix] :
         std::vector<std::pair<std::string, std::string>>{{"METS.xml", ""},
                                                          {"representations/rep1/METS.xml", "representations/rep1/"},
                                                          {"representations/rep2/METS.xml", "representations/rep2/"}}) {
        if (!actual.count(mets)) continue;
        const core::Bytes& b = kept[mets];
        for (const auto& [href, sum] : mets_checksums(std::string(b.begin(), b.end()))) {
            const auto r =
                std::find_if(rows.begin(), rows.end(), [&](const FileRow& x) { return x.path == prefix + href; });
            if (r == rows.end() || r->sha256 != sum) out.push_back({objid, prefix + href, "differs from " + mets});
        }
    }
    for (const auto& r : rows) {
        if (r.path.rfind("representations/rep1/data/", 0) != 0 || !actual.count(r.path)) continue;
        const verify::VerifyReport rep = verify::verify_pdf(kept[r.path], r.path, vo);
        if (rep.verdict != verify::Verdict::Passed) {
            out.push_back({objid, r.path,
                           std::string("signatures ") + verify::to_string(rep.verdict) + " at " +
                               core::format_iso(vo.at) + ": " + rep.reason});
        }
    }
}

/// The register's own integrity, as drifts of "register.sqlite": SQLite's integrity_check (every
/// page, b-tree and index, up to its 100 messages) and FTS5's integrity-check of the § index
/// against paragraphs. Neither stops the check: a damaged register is reported, not thrown.
void check_register(sqlite3* db, std::vector<Drift>& out) {
    const auto drift = [&out](const std::string& what) { out.push_back({"", "register.sqlite", what}); };
    sqlite3_stmt* st = nullptr;
    int rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rc = SQLITE_OK;  // the next row
        // "ok", or messages (one a line; the "*** in database main ***" heading is left out)
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
        const std::string msgs = t != nullptr ? t : "";
        for (std::size_t a = 0; a < msgs.size();) {
            std::size_t e = msgs.find('\n', a);
            if (e == std::string::npos) e = msgs.size();
            const std::string line = msgs.substr(a, e - a);
            if (line != "ok" && !line.empty() && line.rfind("***", 0) != 0) drift("integrity_check: " + line);
            a = e + 1;
        }
    }
    if (rc != SQLITE_DONE) drift(std::string("integrity_check stopped: ") + sqlite3_errstr(rc));
    sqlite3_finalize(st);
    char* err = nullptr;
    if (sqlite3_exec(db, "INSERT INTO paragraph_search(paragraph_search, rank) VALUES ('integrity-check', 1)", nullptr,
                     nullptr, &err) != SQLITE_OK) {
        drift(std::string("the search index does not match the §§ (FTS5 integrity-check: ") +
              (err != nullptr ? err : "failed") +
              "); to rebuild it: sqlite3 register.sqlite \"INSERT INTO paragraph_search(paragraph_search) VALUES "
              "('rebuild')\"");
    }
    sqlite3_free(err);
}

}  // namespace

void keep_trust(const std::string& archive_dir, const std::vector<std::string>& anchors,
                const std::vector<std::string>& crls) {
    const fs::path dir = fs::path(archive_dir) / "trust";
    std::error_code ec;
    fs::create_directories(dir, ec);
    for (const auto& [list, prefix] : {std::pair{&anchors, "anchor-"}, std::pair{&crls, "crl-"}}) {
        for (const auto& f : *list) {
            const core::Bytes b = core::read_file(f, std::size_t{16} << 20);
            const fs::path to = dir / (std::string(prefix) + sha256_hex(b).substr(0, 16) + ".pem");
            if (!fs::exists(to, ec)) core::write_file_atomic(to.string(), b);
        }
    }
}

void load_trust(const std::string& archive_dir, std::vector<std::string>& anchors, std::vector<std::string>& crls) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(fs::path(archive_dir) / "trust", ec)) {
        const std::string name = e.path().filename().string();
        if (name.rfind("anchor-", 0) == 0) anchors.push_back(e.path().string());
        if (name.rfind("crl-", 0) == 0) crls.push_back(e.path().string());
    }
    std::sort(anchors.begin(), anchors.end());
    std::sort(crls.begin(), crls.end());
}

CheckResult check(const CheckConfig& cfg) {
    Register reg = Register::open(cfg.archive_dir, false);
    verify::VerifyOptions vo;
    vo.at = cfg.at;
    vo.threads = 1;  // the -j workers are the parallelism: no thread started per document
    // verify's process caches validate each (chain, time) once per run (verify/chain.cpp)
    std::vector<std::string> anchors, crls;
    load_trust(cfg.archive_dir, anchors, crls);
    for (const auto& a : anchors) {
        auto c = verify::load_certificates(a);
        vo.trust.insert(vo.trust.end(), c.begin(), c.end());
    }
    for (const auto& f : crls) {
        auto c = verify::load_crls(f);
        vo.crls.insert(vo.crls.end(), c.begin(), c.end());
    }
    const auto packages = reg.packages();
    std::map<std::string, std::vector<FileRow>> rows;
    {
        Stmt s(reg.db(), "SELECT objid, path, sha256, size FROM files ORDER BY objid, path");
        while (s.step()) rows[s.text(0)].push_back({s.text(1), s.text(2), s.integer(3)});
    }
    static const std::vector<FileRow> kNoRows;
    CheckResult res;
    res.packages = packages.size();
    for (const auto& [k, v] : rows) res.files += v.size();
    std::atomic<std::size_t> next{0};
    std::mutex mu;
    std::vector<std::thread> workers;
    for (unsigned w = 0; w < std::max(1u, cfg.jobs); ++w) {
        workers.emplace_back([&] {
            for (std::size_t i = next++; i < packages.size(); i = next++) {
                std::vector<Drift> found;
                // find, not operator[]: the workers share `rows` and must not insert into it
                const auto listed = rows.find(packages[i].first);
                try {
                    check_package(cfg.archive_dir, packages[i].first, packages[i].second,
                                  listed == rows.end() ? kNoRows : listed->second, vo, found);
                } catch (const core::Error& e) {
                    found.push_back({packages[i].first, "", std::string("unreadable: ") + e.what()});
                }
                std::lock_guard lock(mu);
                res.drifts.insert(res.drifts.end(), found.begin(), found.end());
            }
        });
    }
    std::vector<Drift> in_register;  // meanwhile, on this thread: the register itself
    check_register(reg.db(), in_register);
    for (auto& t : workers) t.join();
    res.drifts.insert(res.drifts.end(), in_register.begin(), in_register.end());
    std::sort(res.drifts.begin(), res.drifts.end(),
              [](const Drift& a, const Drift& b) { return std::tie(a.objid, a.file) < std::tie(b.objid, b.file); });
    std::set<std::string> drifted;  // a lookup per package: linear in packages + drifts, not their product
    for (const auto& d : res.drifts) drifted.insert(d.objid);  // "" (the register) names no package
    reg.exec("BEGIN");
    for (const auto& [objid, path] : packages) {
        const bool ok = !drifted.count(objid);
        reg.add_event(core::format_iso(cfg.at), objid, "fixity check", ok ? "success" : "failure",
                      ok ? "every SHA-256 and signature as registered" : "drift: see kansli archive check");
    }
    reg.exec("COMMIT");
    return res;
}

std::string check_text(const CheckResult& r) {
    std::string out;
    for (const auto& d : r.drifts)
        out +=
            "DRIFT  " + d.objid + (d.file.empty() ? "" : (d.objid.empty() ? "" : "/") + d.file) + "  " + d.what + "\n";
    out += std::to_string(r.packages) + " packages, " + std::to_string(r.files) + " files and the register checked: " +
           (r.drifts.empty() ? std::string("no drift") : std::to_string(r.drifts.size()) + " drifted") + "\n";
    return out;
}

std::string check_json(const CheckResult& r) {
    std::string out =
        "{\"packages\": " + std::to_string(r.packages) + ", \"files\": " + std::to_string(r.files) + ", \"drifts\": [";
    for (std::size_t i = 0; i < r.drifts.size(); ++i) {
        const auto& d = r.drifts[i];
        out += std::string(i ? ", " : "") + "{\"objid\": " + json_quote(d.objid) + ", \"file\": " + json_quote(d.file) +
               ", \"what\": " + json_quote(d.what) + "}";
    }
    return out + "]}\n";
}

}  // namespace kansli::archive
