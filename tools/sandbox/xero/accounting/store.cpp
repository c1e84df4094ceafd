#include "sandbox/xero/accounting/store.h"

#include <algorithm>

#include "sandbox/xero/accounting/xero_format.h"

namespace accord::sandbox::xero {

Json Collection::find(std::string_view id) const {
  auto it = by_id_.find(toLower(id));
  return it == by_id_.end() ? nullptr : records_[it->second];
}

std::vector<Json> Collection::findByKey(std::string_view key) const {
  std::vector<std::size_t> positions;
  auto [first, last] = by_key_.equal_range(toLower(key));
  for (auto it = first; it != last; ++it) positions.push_back(it->second);
  std::sort(positions.begin(), positions.end());
  std::vector<Json> found;
  for (std::size_t p : positions) found.push_back(records_[p]);
  return found;
}

void Collection::put(const Json& record) {
  std::string id = toLower(str(*record, id_field_));
  auto it = by_id_.find(id);
  if (it == by_id_.end()) {
    by_id_.emplace(id, records_.size());
    if (!key_field_.empty() && has(*record, key_field_)) {
      by_key_.emplace(toLower(str(*record, key_field_)), records_.size());
    }
    records_.push_back(record);
    json_.emplace_back();
    statuses_.push_back(status_field_.empty() ? std::string() : str(*record, status_field_));
    return;
  }
  if (undo_ && it->second < undo_->size) undo_->replaced.emplace(it->second, records_[it->second]);
  replaceAt(it->second, record);
}

void Collection::replaceAt(std::size_t pos, const Json& record) {
  json_[pos].clear();
  if (!status_field_.empty()) statuses_[pos] = str(*record, status_field_);
  if (!key_field_.empty()) {
    std::string old_key = toLower(str(*records_[pos], key_field_));
    std::string new_key = toLower(str(*record, key_field_));
    if (old_key != new_key) {
      auto [first, last] = by_key_.equal_range(old_key);
      for (auto k = first; k != last; ++k) {
        if (k->second == pos) {
          by_key_.erase(k);
          break;
        }
      }
      if (!new_key.empty()) by_key_.emplace(new_key, pos);
    }
  }
  records_[pos] = record;
}

void Collection::popBack() {
  std::size_t pos = records_.size() - 1;
  by_id_.erase(toLower(str(*records_[pos], id_field_)));
  if (!key_field_.empty()) {
    auto [first, last] = by_key_.equal_range(toLower(str(*records_[pos], key_field_)));
    for (auto k = first; k != last; ++k) {
      if (k->second == pos) {
        by_key_.erase(k);
        break;
      }
    }
  }
  records_.pop_back();
  json_.pop_back();
  statuses_.pop_back();
}

void Collection::beginUndo() { undo_ = Undo{records_.size(), {}}; }

void Collection::commitUndo() { undo_.reset(); }

void Collection::rollbackUndo() {
  if (!undo_) return;
  Undo undo = std::move(*undo_);
  undo_.reset();
  while (records_.size() > undo.size) popBack();
  for (const auto& [pos, record] : undo.replaced) replaceAt(pos, record);
}

bool Collection::erase(std::string_view id) {
  auto it = by_id_.find(toLower(id));
  if (it == by_id_.end()) return false;
  std::vector<Json> kept;
  kept.reserve(records_.size());
  for (std::size_t i = 0; i < records_.size(); ++i) {
    if (i != it->second) kept.push_back(records_[i]);
  }
  clear();
  for (const Json& record : kept) put(record);
  return true;
}

const std::string& Collection::jsonAt(std::size_t pos) const {
  if (json_[pos].empty()) json_[pos] = stringify(records_[pos]);
  return json_[pos];
}

std::optional<std::size_t> Collection::position(std::string_view id) const {
  auto it = by_id_.find(toLower(id));
  if (it == by_id_.end()) return std::nullopt;
  return it->second;
}

void Collection::clear() {
  undo_.reset();
  records_.clear();
  json_.clear();
  statuses_.clear();
  by_id_.clear();
  by_key_.clear();
}

void Collection::reserve(std::size_t n) {
  records_.reserve(n);
  json_.reserve(n);
  statuses_.reserve(n);
  by_id_.reserve(n);
  by_key_.reserve(n);
}

Json XeroAccounting::findActiveByKey(const Collection& collection, std::string_view key,
                                     const std::string& status_field) const {
  for (const Json& record : collection.findByKey(key)) {
    std::string status = str(*record, status_field);
    if (status != "ARCHIVED" && status != "DELETED" && status != "VOIDED") return record;
  }
  return nullptr;
}

Json XeroAccounting::accountByCode(std::string_view code) const {
  auto found = accounts.findByKey(code);
  return found.empty() ? nullptr : found.front();
}

Json XeroAccounting::bankAccount() const {
  for (const Json& account : accounts.records()) {
    if (str(*account, "Type") == "BANK") return account;
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
