// Per-organisation state of the Xero accounting sandbox. Records are kept as Poco JSON objects
// in exactly the shape the API returns them (field names from xero_accounting.yaml), so reads
// are a stringify and `where` works on any field. Not thread-safe by itself: callers hold
// XeroAccounting::mutex (AccountingApi does).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "sandbox/xero/accounting/json_util.h"

namespace accord::sandbox::xero {

// Records in creation order with an index by id (lower-cased GUID) and, optionally, by a
// natural key (Name, Code, InvoiceNumber...), compared case-insensitively.
class Collection {
 public:
  Collection(std::string id_field, std::string key_field = {}, std::string status_field = {})
      : id_field_(std::move(id_field)), key_field_(std::move(key_field)),
        status_field_(std::move(status_field)) {}

  Json find(std::string_view id) const;
  // Every record whose key equals `key` (case-insensitive), oldest first.
  std::vector<Json> findByKey(std::string_view key) const;
  void put(const Json& record);  // inserts, or replaces the record with the same id in place
  const std::vector<Json>& records() const { return records_; }
  std::size_t size() const { return records_.size(); }
  bool erase(std::string_view id);  // O(n): for tests and whole-record removals
  void clear();
  void reserve(std::size_t n);
  // Undo of a batch: after begin(), rollback() removes what was added and restores what was
  // replaced since; commit() keeps it. Not nested.
  void beginUndo();
  void commitUndo();
  void rollbackUndo();
  // The record at `pos` as JSON text, made once per version of the record: records are never
  // changed in place, so list pages are a concatenation instead of a re-serialization.
  const std::string& jsonAt(std::size_t pos) const;
  // The status field's value at `pos` without a map lookup (list scans filter on it).
  const std::string& statusAt(std::size_t pos) const { return statuses_[pos]; }
  std::optional<std::size_t> position(std::string_view id) const;
  const std::string& idField() const { return id_field_; }
  const std::string& keyField() const { return key_field_; }

 private:
  std::string id_field_, key_field_, status_field_;
  std::vector<Json> records_;
  mutable std::vector<std::string> json_;  // "" until first rendered
  std::vector<std::string> statuses_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::unordered_multimap<std::string, std::size_t> by_key_;
  struct Undo {
    std::size_t size = 0;                             // records before the batch
    std::unordered_map<std::size_t, Json> replaced;   // position -> record before the batch
  };
  std::optional<Undo> undo_;
  void replaceAt(std::size_t pos, const Json& record);
  void popBack();
};

// What a replayed Idempotency-Key answers with.
struct IdempotentReply {
  std::string request_fingerprint;  // method, path, query and body
  int status = 200;
  std::string body;
};

// A ledger posting waiting to become a Journal. Journals are built when first read, from the
// document as it was when posted (records are never changed in place, so `source` is that
// snapshot); this keeps writes and seeding of 100,000s of documents cheap.
struct PendingJournal {
  enum class Kind { kDocument, kPayment, kManual } kind;
  Json source;
  bool reverse = false;
  std::string journal_id;
  int number = 0;
  std::int64_t created_ms = 0;
};

struct XeroAccounting {
  std::mutex mutex;
  Collection contacts{"ContactID", "Name", "ContactStatus"};
  Collection items{"ItemID", "Code"};
  Collection invoices{"InvoiceID", "InvoiceNumber"};
  Collection credit_notes{"CreditNoteID", "CreditNoteNumber"};
  Collection payments{"PaymentID"};
  Collection accounts{"AccountID", "Code"};
  Collection tax_rates{"TaxType", "Name"};
  Collection manual_journals{"ManualJournalID"};
  Collection journals{"JournalID", "JournalNumber"};
  Collection purchase_orders{"PurchaseOrderID", "PurchaseOrderNumber"};
  std::vector<PendingJournal> pending_journals;
  std::map<std::string, std::int64_t> sequences;  // "INV", "CN", "PO", "JOURNAL" -> last used
  std::unordered_map<std::string, IdempotentReply> idempotency;

  std::int64_t nextNumber(const std::string& sequence) { return ++sequences[sequence]; }
  // Active (not archived/deleted) records of `collection` whose key is `key`.
  Json findActiveByKey(const Collection& collection, std::string_view key,
                       const std::string& status_field) const;
  Json accountByCode(std::string_view code) const;
  Json taxRate(std::string_view tax_type) const { return tax_rates.find(tax_type); }
  Json bankAccount() const;  // the first BANK account, for seeded payments

  // A batch (PUT/POST of several elements) applies its elements one by one, each seeing the
  // ones before it, as Xero does; when one fails under summarizeErrors, all are undone.
  struct Savepoint {
    std::map<std::string, std::int64_t> sequences;
    std::size_t pending_journals = 0;
  };
  Savepoint beginBatch();
  void commitBatch();
  void rollbackBatch(const Savepoint& savepoint);

 private:
  std::vector<Collection*> collections();
};

}  // namespace accord::sandbox::xero
