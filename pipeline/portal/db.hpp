// INTERNAL to portal/: the portal's SQLite database (DIR/portal.sqlite): one connection, used
// under one mutex (the portal's state changes are small; verification never touches it).
#pragma once

#include "archive/stmt.hpp"

#include <mutex>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace kansli::portal {

using archive::Stmt;  // the one SQLite statement wrapper

class Db final {
public:
    /// Opens (creating the tables when new) DIR/portal.sqlite. Throws core::Error (exit 2).
    explicit Db(const std::string& data_dir);
    ~Db();
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;

    [[nodiscard]] sqlite3* handle() const { return m_db; }
    void exec(const std::string& sql);
    /// Every use of the connection holds this lock.
    std::mutex& mutex() { return m_mutex; }

private:
    sqlite3* m_db = nullptr;
    std::mutex m_mutex;
};

/// RAII transaction (BEGIN IMMEDIATE … COMMIT, rolled back when not committed).
class Tx final {
public:
    explicit Tx(Db& db);
    ~Tx();
    void commit();

private:
    Db& m_db;
    bool m_done = false;
};

}  // namespace kansli::portal
