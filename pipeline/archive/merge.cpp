#include "archive/merge.hpp"

#include "archive/register.hpp"
#include "archive/zip.hpp"
#include "core/files.hpp"

#include <filesystem>
#include <ostream>

namespace kansli::archive {

namespace fs = std::filesystem;

namespace {

/// Tables copied row by row for one package (keyed by objid or by the version's sha256).
constexpr const char* kCopyRows[] = {
    "INSERT OR IGNORE INTO documents SELECT d.* FROM shard.documents d JOIN shard.versions v ON v.document_id = d.id "
    "JOIN shard.packages p ON p.version = v.sha256 WHERE p.objid = ?1",
    "INSERT INTO versions SELECT v.* FROM shard.versions v JOIN shard.packages p ON p.version = v.sha256 "
    "WHERE p.objid = ?1",
    "INSERT INTO packages SELECT * FROM shard.packages WHERE objid = ?1",
    "INSERT INTO files SELECT * FROM shard.files WHERE objid = ?1",
    "INSERT INTO signatures SELECT s.* FROM shard.signatures s JOIN shard.packages p ON p.version = s.version "
    "WHERE p.objid = ?1",
    "INSERT INTO paragraphs_fts SELECT s.title, s.text, s.version, s.number FROM shard.paragraphs s "
    "JOIN shard.packages p ON p.version = s.version WHERE p.objid = ?1 ORDER BY s.rowid",
    "INSERT INTO events(time, objid, type, outcome, detail) SELECT time, objid, type, outcome, detail "
    "FROM shard.events WHERE objid = ?1 ORDER BY id"};

void copy_tree(const fs::path& from, const fs::path& scratch, const fs::path& to) {
    std::error_code ec;
    fs::remove_all(scratch, ec);
    fs::create_directories(scratch.parent_path(), ec);
    fs::copy(from, scratch, fs::copy_options::recursive, ec);
    if (ec) core::throw_io(from.string(), "cannot copy the package: " + ec.message());
    fs::create_directories(to.parent_path(), ec);
    fs::rename(scratch, to, ec);
    if (ec) core::throw_io(to.string(), "cannot move the package into place: " + ec.message());
}

}  // namespace

std::size_t merge(const std::string& archive_dir, const std::vector<std::string>& shards, std::ostream& out) {
    const fs::path dir(archive_dir);
    Register reg = Register::open(archive_dir, true);
    std::size_t added = 0;
    std::error_code ec;
    for (const auto& shard : shards) {
        const Register src = Register::open(shard, false);  // checks that it is an archive of this version
        const auto packages = src.packages();
        Stmt attach(reg.db(), "ATTACH DATABASE ? AS shard");
        attach.bind(1, shard + "/register.sqlite").run();
        for (const auto& [objid, path] : packages) {
            if (Stmt(reg.db(), "SELECT 1 FROM packages WHERE objid = ?").bind(1, objid).step()) continue;
            if (!fs::exists(dir / path, ec)) copy_tree(fs::path(shard) / path, dir / ".tmp" / objid, dir / path);
            reg.exec("BEGIN IMMEDIATE");
            try {
                for (const char* sql : kCopyRows) Stmt(reg.db(), sql).bind(1, objid).run();
                reg.exec("COMMIT");
            } catch (...) {
                reg.exec("ROLLBACK");
                throw;
            }
            ++added;
        }
        // Quarantined documents have no package: their events are copied once.
        reg.exec(
            "INSERT INTO events(time, objid, type, outcome, detail) SELECT time, objid, type, outcome, detail "
            "FROM shard.events e WHERE e.type = 'quarantine' AND NOT EXISTS (SELECT 1 FROM events t "
            "WHERE t.objid = e.objid AND t.type = 'quarantine') ORDER BY e.id");
        reg.exec("DETACH DATABASE shard");
        for (const char* sub : {"trust", "karantän"}) {
            for (const auto& e : fs::directory_iterator(fs::path(shard) / sub, ec)) {
                const fs::path to = dir / sub / e.path().filename();
                if (fs::exists(to, ec)) continue;
                fs::create_directories(to.parent_path(), ec);
                copy_tree(e.path(), dir / ".tmp" / ("merge-" + e.path().filename().string()), to);
            }
        }
        out << shard << ": " << packages.size() << " packages\n";
    }
    fs::remove_all(dir / ".tmp", ec);
    out << "Merged: " << added << " packages added to " << archive_dir << "\n";
    return added;
}

void export_package(const std::string& archive_dir, const std::string& id, const std::string& out) {
    const Register reg = Register::open(archive_dir, false);
    Stmt s(reg.db(), "SELECT objid, path, created FROM packages WHERE objid = ?1 OR version = ?1");
    s.bind(1, id);
    if (!s.step()) {
        throw core::Error(core::ExitCode::Invalid, "archive", {}, "no package " + id + " in " + archive_dir,
                          "kansli archive search --archive " + archive_dir + " lists the packages");
    }
    const std::string objid = s.text(0);
    const fs::path root = fs::path(archive_dir) / s.text(1);
    const bool zipped = s.text(1).ends_with(".zip");  // ingest --zip
    const auto created = core::parse_instant(s.text(2));
    std::error_code ec;
    if (!out.ends_with(".zip")) {
        if (fs::exists(out, ec)) core::throw_io(out, "exists; refusing to write over it");
        if (!zipped) {
            copy_tree(root, fs::path(out + ".tmp-export"), fs::path(out));
            return;
        }
        const fs::path scratch(out + ".tmp-export");
        fs::remove_all(scratch, ec);
        for (const auto& [rel, bytes] : read_zip(root.string(), objid, std::size_t{4} << 30)) {
            const fs::path to = scratch / rel;
            if (rel.empty() || rel.find("..") != std::string::npos || fs::path(rel).is_absolute())
                core::throw_io(root.string(), "the ZIP holds an unsafe entry name: " + rel);
            fs::create_directories(to.parent_path(), ec);
            core::write_file_atomic(to.string(), bytes);
        }
        fs::rename(scratch, out, ec);
        if (ec) core::throw_io(out, "cannot move the package into place: " + ec.message());
        return;
    }
    if (zipped) {  // the archived ZIP is already the export (the same bytes as a folder package gives)
        core::write_file_atomic(out, core::read_file(root.string(), std::size_t{4} << 30));
        return;
    }
    Stmt files(reg.db(), "SELECT path FROM files WHERE objid = ? ORDER BY path");
    files.bind(1, objid);
    std::vector<std::string> rels;
    while (files.step()) rels.push_back(files.text(0));
    core::write_file_atomic(out, zip_folder(root.string(), rels, objid, created.value_or(core::Instant{})));
}

}  // namespace kansli::archive
