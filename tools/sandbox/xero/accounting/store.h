// Per-organisation state of the Xero accounting sandbox. Records are kept as the JSON text the
// API returns (field names from xero_accounting.yaml), so list pages are a concatenation and
// 100,000s of records stay small; `where` works on any field. Not thread-safe by itself: callers hold
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

// How a collection is keyed and indexed.
struct CollectionSpec {
  std::string id_field;
  std::string key_field;                 // natural key (Name, Code, InvoiceNumber...), or none
  std::string status_field;              // kept as a column for list filters, or none
  std::vector<std::string> indexed = {};  // more equality indexes, by dotted path
  bool keep_parsed = false;              // small reference data read per line: keep the objects
};

// Records in creation order, stored as their JSON text (what list pages concatenate) plus a
// few columns (id, status, UpdatedDateUTC, indexed values); the Poco object of a record is
// built when a caller asks for it. Indexes by id (lower-cased GUID) and by the key and indexed
// fields, compared case-insensitively as Xero's `where` compares strings.
class Collection {
 public:
  explicit Collection(CollectionSpec spec);

  Json find(std::string_view id) const;  // a fresh object (or the kept one); null when absent
  // Every record whose key equals `key` (case-insensitive), oldest first.
  std::vector<Json> findByKey(std::string_view key) const;
  // Positions (ascending) whose `path` value equals `value` case-insensitively; nullopt when
  // `path` has no index.
  std::optional<std::vector<std::size_t>> positionsOf(std::string_view path, std::string_view value) const;
  void put(const Json& record);  // inserts, or replaces the record with the same id in place
  std::vector<Json> records() const;  // every record as an object: O(n) parses
  Json at(std::size_t pos) const;
  std::size_t size() const { return slots_.size(); }
  bool erase(std::string_view id);  // O(n): for tests and whole-record removals
  void clear();
  void reserve(std::size_t n);
  const std::string& jsonAt(std::size_t pos) const;
  const std::string& statusAt(std::size_t pos) const { return slots_[pos].status; }
  const std::string& idAt(std::size_t pos) const { return slots_[pos].id; }
  // Whether UpdatedDateUTC is after `ms` (records without one, tax rates, always are).
  bool modifiedAfter(std::size_t pos, std::int64_t ms) const;
  // A field of the record at `pos`, from the columns when it is one, else from its text.
  Poco::Dynamic::Var field(std::size_t pos, std::string_view path) const;
  std::string text(std::size_t pos, std::string_view path) const;  // field() as text, "" if none
  std::optional<std::size_t> position(std::string_view id) const;
  const std::string& idField() const { return spec_.id_field; }
  const std::string& keyField() const { return spec_.key_field; }
  const std::string& statusField() const { return spec_.status_field; }
  // Undo of a batch: after begin(), rollback() removes what was added and restores what was
  // replaced since; commit() keeps it. Not nested.
  void beginUndo();
  void commitUndo();
  void rollbackUndo();

 private:
  struct Slot {
    mutable std::string json;  // "" until first listed when the object is kept
    std::string id, status, updated;  // updated: UpdatedDateUTC as written
    std::optional<std::int64_t> updated_ms;
    std::vector<std::string> values;  // per index: the field's text ("" when absent)
    std::uint32_t text_values = 0;    // bit i: index i's field is a JSON string
    Json parsed;                      // keep_parsed only
  };
  struct Undo {
    std::size_t size = 0;                              // records before the batch
    std::unordered_map<std::size_t, Slot> replaced;    // position -> slot before the batch
  };
  Slot makeSlot(const Json& record) const;
  void index(const Slot& slot, std::size_t pos);
  void unindex(const Slot& slot, std::size_t pos);
  void replaceAt(std::size_t pos, Slot slot);

  CollectionSpec spec_;
  std::vector<std::string> paths_;  // indexed paths: the key field first, then spec_.indexed
  std::vector<Slot> slots_;
  std::unordered_map<std::string, std::size_t> by_id_;
  std::vector<std::unordered_multimap<std::string, std::size_t>> by_value_;  // per path
  std::optional<Undo> undo_;
  // The record last stored, as an object: a write is usually read right back (a payment reads
  // the invoice just made), which would otherwise parse it again.
  mutable std::optional<std::size_t> last_pos_;
  Json last_;
};

// What a replayed Idempotency-Key answers with.
struct IdempotentReply {
  std::string request_fingerprint;  // method, path, query and body
  int status = 200;
  std::string body;
};

// A ledger posting waiting to become a Journal: its lines are taken from the document when it
// is posted, the Journal record is built when Journals are first read; this keeps writes and
// seeding of 100,000s of documents cheap.
struct JournalPosting {
  std::string account_code, description, tax_type;
  Amount net, tax;
};
struct PendingJournal {
  std::string source_id, source_type, date, reference;
  std::vector<JournalPosting> postings;
  std::string journal_id;
  int number = 0;
  std::int64_t created_ms = 0;
};

struct XeroAccounting {
  std::mutex mutex;
  Collection contacts{{"ContactID", "Name", "ContactStatus", {"ContactNumber"}}};
  Collection items{{"ItemID", "Code", "", {}, true}};
  Collection invoices{{"InvoiceID", "InvoiceNumber", "Status", {"Contact.ContactID"}}};
  Collection credit_notes{{"CreditNoteID", "CreditNoteNumber", "Status", {"Contact.ContactID"}}};
  Collection payments{{"PaymentID", "", "Status"}};
  Collection accounts{{"AccountID", "Code", "Status", {}, true}};
  Collection tax_rates{{"TaxType", "Name", "Status", {}, true}};
  Collection manual_journals{{"ManualJournalID", "", "Status"}};
  Collection journals{{"JournalID", "JournalNumber", ""}};
  Collection purchase_orders{{"PurchaseOrderID", "PurchaseOrderNumber", "Status", {"Contact.ContactID"}}};
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
