// A small RAII layer over the sqlite3 C API: one Database per connection, Statements that bind
// positional parameters and step, and Transactions that nest (SAVEPOINT inside BEGIN).
//
// Threading: a Database and everything prepared from it belong to one thread at a time (the
// connection is opened in SQLite's multi-thread mode). Several processes and several Database
// objects may share one file: WAL lets readers run beside the single writer, and the busy
// timeout makes a second writer wait instead of failing at once.
//
// Errors are values: every call that touches SQLite returns Result, with the database path and
// SQLite's own message in the text. SQLITE_BUSY/LOCKED map to ErrorKind::retryable.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accord/sdk/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace accord::store {

using sdk::Error;
using sdk::ErrorKind;
using sdk::Result;

struct DatabaseOptions {
  int busy_timeout_ms = 5000;
  // FULL: a commit survives power loss, which push intents need (they are recorded before the
  // app is called). NORMAL is enough for tests that only kill processes.
  bool synchronous_full = true;
};

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::string path) noexcept
      : db_(db), stmt_(stmt), path_(std::move(path)) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based, as in SQL's ?1. A bind failure is reported by the next step().
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, std::nullopt_t);
  template <typename T>
  Statement& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }
  Statement& bindBlob(int index, std::string_view bytes);

  // true when a row is available; false when the statement is done.
  Result<bool> step();
  // Steps to completion, ignoring any rows.
  Result<void> run();

  bool isNull(int column) const;
  std::int64_t columnInt(int column) const;
  double columnDouble(int column) const;
  std::string columnText(int column) const;  // also reads blobs, byte for byte
  std::optional<std::string> columnOptText(int column) const;
  std::optional<std::int64_t> columnOptInt(int column) const;

 private:
  void remember(int rc);
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::string path_;
  int bind_error_ = 0;
};

class Database {
 public:
  // Opens (creating if needed) with WAL, foreign keys on and the busy timeout. Does not migrate:
  // Store::open does that.
  static Result<Database> open(const std::filesystem::path& path, const DatabaseOptions& options = {});

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  Result<Statement> prepare(std::string_view sql);
  // Prepares and binds args to ?1, ?2, ...
  template <typename... Args>
  Result<Statement> prepare(std::string_view sql, const Args&... args) {
    auto st = prepare(sql);
    if (!st) return st;
    int index = 0;
    (st->bind(++index, args), ...);
    return st;
  }
  // Runs one or more statements that return no rows (migrations, pragmas).
  Result<void> exec(std::string_view sql);
  // Prepares, binds and runs a statement that returns no rows.
  template <typename... Args>
  Result<void> run(std::string_view sql, const Args&... args) {
    auto st = prepare(sql, args...);
    if (!st) return st.error();
    return st->run();
  }

  std::int64_t lastInsertId() const;
  int changes() const;  // rows changed by the last statement
  bool inTransaction() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

  // "<path>: <what>: <sqlite message>" with the kind SQLite's last error code suggests.
  Error lastError(std::string_view what) const;

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_ = nullptr;
  std::string path_;
};

// BEGIN IMMEDIATE (the write lock is taken up front, so a transaction never fails half-way on a
// lock upgrade), or a SAVEPOINT when one is already open, so repository operations that are
// atomic on their own stay atomic inside a larger one (Store::writePage). Rolls back on
// destruction unless committed.
class Transaction {
 public:
  static Result<Transaction> begin(Database& db);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();
  Result<void> commit();

 private:
  Transaction(Database* db, bool nested, std::string name)
      : db_(db), nested_(nested), name_(std::move(name)) {}
  Database* db_ = nullptr;
  bool nested_ = false;
  std::string name_;
  bool done_ = false;
};

// Steps a prepared statement to the end, reading each row with read(const Statement&).
template <typename T, typename Read>
Result<std::vector<T>> collectRows(Result<Statement> st, Read read) {
  if (!st) return st.error();
  std::vector<T> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.error();
    if (!row.value()) return out;
    out.push_back(read(st.value()));
  }
}

// The first row read with read(const Statement&), or nullopt when there is none.
template <typename T, typename Read>
Result<std::optional<T>> firstRow(Result<Statement> st, Read read) {
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  if (!row.value()) return std::optional<T>{};
  return std::optional<T>(read(st.value()));
}

}  // namespace accord::store

// Returns the error of a failed Result<void> (or Result<T>) from the enclosing function.
#define ACCORD_STORE_TRY(expr)              \
  do {                                      \
    if (auto accord_r_ = (expr); !accord_r_) \
      return accord_r_.error();             \
  } while (0)
