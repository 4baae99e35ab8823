// The register: one SQLite database (DIR/register.sqlite, WAL) describing every package.
//
// Schema version 3 (meta.schema_version = 3; a version 1 or 2 register is upgraded by the first
// command that opens it for writing: check, ingest, merge):
//   meta(key PK, value)
//   documents(id PK, kind, organisation, organ, date)        id: the PDF's trailer /ID[0] (hex)
//   versions(sha256 PK, document_id → documents, revisions, source, rebuild, rebuild_detail,
//            built_at, ingested)                             a version = one signed PDF's bytes
//   version_links VIEW (sha256, previous)                    previous: the version of the same
//            document with the most revisions below this one's (an ANSLAG fill or LTA renewal
//            appends revisions), whatever the order of ingest
//   packages(objid PK, version UNIQUE → versions, path, created)
//   files(objid → packages, path, mime, size, sha256; PK (objid, path))   fixity of every file
//   signatures(version, seq, signer, role, field, time, level, verdict; PK (version, seq))
//   paragraphs(version, number, title, text; PK (version, number))   rowid = search key (date,
//            organ, archive order): archive/search_schema.hpp
//   paragraphs_fts VIEW (title, text, version, number)      writers insert §§ here, never into
//            paragraphs itself: its trigger keys the row and indexes it (as in versions 1 and 2)
//   paragraph_search FTS5(title, text, version UNINDEXED, number UNINDEXED; content = paragraphs)
//            unicode61, å ä ö kept; the index only: its texts are read from paragraphs
//   package_search(key PK, objid, organ, date, kind, version, signers, first_no, last_no, n_no)
//   organs(code PK, name), signers(code PK, name)            kept by triggers, for search only
//   events(id PK, time, objid, type, outcome, detail)         ingestion, quarantine, fixity check
#pragma once

#include "archive/record.hpp"
#include "archive/stmt.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace kansli::archive {

class Register {
public:
    /// Opens DIR/register.sqlite, creating it (and DIR) with the schema when `create`. Throws
    /// core::Error (exit 2) when it cannot be opened, or has another schema version.
    static Register open(const std::string& archive_dir, bool create);
    /// Opens DIR/register.sqlite for reading only (search): no mutexes, no journal set-up. On a
    /// read-only file system (DIR not writable) it opens it immutable.
    static Register open_read_only(const std::string& archive_dir);
    ~Register();
    Register(Register&&) noexcept;
    Register& operator=(Register&&) noexcept;

    [[nodiscard]] bool has_version(const std::string& sha256) const;
    /// Opens DIR/register.sqlite for the duplicate checks of a running ingest, beside its writer:
    /// a reader of the WAL, which sees what is committed and never waits for a write transaction.
    static Register open_reader(const std::string& archive_dir);

    /// Registers a package inside a transaction the caller holds (begin() ... commit()): document
    /// (if new), version, package, files, signatures, §§ and the ingestion event. `path` is the
    /// package folder relative to DIR. Ingest registers a group of packages in one transaction
    /// (each commit writes the WAL and flushes the full-text index's pending terms as a new
    /// segment: 7 % of an ingest's time when it was one transaction per package).
    void add_rows(const Record& rec, const std::string& path, const std::vector<PackageFile>& files);
    void begin();   ///< BEGIN IMMEDIATE
    void commit();  ///< COMMIT
    void rollback() noexcept;
    void add_event(const std::string& time, const std::string& objid, const std::string& type,
                   const std::string& outcome, const std::string& detail);
    /// objid → package path, every package registered.
    [[nodiscard]] std::vector<std::pair<std::string, std::string>> packages() const;

    /// Runs `sql` (no result rows); throws core::Error (exit 2) with SQLite's message.
    void exec(const std::string& sql) const;
    [[nodiscard]] sqlite3* db() const { return m_db; }

private:
    explicit Register(sqlite3* db) : m_db(db) {}
    /// The statement for `sql` (a string literal: kept by its address), prepared on first use on
    /// this connection and reset for reuse (ingest runs the same dozen statements for every document).
    Stmt& cached(const char* sql) const;
    /// exec() of a cached statement (BEGIN, COMMIT: not parsed again for every document).
    void run(const char* sql) const;
    sqlite3* m_db = nullptr;
    mutable std::map<const char*, std::unique_ptr<Stmt>> m_stmts;  ///< finalized before the close
};

}  // namespace kansli::archive
