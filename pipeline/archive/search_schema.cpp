#include "archive/search_schema.hpp"

#include "archive/stmt.hpp"

#include <sqlite3.h>

namespace kansli::archive {

namespace {

/// The key base (date and organ bits) of the version `v`: 0 when it has no document row.
std::string base_sql(const std::string& v) {
    return "SELECT (max(0, min(65535, coalesce(CAST(julianday(d.date) - 2440587.5 AS INTEGER), 0))) << 40)"
           " | (min(o.code, 4095) << 28) AS base, d.organ AS organ, d.date AS date, d.kind AS kind"
           " FROM versions v JOIN documents d ON d.id = v.document_id JOIN organs o ON o.name = d.organ"
           " WHERE v.sha256 = " +
           v + " UNION ALL SELECT 0, '', '', '' LIMIT 1";
}

/// The next package key of (date, organ): the next multiple of 2^14 above the highest (each
/// package's §§ take the 2^14 keys from its own); past the last slot, beyond every key.
std::string next_package_key_sql() {
    return "(SELECT CASE WHEN n < k.base + 268435456 THEN n ELSE ((SELECT max(key) FROM package_search) >> 14) + 1 "
           "<< 14 END FROM (SELECT coalesce((SELECT ((key >> 14) + 1) << 14 FROM package_search WHERE key BETWEEN "
           "k.base AND k.base + 268435455 ORDER BY key DESC LIMIT 1), k.base) AS n))";
}

std::string add_organ_sql(const std::string& v) {
    return "INSERT OR IGNORE INTO organs(name) SELECT d.organ FROM versions v JOIN documents d ON d.id = "
           "v.document_id WHERE v.sha256 = " +
           v;
}

/// One package's row of package_search (its signers' codes, ",3,17,", when they are already
/// registered).
std::string add_package_sql(const std::string& objid, const std::string& v) {
    return "INSERT INTO package_search(key, objid, organ, date, kind, version, signers, first_no, last_no, n_no) "
           "SELECT " +
           next_package_key_sql() + ", " + objid + ", k.organ, k.date, k.kind, " + v +
           ", ',' || coalesce((SELECT group_concat(c.code, ',') || ',' FROM signatures s JOIN signers c ON c.name = "
           "s.signer WHERE s.version = " +
           v + "), ''), coalesce(n.lo, 0), coalesce(n.hi, -1), n.n FROM (" + base_sql(v) +
           ") k, (SELECT min(number) AS lo, max(number) AS hi, count(*) AS n FROM paragraphs WHERE version = " + v +
           ") n";
}

/// The §§ and their index (version 3): paragraphs keyed by the search key, the external-content
/// FTS5 table over it, the view writers insert into and its trigger. After package_search, which
/// the trigger reads.
constexpr const char* kParagraphSchema = R"SQL(
CREATE TABLE paragraphs(version TEXT NOT NULL REFERENCES versions(sha256), number INTEGER NOT NULL,
  title TEXT NOT NULL, text TEXT NOT NULL, PRIMARY KEY(version, number));
CREATE VIRTUAL TABLE paragraph_search USING fts5(title, text, version UNINDEXED, number UNINDEXED,
  content = 'paragraphs', tokenize = 'unicode61 remove_diacritics 0');
CREATE VIEW paragraphs_fts(title, text, version, number) AS
  SELECT title, text, version, number FROM paragraphs;
CREATE TRIGGER paragraphs_fts_insert INSTEAD OF INSERT ON paragraphs_fts
 WHEN NOT EXISTS (SELECT 1 FROM paragraphs WHERE version = NEW.version AND number = NEW.number) BEGIN
  INSERT INTO paragraphs(rowid, version, number, title, text)
    SELECT CASE WHEN k.n < 16384 THEN k.key | k.n END, NEW.version, NEW.number, NEW.title, NEW.text
    FROM (SELECT key, n_no AS n FROM package_search WHERE version = NEW.version UNION ALL SELECT 0, 16384 LIMIT 1) k;
  INSERT INTO paragraph_search(rowid, title, text, version, number)
    VALUES (last_insert_rowid(), NEW.title, NEW.text, NEW.version, NEW.number);
  UPDATE package_search SET first_no = CASE n_no WHEN 0 THEN NEW.number ELSE min(first_no, NEW.number) END,
    last_no = CASE n_no WHEN 0 THEN NEW.number ELSE max(last_no, NEW.number) END, n_no = n_no + 1
   WHERE version = NEW.version;
END;
)SQL";

std::string make_schema() {
    return R"SQL(
CREATE TABLE organs(code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE signers(code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE package_search(key INTEGER PRIMARY KEY, objid TEXT NOT NULL, organ TEXT NOT NULL, date TEXT NOT NULL,
  kind TEXT NOT NULL, version TEXT NOT NULL, signers TEXT NOT NULL, first_no INTEGER NOT NULL,
  last_no INTEGER NOT NULL, n_no INTEGER NOT NULL);
CREATE INDEX package_search_version ON package_search(version);
CREATE INDEX package_search_filter ON package_search(key, first_no, last_no, n_no);
CREATE INDEX package_search_signers ON package_search(key, first_no, last_no, n_no, signers);
CREATE INDEX package_search_organ ON package_search((key >> 28) & 4095, key, first_no, last_no, n_no);
CREATE TRIGGER package_search_insert AFTER INSERT ON packages BEGIN
  )SQL" + add_organ_sql("NEW.version") +
           ";\n  " + add_package_sql("NEW.objid", "NEW.version") + R"SQL(;
END;
CREATE TRIGGER package_search_signer AFTER INSERT ON signatures BEGIN
  INSERT OR IGNORE INTO signers(name) VALUES (NEW.signer);
  UPDATE package_search SET signers = signers || (SELECT code FROM signers WHERE name = NEW.signer) || ','
   WHERE version = NEW.version;
END;
)SQL" + kParagraphSchema;
}

/// One step of an upgrade: any failure ends it (the caller's transaction rolls it back).
void upgrade_step(sqlite3* db, const std::string& sql) {
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        sqlite_fail(db, "cannot upgrade the register to schema version 3");
    }
}

/// Version 1 had an FTS5 table paragraphs_fts in insertion order and no package rows: every search
/// structure is derived again from the base tables, in the order of registration, as ingest would
/// have written them.
void migrate_from_v1(sqlite3* db) {
    upgrade_step(db, "DROP TABLE paragraphs_fts; DROP TABLE paragraphs");
    upgrade_step(db, search_schema());
    upgrade_step(
        db,
        "INSERT OR IGNORE INTO organs(name) SELECT d.organ FROM packages p JOIN versions v ON v.sha256 = p.version "
        "JOIN documents d ON d.id = v.document_id ORDER BY p.rowid");
    upgrade_step(db, "INSERT OR IGNORE INTO signers(name) SELECT signer FROM signatures ORDER BY rowid");
    {
        Stmt all(db, "SELECT objid, version FROM packages ORDER BY rowid");
        while (all.step()) {
            Stmt(db, add_package_sql("?1", "?2")).bind(1, all.text(0)).bind(2, all.text(1)).run();
        }
    }
    // The §§ after their packages (their keys come from them), each package's in the order they
    // were registered; a § of no package (none is written so) is kept, keyed beyond all others.
    upgrade_step(db,
                 "INSERT INTO paragraphs_fts(title, text, version, number) SELECT o.title, o.text, o.version, o.number "
                 "FROM temp.paragraphs_before_v3 o LEFT JOIN packages p ON p.version = o.version "
                 "ORDER BY p.rowid IS NULL, p.rowid, o.r");
}

/// Version 2 keyed the §§ in its FTS5 table, which held a second copy of their texts: the package
/// rows and codes stay; each § keeps its key, now as its paragraphs rowid, and the index is built
/// again from paragraphs. A (version, number) the index held twice (paragraphs held it once) keeps
/// its first key; a § the index lacked is keyed beyond all others; the counts follow paragraphs.
void migrate_from_v2(sqlite3* db) {
    upgrade_step(
        db,
        "DROP VIEW paragraphs_fts; DROP TABLE paragraphs; "
        "CREATE TEMP TABLE search_keys(key INTEGER PRIMARY KEY, version TEXT, number INTEGER); "
        "INSERT INTO search_keys SELECT rowid, version, number FROM paragraph_search; DROP TABLE paragraph_search; "
        "CREATE INDEX temp.search_keys_paragraph ON search_keys(version, number, key)");
    upgrade_step(db, kParagraphSchema);
    upgrade_step(
        db,
        "INSERT INTO paragraphs(rowid, version, number, title, text) SELECT (SELECT min(k.key) FROM search_keys k "
        "WHERE k.version = o.version AND k.number = o.number) AS key, o.version, o.number, o.title, o.text "
        "FROM temp.paragraphs_before_v3 o ORDER BY key IS NULL, key, o.r");
    upgrade_step(db,
                 "INSERT INTO paragraph_search(paragraph_search) VALUES ('rebuild'); DROP TABLE temp.search_keys; "
                 "UPDATE package_search SET n_no = (SELECT count(*) FROM paragraphs p WHERE p.version = "
                 "package_search.version)");
}

}  // namespace

const std::string& search_schema() {
    static const std::string s = make_schema();
    return s;
}

void migrate_search_schema(sqlite3* db, const std::string& from) {
    // The §§ as registered, aside while their tables are made again (not renamed: SQLite would
    // rewrite the triggers that read paragraphs to read the old table).
    upgrade_step(
        db,
        "CREATE TEMP TABLE paragraphs_before_v3 AS SELECT rowid AS r, version, number, title, text FROM paragraphs");
    if (from == "1") {
        migrate_from_v1(db);
    } else {
        migrate_from_v2(db);
    }
    upgrade_step(db, "DROP TABLE temp.paragraphs_before_v3; UPDATE meta SET value = '3' WHERE key = 'schema_version'");
}

}  // namespace kansli::archive
