// Helpers the mapping files share: reading typed values out of a row with errors that name
// the record and field, writing typed values into an element, and the address/phone slots
// through which a list of canonical addresses or phones meets vtiger's fixed columns.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Poco/JSON/Object.h>

#include "accord/sdk/model/record.h"
#include "accord/sdk/result.h"

namespace accord::plugins::vtiger::detail {

class RowReader {
 public:
  RowReader(const Poco::JSON::Object& row, std::string_view module);

  const std::string& id() const { return id_; }
  const Poco::JSON::Object& row() const { return row_; }
  // The value as text; "" when absent or null. Numbers and booleans are spelled as JSON does.
  std::string text(const std::string& key) const;
  std::optional<sdk::Decimal> decimal(const std::string& key);  // "" -> nullopt
  sdk::Decimal amount(const std::string& key);                  // "" -> 0
  std::optional<sdk::Date> date(const std::string& key);
  sdk::model::Ref ref(const std::string& key);  // "" or "0" -> empty; else must be NxM
  // Records the first problem; the mapping returns it once the row is read.
  void fail(const std::string& field, const std::string& problem);
  std::optional<sdk::Error> error() const { return error_; }
  sdk::model::RecordMeta meta();

 private:
  const Poco::JSON::Object& row_;
  std::string module_;
  std::string id_;
  std::optional<sdk::Error> error_;
};

void setText(Poco::JSON::Object& element, const std::string& key, const std::string& value);
void setDecimal(Poco::JSON::Object& element, const std::string& key,
                const std::optional<sdk::Decimal>& value);
void setDate(Poco::JSON::Object& element, const std::string& key,
             const std::optional<sdk::Date>& value);

// A fixed set of vtiger columns that holds one address (street, city, state, code, country).
struct AddressSlot {
  std::string_view kind;  // canonical kind it is read back as
  std::string_view street, city, state, code, country;
};
struct PhoneSlot {
  std::string_view kind;
  std::string_view key;
};

std::vector<sdk::model::Address> readAddresses(const RowReader& row,
                                               const std::vector<AddressSlot>& slots);
// Every slot's columns are written (empty when the record has no such address), so a revise
// clears what the record no longer has. Addresses without a slot become warnings.
void writeAddresses(const std::vector<sdk::model::Address>& addresses,
                    const std::vector<AddressSlot>& slots, Poco::JSON::Object& element,
                    std::vector<std::string>& warnings);
std::vector<sdk::model::Phone> readPhones(const RowReader& row,
                                          const std::vector<PhoneSlot>& slots);
void writePhones(const std::vector<sdk::model::Phone>& phones,
                 const std::vector<PhoneSlot>& slots, Poco::JSON::Object& element,
                 std::vector<std::string>& warnings);

// obj[key] as text; "" when absent, null or not a scalar.
std::string textOf(const Poco::JSON::Object& object, const std::string& key);

// The record's remote_data (a vtiger row we read earlier) as an object; null when none.
Poco::JSON::Object::Ptr remoteObject(const sdk::model::RecordMeta& meta);

// Per-entity halves, defined in mapping.cpp, mapping_item.cpp and mapping_inventory.cpp.
sdk::Result<sdk::model::Record> readOrganization(RowReader& row);
sdk::Result<sdk::model::Record> readPerson(RowReader& row);
sdk::Result<sdk::model::Record> readItem(RowReader& row);
sdk::Result<sdk::model::Record> readInvoice(RowReader& row);
sdk::Result<sdk::model::Record> readPurchaseOrder(RowReader& row);

struct ElementOut {
  Poco::JSON::Object& fields;
  std::vector<std::string>& warnings;
};
void writeOrganization(const sdk::model::Organization& org, ElementOut out);
void writePerson(const sdk::model::Person& person, ElementOut out);
sdk::Result<void> writeItem(const sdk::model::Item& item,
                            const std::map<std::string, std::string>& tax_percents,
                            ElementOut out);
sdk::Result<void> writeInvoice(const sdk::model::Invoice& invoice,
                               const std::map<std::string, std::string>& tax_percents,
                               ElementOut out);
sdk::Result<void> writePurchaseOrder(const sdk::model::PurchaseOrder& order,
                                     const std::map<std::string, std::string>& tax_percents,
                                     ElementOut out);

}  // namespace accord::plugins::vtiger::detail
