// The one SQLite prepared-statement wrapper: the archive's register and the portal's database.
#pragma once

#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace kansli::archive {

/// A prepared statement: bind by position (1-based), step, read columns. Errors throw
/// core::Error (exit 2) naming the database file and SQLite's message.
class Stmt {
public:
    Stmt(sqlite3* db, const std::string& sql);
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt& bind(int i, const std::string& v);
    Stmt& bind(int i, long long v);
    /// True while there is a row; throws core::Error on an error.
    bool step();
    void run() { step(); }
    /// Ready to run again (sqlite3_reset, bindings cleared): a statement prepared once and reused.
    Stmt& reset();
    [[nodiscard]] std::string text(int col) const;
    [[nodiscard]] long long integer(int col) const;
    [[nodiscard]] sqlite3_stmt* handle() const { return m_stmt; }

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

/// Throws core::Error (exit 2): "FILE: what: SQLite's message" (FILE: the database's file name).
[[noreturn]] void sqlite_fail(sqlite3* db, const std::string& what);

}  // namespace kansli::archive
