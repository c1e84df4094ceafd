// Reads: a full read pages through VTQL `query` in id order, then hands over to `sync`, which
// pages through changes and deletions. Invoice and PurchaseOrder rows carry no lines in query
// or sync answers, so each of their records is retrieved whole.
#include <Poco/NumberParser.h>
#include <Poco/StringTokenizer.h>

#include <algorithm>
#include <chrono>

#include "connector.h"
#include "mapping.h"
#include "suppliers.h"

namespace accord::plugins::vtiger {
namespace {

using sdk::ErrorKind;
using sdk::makeError;
using sdk::model::EntityType;

// A full read hands over to sync from a little before it began, so that a change made while
// it ran, or a clock a little ahead of vtiger's, is read again rather than missed.
constexpr std::int64_t kHandOverMargin = 300;

// vtiger ids "11x23" order by their record number (one sequence for every module).
std::int64_t recordNumber(const std::string& id) {
  std::size_t x = id.find('x');
  std::int64_t number = 0;
  if (x == std::string::npos || !Poco::NumberParser::tryParse64(id.substr(x + 1), number)) return 0;
  return number;
}

bool idBefore(const std::string& a, const std::string& b) {
  std::int64_t na = recordNumber(a), nb = recordNumber(b);
  return na != nb ? na < nb : a < b;
}

bool isRetryableForPage(const sdk::Error& error) {
  return error.kind != ErrorKind::permanent && error.kind != ErrorKind::not_supported;
}

// One row into the page: its record (retrieved whole when it has lines), or its error.
sdk::Result<void> addRow(Client& client, EntityType entity, Poco::JSON::Object::Ptr row,
                         sdk::Page& page, SupplierCache& suppliers) {
  std::string id = row ? row->optValue<std::string>("id", "") : "";
  if (row && hasLines(entity) && !row->has("LineItems") && !id.empty()) {
    auto whole = client.retrieve(id);
    if (!whole.ok()) {
      if (isRetryableForPage(whole.error())) return whole.error();
      page.errors.push_back({id, whole.error()});
      return {};
    }
    row = whole.value();
  }
  if (!row) {
    page.errors.push_back({"", makeError(ErrorKind::permanent,
                                         "vtiger " + std::string(moduleFor(entity)) +
                                             ": a row that is not a JSON object")});
    return {};
  }
  auto record = fromVtiger(entity, *row);
  if (!record.ok()) {
    page.errors.push_back({id, record.error()});
    return {};
  }
  if (auto* order = std::get_if<sdk::model::PurchaseOrder>(&record.value())) {
    auto linked = vendorToSupplier(client, *order, suppliers);
    if (!linked.ok() && isRetryableForPage(linked.error())) return linked.error();
    // A vendor vtiger refuses to show keeps its own id: the record is still worth having.
  }
  const auto& meta = sdk::model::metaOf(record.value());
  if (meta.status != sdk::model::RecordStatus::active) {
    page.removals.push_back({meta.id, meta.status, meta.updated_at});
    return {};
  }
  page.records.push_back(std::move(record).value());
  return {};
}

sdk::Result<sdk::Page> readFull(Client& client, EntityType entity, Cursor cursor, int size) {
  std::string vtql = "SELECT * FROM " + std::string(moduleFor(entity));
  if (!cursor.id.empty()) vtql += " WHERE id > " + vtqlQuote(cursor.id);
  vtql += " ORDER BY id LIMIT " + std::to_string(size) + ";";
  auto rows = client.query(vtql);
  if (!rows.ok()) return rows.error();
  sdk::Page page;
  SupplierCache suppliers;
  for (std::size_t i = 0; i < rows.value()->size(); ++i) {
    auto row = rows.value()->getObject(static_cast<unsigned>(i));
    if (row) cursor.id = row->optValue<std::string>("id", cursor.id);
    auto added = addRow(client, entity, row, page, suppliers);
    if (!added.ok()) return added.error();
  }
  page.more = static_cast<int>(rows.value()->size()) >= size;
  if (!page.more) cursor = Cursor{Cursor::Mode::sync, cursor.time, "", 0, ""};
  page.next_cursor = formatCursor(cursor);
  return page;
}

struct Change {
  std::string phase;  // "u" updated, "d" deleted
  std::int64_t modified = 0;
  std::string id;
  Poco::JSON::Object::Ptr row;
};

bool changeBefore(const Change& a, const Change& b) {
  if (a.phase != b.phase) return a.phase == "u";
  if (a.modified != b.modified) return a.modified < b.modified;
  return idBefore(a.id, b.id);
}

std::vector<Change> orderedChanges(const SyncAnswer& answer) {
  std::vector<Change> changes;
  for (const auto& row : answer.updated) {
    Change c{"u", 0, row ? row->optValue<std::string>("id", "") : "", row};
    if (row) {
      auto time = parseVtigerTime(row->optValue<std::string>("modifiedtime", ""));
      if (time) c.modified = time->epochMillis() / 1000;
    }
    changes.push_back(std::move(c));
  }
  for (const auto& id : answer.deleted) changes.push_back(Change{"d", 0, id, nullptr});
  std::stable_sort(changes.begin(), changes.end(), changeBefore);
  return changes;
}

sdk::Result<sdk::Page> readSync(Client& client, EntityType entity, const Cursor& cursor,
                                int size) {
  auto answer = client.sync(cursor.time, moduleFor(entity));
  if (!answer.ok()) return answer.error();
  std::vector<Change> changes = orderedChanges(answer.value());
  // Resume after the last change served: changes are ordered by a key that a later edit only
  // moves forward, so nothing is skipped when records change between two pages.
  Change last{cursor.phase, cursor.modified, cursor.id, nullptr};
  auto it = cursor.phase.empty()
                ? changes.begin()
                : std::upper_bound(changes.begin(), changes.end(), last, changeBefore);
  sdk::Page page;
  SupplierCache suppliers;
  Cursor next = cursor;
  int taken = 0;
  for (; it != changes.end() && taken < size; ++it, ++taken) {
    next.phase = it->phase, next.modified = it->modified, next.id = it->id;
    if (it->phase == "d") {
      page.removals.push_back({it->id, sdk::model::RecordStatus::deleted, std::nullopt});
      continue;
    }
    auto added = addRow(client, entity, it->row, page, suppliers);
    if (!added.ok()) return added.error();
  }
  if (it == changes.end()) {
    next = Cursor{Cursor::Mode::sync, answer->last_modified, "", 0, ""};
    page.more = answer->more;
  } else {
    page.more = true;
  }
  page.next_cursor = formatCursor(next);
  return page;
}

sdk::Result<sdk::Page> readIds(Client& client, EntityType entity,
                               const std::vector<std::string>& ids, const std::string& cursor) {
  sdk::Page page;
  SupplierCache suppliers;
  page.next_cursor = cursor;
  for (const std::string& id : ids) {
    auto row = client.retrieve(id);
    if (!row.ok()) {
      if (isRetryableForPage(row.error())) return row.error();
      page.errors.push_back({id, row.error()});
      continue;
    }
    auto added = addRow(client, entity, row.value(), page, suppliers);
    if (!added.ok()) return added.error();
  }
  return page;
}

}  // namespace

sdk::Result<Cursor> parseCursor(const std::string& text) {
  Cursor cursor;
  if (text.empty()) return cursor;
  Poco::StringTokenizer parts(text, ":");
  auto number = [&](std::size_t i, std::int64_t& out) {
    return i < parts.count() && Poco::NumberParser::tryParse64(parts[i], out);
  };
  bool ok = false;
  if (parts[0] == "full") {
    cursor.mode = Cursor::Mode::full;
    ok = parts.count() == 3 && number(1, cursor.time);
    if (ok) cursor.id = parts[2];
  } else if (parts[0] == "sync" && number(1, cursor.time)) {
    if (parts.count() == 2) ok = true;
    if (parts.count() == 5 && parts[2] == "u" && number(3, cursor.modified)) ok = true;
    if (parts.count() == 4 && parts[2] == "d") ok = true;
    if (parts.count() > 2) cursor.phase = parts[2], cursor.id = parts[parts.count() - 1];
  }
  if (!ok) {
    return makeError(ErrorKind::permanent, "vtiger cursor \"" + text + "\" is not of the form "
                                           "full:<since>:<id> or sync:<time>[:...]");
  }
  return cursor;
}

std::string formatCursor(const Cursor& c) {
  if (c.mode == Cursor::Mode::full) return "full:" + std::to_string(c.time) + ":" + c.id;
  std::string text = "sync:" + std::to_string(c.time);
  if (c.phase == "u") text += ":u:" + std::to_string(c.modified) + ":" + c.id;
  if (c.phase == "d") text += ":d:" + c.id;
  return text;
}

sdk::Result<sdk::Page> readPage(Client& client, const sdk::Clock& clock,
                                const sdk::ReadRequest& request) {
  if (request.page_size <= 0) {
    return makeError(ErrorKind::permanent,
                     "page_size must be positive, got " + std::to_string(request.page_size));
  }
  auto cursor = parseCursor(request.cursor);
  if (!cursor.ok()) return cursor.error();
  if (!request.ids.empty()) return readIds(client, request.entity, request.ids, request.cursor);
  // VTQL caps LIMIT at 100; sync answers whole seconds and is cut here.
  const int size = std::min(request.page_size, 100);
  if (request.full && cursor->mode != Cursor::Mode::full) {
    auto now = std::chrono::duration_cast<std::chrono::seconds>(
        clock.now().time_since_epoch()).count();
    cursor = Cursor{Cursor::Mode::full, std::max<std::int64_t>(0, now - kHandOverMargin), "", 0,
                    ""};
  }
  if (cursor->mode == Cursor::Mode::full) {
    return readFull(client, request.entity, cursor.value(), size);
  }
  return readSync(client, request.entity, cursor.value(), size);
}

}  // namespace accord::plugins::vtiger
