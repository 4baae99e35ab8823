#include "archive/register.hpp"

#include "archive/search_schema.hpp"
#include "core/diagnostic.hpp"

#include <cstdio>
#include <filesystem>
#include <unistd.h>
#include <sqlite3.h>

namespace kansli::archive {

namespace {

constexpr const char* kSchema = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta VALUES ('schema_version', '3'), ('application', 'kansli archive');
CREATE TABLE documents(id TEXT PRIMARY KEY, kind TEXT NOT NULL, organisation TEXT NOT NULL,
  organ TEXT NOT NULL, date TEXT NOT NULL);
CREATE TABLE versions(sha256 TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id),
  revisions INTEGER NOT NULL, source TEXT NOT NULL, rebuild TEXT NOT NULL, rebuild_detail TEXT NOT NULL,
  built_at TEXT NOT NULL, ingested TEXT NOT NULL);
CREATE VIEW version_links AS SELECT v.sha256 AS sha256,
  (SELECT p.sha256 FROM versions p WHERE p.document_id = v.document_id AND p.revisions < v.revisions
   ORDER BY p.revisions DESC, p.sha256 LIMIT 1) AS previous FROM versions v;
CREATE TABLE packages(objid TEXT PRIMARY KEY, version TEXT NOT NULL UNIQUE REFERENCES versions(sha256),
  path TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE files(objid TEXT NOT NULL REFERENCES packages(objid), path TEXT NOT NULL, mime TEXT NOT NULL,
  size INTEGER NOT NULL, sha256 TEXT NOT NULL, PRIMARY KEY(objid, path));
CREATE TABLE signatures(version TEXT NOT NULL REFERENCES versions(sha256), seq INTEGER NOT NULL,
  signer TEXT NOT NULL, role TEXT NOT NULL, field TEXT NOT NULL, time TEXT NOT NULL, level TEXT NOT NULL,
  verdict TEXT NOT NULL, PRIMARY KEY(version, seq));
CREATE INDEX signatures_signer ON signatures(signer);
CREATE TABLE events(id INTEGER PRIMARY KEY, time TEXT NOT NULL, objid TEXT NOT NULL, type TEXT NOT NULL,
  outcome TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX documents_organ_date ON documents(organ, date);
CREATE INDEX documents_date ON documents(date);
CREATE INDEX versions_document ON versions(document_id);
)SQL";

std::string schema_version(sqlite3* db, const std::string& path) {
    Stmt s(db, "SELECT value FROM meta WHERE key = 'schema_version'");
    if (!s.step()) core::throw_io(path, "the register has no schema version");
    return s.text(0);
}

/// Versions 1 and 2 are upgraded by any command that opens the register for writing.
bool upgradable(const std::string& v) { return v == "1" || v == "2"; }

void check_schema_version(sqlite3* db, const std::string& path) {
    const std::string v = schema_version(db, path);
    if (v == "3") return;
    core::throw_io(path, "the register has schema version " + v + "; this kansli reads version 3",
                   upgradable(v) ? "kansli archive check (or ingest, merge) upgrades it to version 3" : "");
}

}  // namespace

Register Register::open(const std::string& archive_dir, bool create) {
    const std::string path = archive_dir + "/register.sqlite";
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (!exists && !create) core::throw_io(archive_dir, "is not a kansli archive (no register.sqlite)");
    if (create) std::filesystem::create_directories(archive_dir, ec);
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        core::throw_io(path, "cannot open the register: " + msg, "is the archive read-only?");
    }
    Register r(db);
    sqlite3_busy_timeout(db, 10000);
    r.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    if (!exists) {
        r.exec(std::string("BEGIN;") + kSchema + search_schema() + "COMMIT;");
    } else if (upgradable(schema_version(db, path))) {
        r.exec("BEGIN IMMEDIATE");
        try {
            // read again under the write lock: another process may have upgraded it meanwhile
            if (const std::string v = schema_version(db, path); upgradable(v)) migrate_search_schema(db, v);
            r.exec("COMMIT");
        } catch (...) {
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            throw;
        }
    }
    check_schema_version(db, path);
    // A § goes in through the view's trigger (search_schema.hpp): a statement that writes several
    // rows and may abort (the key, the foreign key), so SQLite keeps a statement journal for it,
    // by default a temporary file: ~157 writes a document. In memory it is the few pages one
    // statement changes. After the upgrade, whose temporary tables hold every § text.
    r.exec("PRAGMA temp_store=MEMORY");
    return r;
}

Register Register::open_read_only(const std::string& archive_dir) {
    const std::string path = archive_dir + "/register.sqlite";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) core::throw_io(archive_dir, "is not a kansli archive (no register.sqlite)");
    // A WAL database needs its -shm file; where the folder cannot be written nobody writes the
    // register either, so it is opened immutable (no locks, no -shm).
    const bool writable = ::access(archive_dir.c_str(), W_OK) == 0;
    std::string uri = "file:";
    for (const char c : path) {
        if (c == '?' || c == '#' || c == '%') {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
            uri += buf;
        } else {
            uri += c;
        }
    }
    uri += writable ? "?mode=ro" : "?mode=ro&immutable=1";
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(uri.c_str(), &db, flags, nullptr) != SQLITE_OK) {
        const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        core::throw_io(path, "cannot open the register: " + msg);
    }
    Register r(db);
    sqlite3_busy_timeout(db, 10000);
    // Read with pread, not mapped (SQLite's default): a search touches a few hundred pages once,
    // and on this VM a first touch of a mapped page cost more than reading it
    // (tests/bench/bench_archive_search_ab.sh: every one of the 8 bench queries 0.5-2.4 ms
    // faster). A file truncated under a mapping is SIGBUS; under pread it is an I/O error.
    check_schema_version(db, path);
    return r;
}

Register Register::open_reader(const std::string& archive_dir) {
    const std::string path = archive_dir + "/register.sqlite";
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
        const std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        core::throw_io(path, "cannot open the register: " + msg);
    }
    Register r(db);
    sqlite3_busy_timeout(db, 10000);
    check_schema_version(db, path);
    return r;
}

Register::~Register() {
    m_stmts.clear();
    sqlite3_close(m_db);
}
Register::Register(Register&& o) noexcept : m_db(o.m_db), m_stmts(std::move(o.m_stmts)) { o.m_db = nullptr; }
Register& Register::operator=(Register&& o) noexcept {
    std::swap(m_db, o.m_db);
    std::swap(m_stmts, o.m_stmts);
    return *this;
}

Stmt& Register::cached(const char* sql) const {
    auto& slot = m_stmts[sql];
    if (!slot) slot = std::make_unique<Stmt>(m_db, sql);
    return slot->reset();
}

void Register::run(const char* sql) const {
    Stmt& s = cached(sql);
    if (sqlite3_step(s.handle()) == SQLITE_DONE) {
        s.reset();
        return;
    }
    const std::string msg = sqlite3_errmsg(m_db);
    s.reset();
    core::throw_io("register.sqlite", "cannot update the register: " + msg, "is the disk full or read-only?");
}

void Register::exec(const std::string& sql) const {
    char* err = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        core::throw_io("register.sqlite", "cannot update the register: " + msg, "is the disk full or read-only?");
    }
}

bool Register::has_version(const std::string& sha256) const {
    Stmt& s = cached("SELECT 1 FROM packages WHERE version = ?");
    const bool found = s.bind(1, sha256).step();
    s.reset();  // ends the read at once
    return found;
}

void Register::begin() { run("BEGIN IMMEDIATE"); }
void Register::commit() { run("COMMIT"); }
void Register::rollback() noexcept { sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr); }

void Register::add_rows(const Record& rec, const std::string& path, const std::vector<PackageFile>& files) {
    const std::string when = core::format_iso(rec.ingested);
    cached("INSERT OR IGNORE INTO documents VALUES (?, ?, ?, ?, ?)")
        .bind(1, rec.doc_id)
        .bind(2, rec.kind)
        .bind(3, rec.organisation)
        .bind(4, rec.organ)
        .bind(5, rec.date)
        .run();
    cached("INSERT INTO versions VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, rec.sha256)
        .bind(2, rec.doc_id)
        .bind(3, static_cast<long long>(rec.report.revisions))
        .bind(4, rec.source_path.empty() ? std::string() : std::filesystem::path(rec.source_path).filename().string())
        .bind(5, to_string(rec.rebuild))
        .bind(6, rec.rebuild_detail)
        .bind(7, rec.built_at)
        .bind(8, when)
        .run();
    cached("INSERT INTO packages VALUES (?, ?, ?, ?)")
        .bind(1, rec.objid)
        .bind(2, rec.sha256)
        .bind(3, path)
        .bind(4, when)
        .run();
    for (const auto& file : files) {
        cached("INSERT INTO files VALUES (?, ?, ?, ?, ?)")
            .bind(1, rec.objid)
            .bind(2, file.path)
            .bind(3, file.mime)
            .bind(4, static_cast<long long>(file.size))
            .bind(5, file.sha256)
            .run();
    }
    for (std::size_t i = 0; i < rec.signatures.size(); ++i) {
        const auto& s = rec.signatures[i];
        cached("INSERT INTO signatures VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(1, rec.sha256)
            .bind(2, static_cast<long long>(i + 1))
            .bind(3, s.signer)
            .bind(4, s.role)
            .bind(5, s.field)
            .bind(6, s.time)
            .bind(7, s.level)
            .bind(8, s.verdict)
            .run();
    }
    for (const auto& p : rec.paragraphs) {  // into paragraphs and its index, through the view's trigger
        cached("INSERT INTO paragraphs_fts VALUES (?, ?, ?, ?)")
            .bind(1, p.title)
            .bind(2, p.text)
            .bind(3, rec.sha256)
            .bind(4, p.number)
            .run();
    }
    add_event(
        when, rec.objid, "ingestion", "success",
        "verification " + std::string(verify::to_string(rec.report.verdict)) + "; rebuild " + to_string(rec.rebuild));
}

void Register::add_event(const std::string& time, const std::string& objid, const std::string& type,
                         const std::string& outcome, const std::string& detail) {
    cached("INSERT INTO events(time, objid, type, outcome, detail) VALUES (?, ?, ?, ?, ?)")
        .bind(1, time)
        .bind(2, objid)
        .bind(3, type)
        .bind(4, outcome)
        .bind(5, detail)
        .run();
}

std::vector<std::pair<std::string, std::string>> Register::packages() const {
    std::vector<std::pair<std::string, std::string>> out;
    Stmt s(m_db, "SELECT objid, path FROM packages ORDER BY objid");
    while (s.step()) out.emplace_back(s.text(0), s.text(1));
    return out;
}

}  // namespace kansli::archive
