// The sandbox's vTiger database: records of every entity module under one global crmid
// sequence (as vtiger_crmentity has it, so "11x23" and "12x23" cannot both exist), deletions
// kept as tombstones for sync, and per-module indexes by crmid and by modifiedtime.
// Not thread-safe by itself: VtigerApp guards it with a reader/writer lock.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sandbox/vtiger/modules.h"

namespace accord::sandbox::vtiger {

using NameValues = std::vector<std::pair<std::string, std::string>>;

struct LineItem {
  std::int64_t id = 0;        // lineitem id, written "33x<id>"
  std::string productid;      // "14x5"
  std::string quantity;       // "2.000"
  std::string listprice;      // "100.00000000"
  std::string discount_percent;
  std::string discount_amount;
  std::string comment;
  std::string description;
  NameValues taxes;           // "tax1" -> "4.500": the taxes applied to this line
};

struct Record {
  std::int64_t crmid = 0;
  const ModuleDef* module = nullptr;
  std::int64_t created = 0;   // unix seconds
  std::int64_t modified = 0;
  bool deleted = false;
  std::vector<LineItem> lines;  // inventory modules
  NameValues taxes;             // Products: the taxes this product carries

  // Field values by index into module->fields; only non-empty ones are stored so that
  // 100,000s of records with ~50 mostly empty fields stay small.
  const std::string& get(std::size_t index) const;
  const std::string& get(std::string_view field_name) const;
  void set(std::size_t index, std::string value);
  void set(std::string_view field_name, std::string value);
  void clearValues() { values_.clear(); }
  std::string wsId() const;  // "11x23"

 private:
  std::vector<std::pair<std::uint16_t, std::string>> values_;  // sorted by index
};

// "11x23" -> {11, 23}; nullopt unless both sides are plain decimal numbers.
std::optional<std::pair<int, std::int64_t>> parseWsId(std::string_view id);

// Unix seconds <-> vtiger's "YYYY-MM-DD HH:MM:SS" (UTC: the sandbox's users live in UTC).
std::string formatDateTime(std::int64_t unix_seconds);
std::optional<std::int64_t> parseDateTime(std::string_view text);

class RecordStore {
 public:
  std::int64_t allocateCrmId() { return next_crmid_++; }
  std::int64_t allocateLineItemId() { return next_lineitem_id_++; }
  std::string nextNumber(const ModuleDef& module);  // "ACC12"

  // Adds a new live record; its crmid must come from allocateCrmId().
  Record& insert(Record record);
  Record* find(std::int64_t crmid);
  const Record* find(std::int64_t crmid) const;
  // A live record of this module, or nullptr.
  const Record* findLive(const ModuleDef& module, std::int64_t crmid) const;

  // Stamps a change at `now` and moves the record in the modifiedtime index.
  void touch(Record& record, std::int64_t now);
  // Turns the record into a tombstone (values dropped) stamped at `now`.
  void remove(Record& record, std::int64_t now);

  // Live records of a module in crmid order, from the `first`-th on; stop by returning false.
  void forEachLive(const ModuleDef& module, const std::function<bool(const Record&)>& visit,
                   std::size_t first = 0) const;
  std::size_t liveCount(const ModuleDef& module) const;

  // Records (live and deleted) of a module with modified > after, in (modified, crmid) order.
  void forEachModifiedAfter(const ModuleDef& module, std::int64_t after,
                            const std::function<bool(const Record&)>& visit) const;

  // Everything, in crmid order, for saving.
  const std::map<std::int64_t, Record>& all() const { return records_; }
  void restoreCounters(std::int64_t next_crmid, std::int64_t next_lineitem_id,
                       std::map<std::string, std::int64_t> numbers);
  std::int64_t nextCrmIdPeek() const { return next_crmid_; }
  std::int64_t nextLineItemIdPeek() const { return next_lineitem_id_; }
  const std::map<std::string, std::int64_t>& numbers() const { return numbers_; }

 private:
  std::map<std::int64_t, Record> records_;  // crmid -> record (std::map: stable references)
  // entity id -> live records sorted by crmid: a vector so a query page can start at its
  // offset without walking the records before it.
  std::unordered_map<int, std::vector<Record*>> live_;
  std::unordered_map<int, std::set<std::pair<std::int64_t, std::int64_t>>> by_modified_;
  std::map<std::string, std::int64_t> numbers_;  // module name -> last number used
  std::int64_t next_crmid_ = 1;
  std::int64_t next_lineitem_id_ = 1;
};

}  // namespace accord::sandbox::vtiger
