#include "store/store.h"

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
  auto db = Database::open(path, options.database);
  if (!db) return db.error();
  auto version = migrate(db.value());
  if (!version) return version.error();
  const sdk::Clock* clock = options.clock ? options.clock : &kSystemClock;
  return std::unique_ptr<Store>(new Store(std::move(db.value()), clock, version.value()));
}

}  // namespace accord::store
