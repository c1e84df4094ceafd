// Xero accounting objects <-> canonical records. One table (resources()) says which Xero
// endpoint carries which entity; decode() turns one element of a GET into records, encode()
// turns one record into the element a POST/PUT sends. Neither throws: a problem is an Error
// (permanent) naming the record and the field.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/sdk/connector.h"
#include "accord/sdk/model/record.h"
#include "json_util.h"

namespace accord::plugins::xero {

using sdk::model::EntityType;

// How one canonical entity lives in Xero.
struct Resource {
  EntityType entity;
  std::string path;      // endpoint and envelope key: "Contacts"
  std::string id_field;  // "ContactID"; for TaxRates the key is TaxType
  bool paged = false;    // honours page/pageSize (others return everything at once)
  bool batch_put = true;  // creates may go in one {"<path>":[...]} body
};

// The resource of an entity, or null when Xero does not carry it. Journals have two
// (ManualJournals, written; Journals, generated and read-only): see journalResources().
const Resource* resourceFor(EntityType entity);
const Resource& generatedJournals();

// What one Xero element gives: the records (a Contact gives its Organization, or with
// `people` its Person records), or a removal when Xero reports it archived, voided or deleted.
struct Decoded {
  std::vector<sdk::model::Record> records;
  std::vector<sdk::Removal> removals;  // ids filled from the element when left empty
  std::string id;  // the element's Xero id, for errors
};

// `entity` chooses what a Contact yields (organization or person); `from` is the resource the
// element came from.
sdk::Result<Decoded> decode(EntityType entity, const Resource& from,
                            const Poco::JSON::Object& element);

// The element to send for one op. Warnings collect what Xero will not keep exactly.
struct Encoded {
  JsonObject element;
  std::vector<std::string> warnings;
};
sdk::Result<Encoded> encode(const sdk::WriteOp& op);

// Person ids are derived: Xero's ContactPersons have no ids of their own.
// "<ContactID>/primary" for the contact's own name and email, "<ContactID>/<email>" for a
// contact person with an email, "<ContactID>/#<n>" (1-based position) for one without.
std::string personId(const std::string& contact_id, bool primary, const std::string& email,
                     std::size_t position);
// The ContactID part of a derived person id ("" when it is not one).
std::string contactOfPerson(const std::string& person_id);

inline constexpr std::size_t kMaxContactPersons = 5;

}  // namespace accord::plugins::xero
