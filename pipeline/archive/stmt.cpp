#include "archive/stmt.hpp"

#include "core/diagnostic.hpp"

#include <filesystem>
#include <sqlite3.h>

namespace kansli::archive {

void sqlite_fail(sqlite3* db, const std::string& what) {
    const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
    const std::string name = file && *file ? std::filesystem::path(file).filename().string() : "database";
    core::throw_io(name, what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

Stmt::Stmt(sqlite3* db, const std::string& sql) : m_db(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &m_stmt, nullptr) != SQLITE_OK)
        sqlite_fail(db, "cannot prepare a query");
}
Stmt::~Stmt() { sqlite3_finalize(m_stmt); }
Stmt& Stmt::bind(int i, const std::string& v) {
    sqlite3_bind_text(m_stmt, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind(int i, long long v) {
    sqlite3_bind_int64(m_stmt, i, v);
    return *this;
}
bool Stmt::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite_fail(m_db, "query failed");
}
std::string Stmt::text(int col) const {
    const auto* p = sqlite3_column_text(m_stmt, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col)))
             : std::string();
}
Stmt& Stmt::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    return *this;
}
long long Stmt::integer(int col) const { return sqlite3_column_int64(m_stmt, col); }

}  // namespace kansli::archive
