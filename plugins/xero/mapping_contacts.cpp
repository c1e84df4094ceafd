// Contact <-> Organization and its Person records. A Xero Contact carries both: its own
// FirstName/LastName are the primary person, ContactPersons the others (at most five). The
// contact's EmailAddress is the organization's e-mail only: were it also the primary person's,
// every organization e-mail change would surface as a person change too and be pushed to the
// other apps as one (an echo). So the primary person has no e-mail in Xero, both ways. Reading organizations yields the Organization with `people` refs; reading people
// yields the derived Person records (ids from mapping.h personId()).
#include "mapping_common.h"

namespace accord::plugins::xero::detail {
namespace {

std::vector<Person> readPeople(Reader& r, const std::string& contact_id,
                               const std::optional<sdk::Timestamp>& updated) {
  std::vector<Person> people;
  std::string first = r.str("FirstName"), last = r.str("LastName");
  if (!first.empty() || !last.empty()) {
    Person primary = withMeta<Person>(personId(contact_id, true, "", 0), updated);
    primary.first_name = first;
    primary.last_name = last;
    primary.organization.id = contact_id;
    primary.is_primary = true;
    people.push_back(std::move(primary));
  }
  JsonArray persons = r.array("ContactPersons");
  r.keep("ContactPersons");  // IncludeInEmails has no canonical home
  for (std::size_t i = 0; i < persons->size(); ++i) {
    JsonObject element = persons->getObject(static_cast<unsigned>(i));
    if (!element) continue;
    Reader p = r.child(*element, "ContactPersons[" + std::to_string(i) + "]");
    Person person;
    person.first_name = p.str("FirstName");
    person.last_name = p.str("LastName");
    person.email = p.str("EmailAddress");
    person.meta.id = personId(contact_id, false, person.email, i + 1);
    person.meta.updated_at = updated;
    person.organization.id = contact_id;
    person.is_primary = people.empty();
    people.push_back(std::move(person));
  }
  return people;
}

}  // namespace

sdk::Result<Decoded> decodeContact(EntityType entity, Reader& r) {
  std::string id = r.str("ContactID");
  if (id.empty()) r.fail("ContactID", "is missing");
  auto updated = r.timestamp("UpdatedDateUTC");
  Organization org = withMeta<Organization>(id, updated);
  org.name = r.str("Name");
  org.email = r.str("EmailAddress");
  org.account_number = r.str("AccountNumber");
  org.tax_number = r.str("TaxNumber");
  org.website = r.str("Website");
  org.currency = r.str("DefaultCurrency");
  org.is_customer = r.boolean("IsCustomer");
  org.is_supplier = r.boolean("IsSupplier");
  org.addresses = readAddresses(r);
  org.phones = readPhones(r);
  std::vector<Person> people = readPeople(r, id, updated);
  for (const Person& person : people) org.people.push_back(Ref{person.meta.id});
  Decoded out;
  if (entity == EntityType::person) {
    for (auto& person : people) out.records.push_back(std::move(person));
  } else {
    out.records.push_back(std::move(org));
  }
  if (auto removed = removedStatus(r.str("ContactStatus"))) {
    if (entity == EntityType::person) {
      for (const auto& ref : org.people) out.removals.push_back({ref.id, *removed, updated});
      out.records.clear();
    } else {
      setRemoval(out, *removed, updated);
    }
  }
  return out;
}

sdk::Result<Encoded> encodeOrganization(const sdk::WriteOp& op) {
  const auto& org = std::get<Organization>(op.record);
  Encoded out;
  out.element = new Poco::JSON::Object();
  auto& e = *out.element;
  if (op.kind != sdk::WriteKind::create) e.set("ContactID", org.meta.id);
  if (op.kind == sdk::WriteKind::remove) {
    return sdk::makeError(sdk::ErrorKind::not_supported,
                          "Xero contacts cannot be deleted, only archived", "status");
  }
  if (op.kind == sdk::WriteKind::archive) {
    e.set("ContactStatus", "ARCHIVED");
    return out;
  }
  if (org.people.size() > kMaxContactPersons + 1) {
    return sdk::makeError(sdk::ErrorKind::permanent,
                          "people: Xero keeps the contact's own name and at most " +
                              std::to_string(kMaxContactPersons) + " contact persons; got " +
                              std::to_string(org.people.size()) + " people",
                          "people");
  }
  e.set("Name", org.name);
  e.set("EmailAddress", org.email);
  e.set("AccountNumber", org.account_number);
  e.set("TaxNumber", org.tax_number);
  setIfNotEmpty(e, "Website", org.website);
  setIfNotEmpty(e, "DefaultCurrency", org.currency);
  e.set("Addresses", writeAddresses(org.addresses, out.warnings));
  auto phones = writePhones(org.phones);
  if (!phones.ok()) return phones.error();
  e.set("Phones", phones.value());
  return out;
}

}  // namespace accord::plugins::xero::detail
