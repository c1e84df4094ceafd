#include "store/store.h"

#include <fcntl.h>
#include <unistd.h>

#include <system_error>

#include "store/migrations.h"

namespace accord::store {

Result<std::unique_ptr<Store>> Store::open(const std::filesystem::path& path, StoreOptions options) {
  static const SystemClock kSystemClock;
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    if (ec) {
      return sdk::makeError(ErrorKind::invalid_config, path.string() +
                                                           ": cannot create its directory: " +
                                                           ec.message());
    }
  }
  // Customer data: a new file is private to its owner (SQLite gives -wal and -shm the same mode).
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) ::close(fd);
  auto db = Database::open(path, options.database);
  if (!db) return db.error();
  auto version = migrate(db.value());
  if (!version) return version.error();
  const sdk::Clock* clock = options.clock ? options.clock : &kSystemClock;
  return std::unique_ptr<Store>(new Store(std::move(db.value()), clock, version.value()));
}

}  // namespace accord::store
