#include "sandbox/xero/accounting/store.h"

#include <algorithm>

#include "sandbox/xero/accounting/json_text.h"
#include "sandbox/xero/accounting/where.h"
#include "sandbox/xero/accounting/xero_format.h"

namespace accord::sandbox::xero {

namespace {

Json parseRecord(const std::string& json) { return parseObject(json, nullptr); }

// The text of a field at a dotted path of a Poco object, and whether it is a JSON string.
std::pair<std::string, bool> textAt(const Poco::JSON::Object& record, const std::string& path) {
  std::size_t dot = path.find('.');
  if (dot == std::string::npos) {
    if (!record.has(path)) return {"", false};
    return {str(record, path), record.get(path).type() == typeid(std::string)};
  }
  Json inner = record.getObject(path.substr(0, dot));
  return inner ? textAt(*inner, path.substr(dot + 1)) : std::pair<std::string, bool>{"", false};
}

}  // namespace

Collection::Collection(CollectionSpec spec) : spec_(std::move(spec)) {
  if (!spec_.key_field.empty()) paths_.push_back(spec_.key_field);
  paths_.insert(paths_.end(), spec_.indexed.begin(), spec_.indexed.end());
  by_value_.resize(paths_.size());
}

Json Collection::at(std::size_t pos) const {
  if (slots_[pos].parsed) return slots_[pos].parsed;
  if (last_pos_ == pos) return copyObject(*last_);  // callers replace members, never edit nested ones
  return parseRecord(slots_[pos].json);
}

Json Collection::find(std::string_view id) const {
  auto it = by_id_.find(toLower(id));
  return it == by_id_.end() ? nullptr : at(it->second);
}

std::optional<std::vector<std::size_t>> Collection::positionsOf(std::string_view path,
                                                                std::string_view value) const {
  for (std::size_t i = 0; i < paths_.size(); ++i) {
    if (paths_[i] != path) continue;
    std::vector<std::size_t> positions;
    auto [first, last] = by_value_[i].equal_range(toLower(value));
    for (auto it = first; it != last; ++it) positions.push_back(it->second);
    std::sort(positions.begin(), positions.end());
    return positions;
  }
  return std::nullopt;
}

std::vector<Json> Collection::findByKey(std::string_view key) const {
  std::vector<Json> found;
  if (spec_.key_field.empty()) return found;
  auto positions = positionsOf(spec_.key_field, key).value();
  for (std::size_t p : positions) found.push_back(at(p));
  return found;
}

std::vector<Json> Collection::records() const {
  std::vector<Json> out;
  out.reserve(slots_.size());
  for (std::size_t i = 0; i < slots_.size(); ++i) out.push_back(at(i));
  return out;
}

Collection::Slot Collection::makeSlot(const Json& record) const {
  Slot slot;
  if (spec_.keep_parsed) {
    slot.parsed = record;  // written out when first listed: kept records change often (stock)
  } else {
    slot.json = stringify(record);
  }
  slot.id = str(*record, spec_.id_field);
  if (!spec_.status_field.empty()) slot.status = str(*record, spec_.status_field);
  slot.updated = str(*record, "UpdatedDateUTC");
  if (!slot.updated.empty()) slot.updated_ms = parseXeroDate(slot.updated);
  for (std::size_t i = 0; i < paths_.size(); ++i) {
    auto [text, is_string] = textAt(*record, paths_[i]);
    slot.values.push_back(std::move(text));
    if (is_string) slot.text_values |= 1u << i;
  }
  return slot;
}

void Collection::index(const Slot& slot, std::size_t pos) {
  by_id_[toLower(slot.id)] = pos;
  for (std::size_t i = 0; i < paths_.size(); ++i) {
    if (!slot.values[i].empty()) by_value_[i].emplace(toLower(slot.values[i]), pos);
  }
}

void Collection::unindex(const Slot& slot, std::size_t pos) {
  by_id_.erase(toLower(slot.id));
  for (std::size_t i = 0; i < paths_.size(); ++i) {
    auto [first, last] = by_value_[i].equal_range(toLower(slot.values[i]));
    for (auto k = first; k != last; ++k) {
      if (k->second == pos) {
        by_value_[i].erase(k);
        break;
      }
    }
  }
}

void Collection::put(const Json& record) {
  Slot slot = makeSlot(record);
  auto it = by_id_.find(toLower(slot.id));
  if (it == by_id_.end()) {
    index(slot, slots_.size());
    slots_.push_back(std::move(slot));
    last_pos_ = slots_.size() - 1;
    last_ = copyObject(*record);
    return;
  }
  std::size_t pos = it->second;
  if (undo_ && pos < undo_->size) undo_->replaced.emplace(pos, slots_[pos]);
  replaceAt(pos, std::move(slot));
  last_pos_ = pos;
  last_ = copyObject(*record);
}

void Collection::replaceAt(std::size_t pos, Slot slot) {
  last_pos_.reset();
  unindex(slots_[pos], pos);
  index(slot, pos);
  slots_[pos] = std::move(slot);
}

void Collection::beginUndo() { undo_ = Undo{slots_.size(), {}}; }

void Collection::commitUndo() { undo_.reset(); }

void Collection::rollbackUndo() {
  if (!undo_) return;
  Undo undo = std::move(*undo_);
  undo_.reset();
  last_pos_.reset();
  while (slots_.size() > undo.size) {
    unindex(slots_.back(), slots_.size() - 1);
    slots_.pop_back();
  }
  for (auto& [pos, slot] : undo.replaced) replaceAt(pos, std::move(slot));
}

bool Collection::erase(std::string_view id) {
  auto it = by_id_.find(toLower(id));
  if (it == by_id_.end()) return false;
  std::vector<Slot> kept;
  kept.reserve(slots_.size());
  for (std::size_t i = 0; i < slots_.size(); ++i) {
    if (i != it->second) kept.push_back(std::move(slots_[i]));
  }
  clear();
  for (Slot& slot : kept) {
    index(slot, slots_.size());
    slots_.push_back(std::move(slot));
  }
  return true;
}

const std::string& Collection::jsonAt(std::size_t pos) const {
  const Slot& slot = slots_[pos];
  if (slot.json.empty() && slot.parsed) slot.json = stringify(slot.parsed);
  return slot.json;
}

bool Collection::modifiedAfter(std::size_t pos, std::int64_t ms) const {
  const auto& updated = slots_[pos].updated_ms;
  return !updated || *updated > ms;
}

Poco::Dynamic::Var Collection::field(std::size_t pos, std::string_view path) const {
  const Slot& slot = slots_[pos];
  if (path == spec_.id_field) return slot.id;
  if (!spec_.status_field.empty() && path == spec_.status_field && !slot.status.empty()) {
    return slot.status;
  }
  if (path == "UpdatedDateUTC" && !slot.updated.empty()) return slot.updated;
  for (std::size_t i = 0; i < paths_.size(); ++i) {
    if (path == paths_[i] && (slot.text_values & (1u << i))) return slot.values[i];
  }
  if (slot.parsed) return fieldAt(*slot.parsed, path);
  return jsonTextField(slot.json, path);
}

std::string Collection::text(std::size_t pos, std::string_view path) const {
  Poco::Dynamic::Var value = field(pos, path);
  if (value.isEmpty()) return {};
  if (value.type() == typeid(std::string)) return value.extract<std::string>();
  try {
    return value.convert<std::string>();
  } catch (const Poco::Exception&) {
    return {};
  }
}

std::optional<std::size_t> Collection::position(std::string_view id) const {
  auto it = by_id_.find(toLower(id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

void Collection::clear() {
  undo_.reset();
  last_pos_.reset();
  slots_.clear();
  by_id_.clear();
  for (auto& index : by_value_) index.clear();
}

void Collection::reserve(std::size_t n) {
  slots_.reserve(n);
  by_id_.reserve(n);
  for (auto& index : by_value_) index.reserve(n);
}

Json XeroAccounting::findActiveByKey(const Collection& collection, std::string_view key,
                                     const std::string& status_field) const {
  if (collection.keyField().empty()) return nullptr;
  auto positions = collection.positionsOf(collection.keyField(), key).value();
  for (std::size_t pos : positions) {
    std::string status = collection.text(pos, status_field);
    if (status != "ARCHIVED" && status != "DELETED" && status != "VOIDED") return collection.at(pos);
  }
  return nullptr;
}

Json XeroAccounting::accountByCode(std::string_view code) const {
  auto found = accounts.findByKey(code);
  return found.empty() ? nullptr : found.front();
}

Json XeroAccounting::bankAccount() const {
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    if (accounts.text(i, "Type") == "BANK") return accounts.at(i);
  }
  return nullptr;
}

std::vector<Collection*> XeroAccounting::collections() {
  return {&contacts, &items, &invoices, &credit_notes, &payments, &accounts, &tax_rates,
          &manual_journals, &journals, &purchase_orders};
}

XeroAccounting::Savepoint XeroAccounting::beginBatch() {
  for (Collection* c : collections()) c->beginUndo();
  return {sequences, pending_journals.size()};
}

void XeroAccounting::commitBatch() {
  for (Collection* c : collections()) c->commitUndo();
}

void XeroAccounting::rollbackBatch(const Savepoint& savepoint) {
  for (Collection* c : collections()) c->rollbackUndo();
  sequences = savepoint.sequences;
  pending_journals.resize(savepoint.pending_journals);
}

}  // namespace accord::sandbox::xero
