#include "store/page.h"

#include "store/cursors.h"
#include "store/id_map.h"

namespace accord::store {
namespace {

Error atItem(const PageWrite& page, const PageItem& item, const Error& error) {
  Error out = error;
  out.message = "page of connection " + std::to_string(page.connection_id) + " " + page.entity +
                ", item '" + item.external_id + "': " + error.message;
  return out;
}

Result<PutResult> writeItem(StoreContext ctx, const PageWrite& page, OrgId org,
                            const PageItem& item) {
  PutResult result{item.record_id, PutOutcome::unchanged, 0};
  std::string pulled_hash = item.pulled_hash;
  if (item.put) {
    RecordPut put = *item.put;
    if (put.org_id == 0) put.org_id = org;
    if (put.entity.empty()) put.entity = page.entity;
    if (!put.source) put.source = page.connection_id;
    if (!put.run) put.run = page.run;
    if (pulled_hash.empty()) pulled_hash = put.content_hash;
    auto written = Records(ctx).put(put);
    if (!written) return written.error();
    result = written.value();
  } else if (item.record_id.empty()) {
    return sdk::makeError(ErrorKind::permanent, "an item without a record needs its record id");
  }
  IdMap map(ctx);
  const ExternalKey key{page.connection_id, page.entity, item.external_id};
  auto linked = map.link(key, result.id);
  if (!linked) return linked.error();
  if (!pulled_hash.empty()) {
    ACCORD_STORE_TRY(map.markPulled(key, pulled_hash, item.remote_updated_at));
  }
  return result;
}

}  // namespace

Result<PageOutcome> writePage(StoreContext ctx, const PageWrite& page) {
  auto tx = Transaction::begin(ctx.db);
  if (!tx) return tx.error();
  auto org = firstRow<OrgId>(
      ctx.db.prepare("SELECT org_id FROM connections WHERE id = ?1", page.connection_id),
      [](const Statement& st) { return st.columnInt(0); });
  if (!org) return org.error();
  if (!org.value()) return notFound("no connection with id " + std::to_string(page.connection_id));
  PageOutcome outcome;
  for (const PageItem& item : page.items) {
    auto result = writeItem(ctx, page, *org.value(), item);
    if (!result) return atItem(page, item, result.error());
    switch (result->outcome) {
      case PutOutcome::created: ++outcome.created; break;
      case PutOutcome::updated: ++outcome.updated; break;
      case PutOutcome::unchanged: ++outcome.unchanged; break;
    }
    outcome.results.push_back(std::move(result.value()));
  }
  if (page.cursor) {
    ACCORD_STORE_TRY(Cursors(ctx).set(page.connection_id, page.entity, *page.cursor));
  }
  ACCORD_STORE_TRY(tx->commit());
  return outcome;
}

}  // namespace accord::store
