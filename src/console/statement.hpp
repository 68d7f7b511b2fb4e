#pragma once
// A prepared SQLite statement that finalizes itself; binds by position from 1.
#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace herald::console {

class Statement {
public:
    Statement(sqlite3* db, const char* sql) : db_(db) { ok_ = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) == SQLITE_OK; }
    ~Statement() { sqlite3_finalize(stmt_); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return ok_; }
    Statement& bind(int i, std::string_view v) {
        ok_ = ok_ && sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) == SQLITE_OK;
        return *this;
    }
    Statement& bind(int i, int64_t v) {
        ok_ = ok_ && sqlite3_bind_int64(stmt_, i, v) == SQLITE_OK;
        return *this;
    }
    Statement& bind_double(int i, double v) {
        ok_ = ok_ && sqlite3_bind_double(stmt_, i, v) == SQLITE_OK;
        return *this;
    }
    Statement& bind_null(int i) {
        ok_ = ok_ && sqlite3_bind_null(stmt_, i) == SQLITE_OK;
        return *this;
    }
    // SQLITE_ROW, SQLITE_DONE, or an error code (then ok() is false).
    int step() {
        if (!ok_) return SQLITE_ERROR;
        const int rc = sqlite3_step(stmt_);
        if (rc != SQLITE_ROW && rc != SQLITE_DONE) ok_ = false;
        return rc;
    }
    bool run() { return step() == SQLITE_DONE; }
    void reset() {
        sqlite3_reset(stmt_);
        sqlite3_clear_bindings(stmt_);
    }
    int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }
    double real(int col) const { return sqlite3_column_double(stmt_, col); }
    bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
    std::string text(int col) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
        return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string();
    }
    std::string error() const { return sqlite3_errmsg(db_); }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    bool ok_ = false;
};

}  // namespace herald::console
