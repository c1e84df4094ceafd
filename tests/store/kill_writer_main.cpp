// The kill test's writer: writes pages forever, resuming from the stored cursor, and prints
// each committed page number on stdout. The test SIGKILLs it at random points.
// Usage: store_kill_writer DB_PATH SEED
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kill_pages.h"

using namespace accord::store;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: store_kill_writer DB_PATH SEED\n");
    return 2;
  }
  const std::uint64_t seed = std::stoull(argv[2]);
  StoreOptions options;
  options.database.synchronous_full = false;  // a killed process loses nothing in WAL mode
  auto store = Store::open(argv[1], options);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().describe().c_str());
    return 1;
  }
  auto connection = testing::kill::ensureConnection(*store.value());
  if (!connection) {
    std::fprintf(stderr, "%s\n", connection.error().describe().c_str());
    return 1;
  }
  for (;;) {
    auto cursor = store.value()->cursors().get(connection.value(), testing::kill::kEntity);
    if (!cursor) {
      std::fprintf(stderr, "%s\n", cursor.error().describe().c_str());
      return 1;
    }
    const int next = testing::kill::pageOf(cursor.value()) + 1;
    auto written = testing::kill::writePage(*store.value(), connection.value(), seed, next);
    if (!written) {
      std::fprintf(stderr, "page %d: %s\n", next, written.error().describe().c_str());
      return 1;
    }
    std::printf("%d\n", next);
    std::fflush(stdout);
  }
}
