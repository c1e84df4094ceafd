#include "connector.h"

#include <Poco/SHA1Engine.h>
#include <Poco/UUIDGenerator.h>

#include <algorithm>
#include <map>
#include <set>

#include "config.h"
#include "mapping.h"

namespace accord::plugins::csv {
namespace {

using sdk::ErrorKind;
using sdk::makeError;
using sdk::Timestamp;
using sdk::model::EntityType;

// One entity's file, loaded: its table and its modification time.
struct LoadedFile {
  std::filesystem::path path;
  std::string name;
  Table table;
  Timestamp modified;
  bool exists = false;
  // Saved by someone else since this plugin last wrote it, so any row may have changed
  // whatever its updated_at says. The plugin's own saves set the file's modification time to
  // the newest updated_at in it; a later time means a person or another program saved it.
  bool edited_outside = false;
};

std::optional<Timestamp> newestStamp(const Table& table) {
  HeaderIndex header(table.header);
  std::optional<Timestamp> newest;
  for (const Row& row : table.rows) {
    if (row.error) continue;
    auto time = Timestamp::parse(cellValue(header, row, kUpdatedAtColumn));
    if (time && (!newest || *newest < *time)) newest = time;
  }
  return newest;
}

sdk::Result<LoadedFile> loadFile(const CsvConfig& config, EntityType entity,
                                 const sdk::Clock& clock) {
  LoadedFile file;
  file.path = config.fileFor(entity);
  file.name = file.path.filename().string();
  if (file.path.empty()) {
    return makeError(ErrorKind::not_supported,
                     "csv carries organizations and people, not " +
                         std::string(sdk::model::toString(entity)));
  }
  auto snapshot = readFile(file.path);
  if (!snapshot.ok()) return snapshot.error();
  file.modified = Timestamp::fromTimePoint(clock.now());
  if (!snapshot.value()) {
    file.table.header = defaultHeader(entity);
    return file;
  }
  file.exists = true;
  file.modified = Timestamp::fromTimePoint((*snapshot.value()).modified);
  auto table = parseTable((*snapshot.value()).text, config.delimiter);
  if (!table.ok()) {
    return makeError(ErrorKind::permanent, file.name + ": " + table.error().message);
  }
  file.table = std::move(table).value();
  if (file.table.header.empty()) file.table.header = defaultHeader(entity);
  std::optional<Timestamp> newest = newestStamp(file.table);
  file.edited_outside = !newest || *newest < file.modified;
  return file;
}

// Saves the file with the newest updated_at as its modification time (see edited_outside).
sdk::Result<void> saveFile(const CsvConfig& config, const LoadedFile& file) {
  std::optional<Timestamp> newest = newestStamp(file.table);
  return writeFileAtomically(file.path, formatTable(file.table, config.delimiter),
                             (newest ? *newest : file.modified).timePoint());
}

std::string randomId() { return Poco::UUIDGenerator::defaultGenerator().createRandom().toString(); }

// The same retried batch names its creates the same, so a replay finds them already there.
std::string idForCreate(const std::string& idempotency_key, std::size_t index) {
  if (idempotency_key.empty()) return randomId();
  static const Poco::UUID kNamespace("6f1c2e0a-4b8d-5e36-9a7f-0c5d3b2a1e94");
  Poco::SHA1Engine sha1;
  return Poco::UUIDGenerator::defaultGenerator()
      .createFromName(kNamespace, idempotency_key + "#" + std::to_string(index), sha1,
                      Poco::UUID::UUID_NAME_BASED_SHA1)
      .toString();
}

// Rows typed in by hand get an id, written back so that it never changes. True if any did.
bool assignIds(LoadedFile& file) {
  for (std::string_view column : {kIdColumn, kStatusColumn, kCreatedAtColumn, kUpdatedAtColumn}) {
    HeaderIndex::ensure(file.table, column);
  }
  HeaderIndex header(file.table.header);
  bool changed = false;
  for (Row& row : file.table.rows) {
    if (row.error || !cellValue(header, row, kIdColumn).empty()) continue;
    setCell(file.table, row, kIdColumn, randomId());
    changed = true;
  }
  return changed;
}

// Before a rewrite: rows the file's modification time speaks for (all of them after an outside
// edit, else those without updated_at) get it written down, so the rewrite loses no change.
bool pinTimes(LoadedFile& file) {
  HeaderIndex header(file.table.header);
  const std::string modified = file.modified.toString();
  bool changed = false;
  for (Row& row : file.table.rows) {
    if (row.error) continue;
    std::string current = cellValue(header, row, kUpdatedAtColumn);
    if ((file.edited_outside || current.empty()) && current != modified) {
      setCell(file.table, row, kUpdatedAtColumn, modified);
      changed = true;
    }
  }
  file.edited_outside = false;
  return changed;
}

struct Position {
  std::int64_t millis = 0;
  std::string id;
  friend auto operator<=>(const Position&, const Position&) = default;
};

std::string formatCursor(const Position& p) { return std::to_string(p.millis) + ":" + p.id; }

sdk::Result<std::optional<Position>> parseCursor(const std::string& cursor) {
  if (cursor.empty()) return std::optional<Position>{};
  std::size_t colon = cursor.find(':');
  try {
    std::size_t used = 0;
    std::int64_t millis = std::stoll(cursor.substr(0, colon), &used);
    if (colon != std::string::npos && used == colon) {
      return std::optional<Position>(Position{millis, cursor.substr(colon + 1)});
    }
  } catch (const std::exception&) {
  }
  return makeError(ErrorKind::permanent,
                   "csv cursor \"" + cursor + "\" is not of the form <epoch ms>:<id>");
}

struct Entry {
  Position position;
  const Row* row = nullptr;
  std::optional<std::string> duplicate_of;  // "line N" when an earlier row has the same id
};

// Every row in (updated_at, id) order. After an outside edit every row sorts at the file's
// time (any may have changed); so does a row whose updated_at is empty or unreadable.
std::vector<Entry> orderedEntries(const LoadedFile& file, const HeaderIndex& header) {
  std::vector<Entry> entries;
  std::map<std::string, int> first_line;
  for (const Row& row : file.table.rows) {
    Entry entry{{file.modified.epochMillis(), ""}, &row, std::nullopt};
    entry.position.id = cellValue(header, row, kIdColumn);  // a broken row may still have it
    if (!row.error) {
      auto time = Timestamp::parse(cellValue(header, row, kUpdatedAtColumn));
      if (time && !file.edited_outside) entry.position.millis = time->epochMillis();
      auto [it, fresh] = first_line.emplace(entry.position.id, row.line);
      if (!fresh) entry.duplicate_of = "line " + std::to_string(it->second);
    }
    entries.push_back(std::move(entry));
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.position < b.position; });
  return entries;
}

void addToPage(sdk::Page& page, EntityType entity, const HeaderIndex& header,
               const LoadedFile& file, const Entry& entry) {
  if (entry.duplicate_of) {
    page.errors.push_back({entry.position.id,
                           makeError(ErrorKind::permanent,
                                     file.name + " line " + std::to_string(entry.row->line) +
                                         ": id \"" + entry.position.id + "\" is already used on " +
                                         *entry.duplicate_of,
                                     std::string(kIdColumn))});
    return;
  }
  auto record = decodeRow(entity, header, *entry.row, RowSource{file.name, file.modified});
  if (!record.ok()) {
    page.errors.push_back({entry.position.id, record.error()});
    return;
  }
  const sdk::model::RecordMeta& meta = sdk::model::metaOf(record.value());
  if (meta.status == sdk::model::RecordStatus::archived) {
    page.removals.push_back({meta.id, meta.status, meta.updated_at});
    return;
  }
  page.records.push_back(std::move(record).value());
}

}  // namespace

std::vector<sdk::FieldError> CsvConnector::validateConfig(const sdk::Config& config) const {
  return csv::validateConfig(config);
}

sdk::Result<sdk::Page> CsvConnector::read(sdk::HostContext& ctx, const sdk::ReadRequest& request) {
  auto config = loadConfig(ctx.config());
  if (!config.ok()) return config.error();
  if (request.page_size <= 0) {
    return makeError(ErrorKind::permanent,
                     "page_size must be positive, got " + std::to_string(request.page_size));
  }
  auto cursor = parseCursor(request.cursor);
  if (!cursor.ok()) return cursor.error();
  auto file = loadFile(config.value(), request.entity, ctx.clock());
  if (!file.ok()) return file.error();
  if (file->exists && assignIds(file.value())) {
    pinTimes(file.value());  // rows keep the positions they had before the rewrite
    auto saved = saveFile(config.value(), file.value());
    if (!saved.ok()) return saved.error();
    ctx.log().info(file->name + ": gave ids to rows typed in by hand");
  }
  HeaderIndex header(file->table.header);
  std::set<std::string> wanted(request.ids.begin(), request.ids.end());
  sdk::Page page;
  page.next_cursor = request.cursor;
  std::size_t taken = 0;
  for (const Entry& entry : orderedEntries(file.value(), header)) {
    if (cursor.value() && !(*cursor.value() < entry.position)) continue;
    if (!wanted.empty() && !wanted.count(entry.position.id)) continue;
    if (taken == static_cast<std::size_t>(request.page_size)) {
      page.more = true;
      break;
    }
    addToPage(page, request.entity, header, file.value(), entry);
    page.next_cursor = formatCursor(entry.position);
    ++taken;
  }
  return page;
}

namespace {

// Applies one batch to a loaded table in memory; the connector saves the table once after.
class BatchApplier {
 public:
  BatchApplier(LoadedFile& file, EntityType entity, Timestamp now)
      : file_(file), entity_(entity), now_(std::move(now)) {
    HeaderIndex header(file_.table.header);
    for (std::size_t i = 0; i < file_.table.rows.size(); ++i) {
      const Row& row = file_.table.rows[i];
      if (!row.error) rows_by_id_.emplace(cellValue(header, row, kIdColumn), i);
    }
  }

  sdk::WriteOutcome apply(const sdk::WriteOp& op, const std::string& key, std::size_t index) {
    sdk::WriteOutcome outcome;
    outcome.id = sdk::model::metaOf(op.record).id;
    if (sdk::model::typeOf(op.record) != entity_) {
      outcome.error = makeError(ErrorKind::permanent,
                                "op " + std::to_string(index) + " carries a " +
                                    std::string(sdk::model::toString(sdk::model::typeOf(op.record))) +
                                    " in a batch of " + std::string(sdk::model::toString(entity_)));
      return outcome;
    }
    if (op.kind == sdk::WriteKind::create) return create(op.record, idForCreate(key, index));
    auto found = rows_by_id_.find(outcome.id);
    if (found == rows_by_id_.end() || removed_.count(found->second)) {
      if (op.kind == sdk::WriteKind::remove) {
        outcome.warnings.push_back("no row with id \"" + outcome.id + "\"; nothing to remove");
      } else {
        outcome.error = makeError(ErrorKind::permanent, file_.name + " has no row with id \"" +
                                                            outcome.id + "\"", "id");
      }
      return outcome;
    }
    Row& row = file_.table.rows[found->second];
    if (op.kind == sdk::WriteKind::update) outcome.warnings = encodeFields(op.record, file_.table, row);
    if (op.kind == sdk::WriteKind::archive) setCell(file_.table, row, kStatusColumn, "archived");
    if (op.kind == sdk::WriteKind::remove) removed_.insert(found->second);
    touch(row, outcome);
    changed_ = true;
    return outcome;
  }

  // Drops removed rows; true when the file must be saved.
  bool finish() {
    if (removed_.empty()) return changed_;
    std::vector<Row> kept;
    for (std::size_t i = 0; i < file_.table.rows.size(); ++i) {
      if (!removed_.count(i)) kept.push_back(std::move(file_.table.rows[i]));
    }
    file_.table.rows = std::move(kept);
    return true;
  }

 private:
  sdk::WriteOutcome create(const sdk::model::Record& record, std::string id) {
    sdk::WriteOutcome outcome;
    outcome.id = id;
    auto existing = rows_by_id_.find(id);
    if (existing != rows_by_id_.end() && !removed_.count(existing->second)) {
      outcome.warnings.push_back("already created by an earlier attempt of this batch");
      return outcome;
    }
    Row row;
    row.line = static_cast<int>(file_.table.rows.size()) + 2;
    setCell(file_.table, row, kIdColumn, id);
    outcome.warnings = encodeFields(record, file_.table, row);
    bool archived = sdk::model::metaOf(record).status == sdk::model::RecordStatus::archived;
    setCell(file_.table, row, kStatusColumn, archived ? "archived" : "active");
    setCell(file_.table, row, kCreatedAtColumn, now_.toString());
    touch(row, outcome);
    rows_by_id_[id] = file_.table.rows.size();
    file_.table.rows.push_back(std::move(row));
    changed_ = true;
    return outcome;
  }

  void touch(Row& row, sdk::WriteOutcome& outcome) {
    setCell(file_.table, row, kUpdatedAtColumn, now_.toString());
    outcome.updated_at = now_;
  }

  LoadedFile& file_;
  EntityType entity_;
  Timestamp now_;
  std::map<std::string, std::size_t> rows_by_id_;
  std::set<std::size_t> removed_;
  bool changed_ = false;
};

// The clock's time, but always after every updated_at in the file, so that a write is never
// hidden behind a cursor taken in the same millisecond (or before a clock step back).
Timestamp writeTime(const sdk::Clock& clock, const Table& table) {
  Timestamp now = Timestamp::fromTimePoint(clock.now());
  std::optional<Timestamp> newest = newestStamp(table);
  if (newest && !(*newest < now)) now = Timestamp(newest->epochMillis() + 1, 0);
  return now;
}

}  // namespace

sdk::Result<std::vector<sdk::WriteOutcome>> CsvConnector::write(sdk::HostContext& ctx,
                                                                const sdk::WriteBatch& batch) {
  auto config = loadConfig(ctx.config());
  if (!config.ok()) return config.error();
  auto file = loadFile(config.value(), batch.entity, ctx.clock());
  if (!file.ok()) return file.error();
  bool rewrite = assignIds(file.value());
  rewrite = pinTimes(file.value()) || rewrite || !file->exists;
  BatchApplier applier(file.value(), batch.entity, writeTime(ctx.clock(), file->table));
  std::vector<sdk::WriteOutcome> outcomes;
  outcomes.reserve(batch.ops.size());
  for (std::size_t i = 0; i < batch.ops.size(); ++i) {
    outcomes.push_back(applier.apply(batch.ops[i], batch.idempotency_key, i));
  }
  if (applier.finish() || rewrite) {
    // Why: the whole batch lands in one rename, so a failure here means none of it did.
    auto saved = saveFile(config.value(), file.value());
    if (!saved.ok()) return saved.error();
  }
  return outcomes;
}

}  // namespace accord::plugins::csv
