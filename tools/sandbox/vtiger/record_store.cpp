#include "sandbox/vtiger/record_store.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <ctime>

namespace accord::sandbox::vtiger {
namespace {
const std::string kEmpty;

bool parseNumber(std::string_view text, std::int64_t& out) {
  if (text.empty()) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}
}  // namespace

const std::string& Record::get(std::size_t index) const {
  auto it = std::lower_bound(values_.begin(), values_.end(), index,
                             [](const auto& entry, std::size_t i) { return entry.first < i; });
  if (it != values_.end() && it->first == index) return it->second;
  return kEmpty;
}

const std::string& Record::get(std::string_view field_name) const {
  auto index = module->fieldIndex(field_name);
  return index ? get(*index) : kEmpty;
}

void Record::set(std::size_t index, std::string value) {
  auto key = static_cast<std::uint16_t>(index);
  auto it = std::lower_bound(values_.begin(), values_.end(), key,
                             [](const auto& entry, std::uint16_t i) { return entry.first < i; });
  const bool present = it != values_.end() && it->first == key;
  if (value.empty()) {
    if (present) values_.erase(it);
  } else if (present) {
    it->second = std::move(value);
  } else {
    values_.insert(it, {key, std::move(value)});
  }
}

void Record::set(std::string_view field_name, std::string value) {
  if (auto index = module->fieldIndex(field_name)) set(*index, std::move(value));
}

std::string Record::wsId() const {
  return std::to_string(module->entity_id) + "x" + std::to_string(crmid);
}

std::optional<std::pair<int, std::int64_t>> parseWsId(std::string_view id) {
  const auto x = id.find('x');
  if (x == std::string_view::npos) return std::nullopt;
  std::int64_t module = 0;
  std::int64_t record = 0;
  if (!parseNumber(id.substr(0, x), module) || !parseNumber(id.substr(x + 1), record)) {
    return std::nullopt;
  }
  return std::make_pair(static_cast<int>(module), record);
}

std::string formatDateTime(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[80];  // room for any int the format could print
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

std::optional<std::int64_t> parseDateTime(std::string_view text) {
  std::tm tm{};
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  std::string copy(text);
  const int n = std::sscanf(copy.c_str(), "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s);
  if (n != 3 && n != 6) return std::nullopt;
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = s;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::string RecordStore::nextNumber(const ModuleDef& module) {
  return module.number_prefix + std::to_string(++numbers_[module.name]);
}

Record& RecordStore::insert(Record record) {
  const int entity = record.module->entity_id;
  const std::int64_t crmid = record.crmid;
  auto [it, inserted] = records_.insert_or_assign(crmid, std::move(record));
  if (!it->second.deleted) {
    auto& live = live_[entity];
    auto at = std::lower_bound(live.begin(), live.end(), crmid,
                               [](const Record* r, std::int64_t id) { return r->crmid < id; });
    if (at == live.end() || (*at)->crmid != crmid) live.insert(at, &it->second);
  }
  by_modified_[entity].insert({it->second.modified, crmid});
  if (crmid >= next_crmid_) next_crmid_ = crmid + 1;
  return it->second;
}

Record* RecordStore::find(std::int64_t crmid) {
  auto it = records_.find(crmid);
  return it == records_.end() ? nullptr : &it->second;
}

const Record* RecordStore::find(std::int64_t crmid) const {
  auto it = records_.find(crmid);
  return it == records_.end() ? nullptr : &it->second;
}

const Record* RecordStore::findLive(const ModuleDef& module, std::int64_t crmid) const {
  const Record* record = find(crmid);
  if (!record || record->deleted || record->module != &module) return nullptr;
  return record;
}

void RecordStore::touch(Record& record, std::int64_t now) {
  auto& index = by_modified_[record.module->entity_id];
  index.erase({record.modified, record.crmid});
  record.modified = now;
  index.insert({record.modified, record.crmid});
}

void RecordStore::remove(Record& record, std::int64_t now) {
  touch(record, now);
  record.deleted = true;
  record.clearValues();
  record.lines.clear();
  record.taxes.clear();
  auto& live = live_[record.module->entity_id];
  auto at = std::lower_bound(live.begin(), live.end(), record.crmid,
                             [](const Record* r, std::int64_t id) { return r->crmid < id; });
  if (at != live.end() && (*at)->crmid == record.crmid) live.erase(at);
}

void RecordStore::forEachLive(const ModuleDef& module,
                              const std::function<bool(const Record&)>& visit,
                              std::size_t first) const {
  auto it = live_.find(module.entity_id);
  if (it == live_.end()) return;
  for (std::size_t i = first; i < it->second.size(); ++i) {
    if (!visit(*it->second[i])) return;
  }
}

std::size_t RecordStore::liveCount(const ModuleDef& module) const {
  auto it = live_.find(module.entity_id);
  return it == live_.end() ? 0 : it->second.size();
}

void RecordStore::forEachModifiedAfter(const ModuleDef& module, std::int64_t after,
                                       const std::function<bool(const Record&)>& visit) const {
  auto it = by_modified_.find(module.entity_id);
  if (it == by_modified_.end()) return;
  for (auto entry = it->second.upper_bound({after, INT64_MAX}); entry != it->second.end();
       ++entry) {
    if (!visit(records_.at(entry->second))) return;
  }
}

void RecordStore::restoreCounters(std::int64_t next_crmid, std::int64_t next_lineitem_id,
                                  std::map<std::string, std::int64_t> numbers) {
  next_crmid_ = std::max(next_crmid_, next_crmid);
  next_lineitem_id_ = std::max(next_lineitem_id_, next_lineitem_id);
  numbers_ = std::move(numbers);
}

}  // namespace accord::sandbox::vtiger
