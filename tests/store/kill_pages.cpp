#include "kill_pages.h"

#include <random>
#include <set>

namespace accord::store::testing::kill {
namespace {
constexpr int kItemsPerPage = 40;
}

std::vector<Item> pageItems(std::uint64_t seed, int n) {
  std::mt19937_64 rng(seed * 1'000'003 + static_cast<std::uint64_t>(n));
  // The pool of ids grows with n, so each page mixes updates of old records with new ones.
  const std::uint64_t pool = 30 + 25 * static_cast<std::uint64_t>(n);
  std::set<std::uint64_t> picked;
  while (static_cast<int>(picked.size()) < kItemsPerPage) picked.insert(rng() % pool);
  std::vector<Item> items;
  for (std::uint64_t id : picked) {
    const std::string ext = "E" + std::to_string(id);
    const std::string hash = "h-" + std::to_string(n) + "-" + ext;
    // A body of some size, so a page's transaction spans many database pages.
    const std::string body = R"({"ext":")" + ext + R"(","page":)" + std::to_string(n) +
                             R"(,"pad":")" + std::string(200 + rng() % 300, 'x') + R"("})";
    items.push_back({ext, hash, body});
  }
  return items;
}

std::map<std::string, Expected> replay(std::uint64_t seed, int pages) {
  std::map<std::string, Expected> out;
  for (int n = 1; n <= pages; ++n) {
    for (const Item& item : pageItems(seed, n)) {
      Expected& e = out[item.external_id];
      e.hash = item.hash;
      e.body = item.body;
      ++e.version;
    }
  }
  return out;
}

std::string cursorFor(int n) { return "page:" + std::to_string(n); }

int pageOf(const std::optional<std::string>& cursor) {
  if (!cursor) return 0;
  return std::stoi(cursor->substr(5));
}

Result<ConnectionId> ensureConnection(Store& store) {
  auto org = store.organisations().find(kOrg);
  if (!org) return org.error();
  OrgId org_id = 0;
  if (org.value()) {
    org_id = org.value()->id;
  } else {
    auto added = store.organisations().add("Kill Test", kOrg);
    if (!added) return added.error();
    org_id = added->id;
  }
  auto conn = store.connections().find(org_id, kConnection);
  if (!conn) return conn.error();
  if (conn.value()) return conn.value()->id;
  NewConnection spec;
  spec.org_id = org_id;
  spec.plugin = "csv";
  spec.name = kConnection;
  auto added = store.connections().add(spec, nullptr);
  if (!added) return added.error();
  return added->id;
}

Result<void> writePage(Store& store, ConnectionId connection, std::uint64_t seed, int n) {
  auto tx = store.transaction();
  if (!tx) return tx.error();
  PageWrite page;
  page.connection_id = connection;
  page.entity = kEntity;
  page.cursor = cursorFor(n);
  for (const Item& item : pageItems(seed, n)) {
    auto link = store.idMap().byExternal({connection, kEntity, item.external_id});
    if (!link) return link.error();
    PageItem pi;
    pi.external_id = item.external_id;
    pi.put = RecordPut{};
    pi.put->id = link.value() ? link.value()->record_id : newRecordId();
    pi.put->content_hash = item.hash;
    pi.put->body = item.body;
    page.items.push_back(std::move(pi));
  }
  auto written = store.writePage(page);
  if (!written) return written.error();
  return tx->commit();
}

}  // namespace accord::store::testing::kill
