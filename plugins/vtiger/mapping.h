// vtiger webservice rows <-> canonical records. One function pair per entity (Accounts,
// Contacts, Products, Invoice, PurchaseOrder); README.md lists the same field table for users.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <Poco/JSON/Object.h>

#include "accord/sdk/manifest.h"
#include "accord/sdk/model/record.h"
#include "accord/sdk/result.h"

namespace accord::plugins::vtiger {

// The vtiger module that holds an entity, or nullptr for one this plugin does not carry.
const char* moduleFor(sdk::model::EntityType entity) noexcept;
// Invoice and PurchaseOrder: their lines come only from `retrieve`, never from query or sync.
bool hasLines(sdk::model::EntityType entity) noexcept;

// "2024-03-01 10:00:00" (vtiger writes UTC) as a Timestamp.
std::optional<sdk::Timestamp> parseVtigerTime(std::string_view text);

// One row (query, sync or retrieve answer) as a record: meta.id is the vtiger id, updated_at
// its modifiedtime, remote_data the whole row. A permanent Error names the module, the record
// id and the field ("vtiger Invoice 7x12: field hdnGrandTotal: \"abc\" is not a number").
// A record vtiger shows as cancelled (PurchaseOrder "Cancelled") comes back archived.
sdk::Result<sdk::model::Record> fromVtiger(sdk::model::EntityType entity,
                                           const Poco::JSON::Object& row);

struct WriteOptions {
  std::string owner_id = "19x1";  // assigned_user_id sent on create
  bool create = true;             // false: a revise (the element then carries the id)
  // Product taxes: tax name ("tax1") -> the tax table's default percent (describe Products).
  std::map<std::string, std::string> tax_percents;
};

struct Element {
  Poco::JSON::Object::Ptr fields;     // the `element` to send
  std::vector<std::string> warnings;  // what vtiger could not hold, one line each
};

// The record's fields as a vtiger element. A permanent Error names the field that vtiger
// cannot take at all (a purchase invoice, a line without a product, an unknown tax).
sdk::Result<Element> toVtiger(const sdk::model::Record& record, const WriteOptions& options);

// One warning per field the manifest declares unsupported that the record nonetheless sets,
// so nothing is dropped without a word.
std::vector<std::string> unsupportedFieldWarnings(const sdk::model::Record& record,
                                                  const sdk::EntityCapability& capability);

}  // namespace accord::plugins::vtiger
