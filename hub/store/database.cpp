#include "store/database.h"

#include <sqlite3.h>

#include <atomic>

namespace accord::store {
namespace {

ErrorKind kindOf(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ErrorKind::retryable;
    default:
      return ErrorKind::permanent;
  }
}

Error sqliteError(sqlite3* db, const std::string& path, std::string_view what, int rc) {
  std::string message = path + ": " + std::string(what) + ": ";
  message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  return sdk::makeError(kindOf(rc), std::move(message));
}

}  // namespace

// ---- Statement ----

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      path_(std::move(other.path_)),
      bind_error_(other.bind_error_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    path_ = std::move(other.path_);
    bind_error_ = other.bind_error_;
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::remember(int rc) {
  if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
}

Statement& Statement::bind(int index, std::int64_t value) {
  remember(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Statement& Statement::bind(int index, double value) {
  remember(sqlite3_bind_double(stmt_, index, value));
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  // A default-constructed string_view has a null data(), which SQLite binds as NULL; text is
  // never NULL here (that is bind(index, std::nullopt)), so it binds as the empty string.
  const char* data = text.data() != nullptr ? text.data() : "";
  remember(sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
  return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
  remember(sqlite3_bind_null(stmt_, index));
  return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes) {
  remember(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
  return *this;
}

Result<bool> Statement::step() {
  if (bind_error_ != 0) {
    return sqliteError(nullptr, path_, std::string("binding ") + sqlite3_sql(stmt_), bind_error_);
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqliteError(db_, path_, sqlite3_sql(stmt_), rc);
}

Result<void> Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.error();
    if (!row.value()) return {};
  }
}

bool Statement::isNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::columnInt(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::columnDouble(int column) const { return sqlite3_column_double(stmt_, column); }

std::string Statement::columnText(int column) const {
  const void* data = sqlite3_column_blob(stmt_, column);
  const int size = sqlite3_column_bytes(stmt_, column);
  if (data == nullptr) return {};
  return std::string(static_cast<const char*>(data), static_cast<std::size_t>(size));
}

std::optional<std::string> Statement::columnOptText(int column) const {
  if (isNull(column)) return std::nullopt;
  return columnText(column);
}

std::optional<std::int64_t> Statement::columnOptInt(int column) const {
  if (isNull(column)) return std::nullopt;
  return columnInt(column);
}

// ---- Database ----

Result<Database> Database::open(const std::filesystem::path& path, const DatabaseOptions& options) {
  sqlite3* raw = nullptr;
  const std::string name = path.string();
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    Error error = sqliteError(raw, name, "cannot open the database", rc);
    sqlite3_close(raw);
    return error;
  }
  Database db(raw, name);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  // WAL: readers never block the writer, and a killed writer leaves the file consistent.
  auto mode = db.prepare("PRAGMA journal_mode=WAL");
  if (!mode) return mode.error();
  auto row = mode->step();
  if (!row) return row.error();
  if (!row.value() || mode->columnText(0) != "wal") {
    return sdk::makeError(ErrorKind::permanent,
                          name + ": cannot switch the database to WAL mode (is it on a network "
                                 "file system or read-only?)");
  }
  ACCORD_STORE_TRY(db.exec(std::string("PRAGMA foreign_keys=ON; PRAGMA synchronous=") +
                           (options.synchronous_full ? "FULL" : "NORMAL") + ";"));
  return db;
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), path_(std::move(other.path_)) {}

Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    path_ = std::move(other.path_);
  }
  return *this;
}

Database::~Database() { sqlite3_close_v2(db_); }

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return sqliteError(db_, path_, "preparing " + std::string(sql), rc);
  }
  return Statement(db_, stmt, path_);
}

Result<void> Database::exec(std::string_view sql) {
  const std::string text(sql);
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string detail = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    return sdk::makeError(kindOf(rc), path_ + ": " + detail);
  }
  return {};
}

std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(db_); }

int Database::changes() const { return sqlite3_changes(db_); }

bool Database::inTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

Error Database::lastError(std::string_view what) const {
  return sqliteError(db_, path_, what, sqlite3_errcode(db_));
}

// ---- Transaction ----

Result<Transaction> Transaction::begin(Database& db) {
  static std::atomic<unsigned> counter{0};
  if (db.inTransaction()) {
    std::string name = "accord_sp" + std::to_string(counter++);
    ACCORD_STORE_TRY(db.exec("SAVEPOINT " + name));
    return Transaction(&db, true, std::move(name));
  }
  ACCORD_STORE_TRY(db.exec("BEGIN IMMEDIATE"));
  return Transaction(&db, false, {});
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      nested_(other.nested_),
      name_(std::move(other.name_)),
      done_(std::exchange(other.done_, true)) {}

Transaction::~Transaction() {
  if (done_ || db_ == nullptr) return;
  // Rollback failures leave nothing to do: SQLite rolls back itself when it cannot.
  if (nested_) {
    (void)db_->exec("ROLLBACK TO " + name_ + "; RELEASE " + name_);
  } else if (db_->inTransaction()) {
    (void)db_->exec("ROLLBACK");
  }
}

Result<void> Transaction::commit() {
  done_ = true;
  if (nested_) return db_->exec("RELEASE " + name_);
  auto result = db_->exec("COMMIT");
  if (!result && db_->inTransaction()) (void)db_->exec("ROLLBACK");
  return result;
}

}  // namespace accord::store
