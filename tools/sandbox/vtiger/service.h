// The vTiger webservice operations over the record store: what webservice.php's handlers do
// once the session is checked. Results are the JSON `result` values; failures are WsErrors
// with vtiger's codes and messages. Not thread-safe: VtigerApp serializes writers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <Poco/JSON/Object.h>

#include "sandbox/common/clock.h"
#include "sandbox/common/seed.h"
#include "sandbox/vtiger/errors.h"
#include "sandbox/vtiger/modules.h"
#include "sandbox/vtiger/record_store.h"

namespace accord::sandbox::vtiger {

// An operation's `result`, as JSON text.
using JsonText = std::string;

struct VtqlQuery;

// The one login user (id 1, "19x1"), an administrator as in a fresh vtiger.
struct User {
  std::string user_name = "admin";
  std::string first_name = "Sandbox";
  std::string last_name = "Administrator";
  std::string email = "admin@sandbox.invalid";
  std::string access_key;  // the user's webservice access key (login uses md5(token + key))
};

class WebService {
 public:
  explicit WebService(const Clock& clock);

  // Every module, or those with a field of one of `field_types` ("email", ...).
  JsonText listTypes(const std::vector<std::string>& field_types = {}) const;
  WsResult<JsonText> describe(std::string_view module) const;
  WsResult<JsonText> create(std::string_view module, const Poco::JSON::Object& element);
  WsResult<JsonText> retrieve(std::string_view id) const;
  WsResult<JsonText> update(const Poco::JSON::Object& element);  // full record
  WsResult<JsonText> revise(const Poco::JSON::Object& element);  // only the fields given
  WsResult<JsonText> remove(std::string_view id);
  WsResult<JsonText> query(std::string_view text) const;
  // Changes after `modified_after` (unix seconds); module empty = every entity module.
  WsResult<JsonText> sync(std::int64_t modified_after, std::string_view module) const;

  // Loads seed data as records stamped in the past, one second apart, so sync pages.
  void seed(const SeedData& data);
  std::string saveState() const;
  WsResult<bool> loadState(const std::string& json);

  RecordStore& store() { return store_; }
  const RecordStore& store() const { return store_; }
  User& user() { return user_; }
  const User& user() const { return user_; }
  const std::vector<TaxDef>& taxes() const { return taxes_; }
  std::string taxNameForLabel(std::string_view label) const;  // "VAT" -> "tax1"; "" if none

 private:
  friend class Seeder;
  WsResult<bool> loadStateUnchecked(const std::string& json);
  struct Element;  // an element parsed from JSON: field values and line items
  WsResult<Element> parseElement(const ModuleDef& module, const Poco::JSON::Object& json) const;
  WsResult<bool> checkReferences(const ModuleDef& module, const Element& element) const;
  WsResult<bool> checkMandatory(const ModuleDef& module, const Element& element,
                                bool only_given) const;
  WsResult<Record*> findForWrite(const Poco::JSON::Object& element);
  WsResult<bool> applyLines(Record& record, Element& element);
  void applyFields(Record& record, const Element& element, bool full_replace) const;
  void applyProductTaxes(Record& record, const Element& element, bool full_replace) const;
  void recomputeTotals(Record& record) const;
  WsResult<JsonText> write(const Poco::JSON::Object& json, bool full_replace);
  std::int64_t now() const;

  // Writes a record as retrieve (full) or query and sync (header fields only) show it.
  void writeRecord(std::string& out, const Record& record, bool full) const;
  void writeLine(std::string& out, const Record& parent, const LineItem& line,
                 std::size_t sequence) const;
  NameValues userValues() const;
  NameValues currencyValues() const;
  WsResult<const ModuleDef*> queryModule(std::string_view text) const;
  std::string writeRows(const std::vector<const Record*>& rows, const ModuleDef& module,
                        const VtqlQuery& q) const;

  const Clock& clock_;
  RecordStore store_;
  User user_;
  std::vector<TaxDef> taxes_;
};

}  // namespace accord::sandbox::vtiger
