#include "portal/db.hpp"

#include "core/diagnostic.hpp"

#include <filesystem>
#include <sqlite3.h>

namespace kansli::portal {
namespace {

// Users, sessions, documents with versions, signing tasks, comments, the audit log (hash chain,
// portal/audit.hpp) and the registrar's verification reports. Ids shown to clients are random hex.
constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS users(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
  person TEXT NOT NULL, pwhash TEXT NOT NULL, has_cert INTEGER NOT NULL DEFAULT 0, has_key INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS sessions(token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
  csrf TEXT NOT NULL, expires INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS documents(id TEXT PRIMARY KEY, title TEXT NOT NULL, kind TEXT NOT NULL,
  state TEXT NOT NULL, version INTEGER NOT NULL, created_by TEXT NOT NULL, created INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS versions(doc_id TEXT NOT NULL REFERENCES documents(id), n INTEGER NOT NULL,
  state TEXT NOT NULL, pages INTEGER NOT NULL DEFAULT 0, sha256 TEXT NOT NULL DEFAULT '', created INTEGER NOT NULL,
  PRIMARY KEY(doc_id, n));
CREATE TABLE IF NOT EXISTS tasks(doc_id TEXT NOT NULL, version INTEGER NOT NULL, seq INTEGER NOT NULL,
  role TEXT NOT NULL, field TEXT NOT NULL, person TEXT NOT NULL, state TEXT NOT NULL, done_by TEXT NOT NULL DEFAULT '',
  done_at INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(doc_id, version, seq));
CREATE TABLE IF NOT EXISTS comments(id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, version INTEGER NOT NULL,
  author TEXT NOT NULL, time INTEGER NOT NULL, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit(seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, who TEXT NOT NULL,
  what TEXT NOT NULL, object TEXT NOT NULL, sha256 TEXT NOT NULL, prev TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE IF NOT EXISTS reports(id TEXT PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL,
  created INTEGER NOT NULL, json TEXT NOT NULL);
)SQL";

}  // namespace

Db::Db(const std::string& data_dir) {
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) core::throw_io(data_dir, "cannot create the data folder: " + ec.message());
    std::filesystem::permissions(data_dir, std::filesystem::perms::owner_all, ec);
    const std::string path = data_dir + "/portal.sqlite";
    if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        const std::string msg = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        core::throw_io(path, "cannot open the portal database: " + msg);
    }
    sqlite3_busy_timeout(m_db, 5000);
    exec("PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;");
    exec(kSchema);
}

Db::~Db() { sqlite3_close(m_db); }

void Db::exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        const std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        core::throw_io("portal.sqlite", "database error: " + msg);
    }
}

Tx::Tx(Db& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }
Tx::~Tx() {
    if (!m_done) sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}
void Tx::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

}  // namespace kansli::portal
