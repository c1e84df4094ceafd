// Person writes. Xero keeps people inside their Contact (its own FirstName/LastName/
// EmailAddress are the primary person, ContactPersons up to five more, and an update replaces
// the whole ContactPersons array), so a batch of people is: GET the contacts they belong to
// (IDs=, one call), apply every op to its contact, POST the contacts back in one call.
#include <map>

#include "write.h"

namespace accord::plugins::xero {
namespace {

using sdk::WriteKind;
using sdk::model::Person;

struct ContactEdit {
  JsonObject contact;               // as read
  std::vector<std::size_t> ops;     // ops that changed it
  std::vector<std::string> new_ids; // per op: the person's id after the write
};

std::string contactIdOf(const sdk::WriteOp& op) {
  const auto& person = std::get<Person>(op.record);
  if (op.kind == WriteKind::create) return person.organization.id;
  return contactOfPerson(person.meta.id);
}

JsonObject personElement(const Person& person) {
  Poco::JSON::Object::Ptr element = new Poco::JSON::Object();
  element->set("FirstName", person.first_name);
  element->set("LastName", person.last_name);
  element->set("EmailAddress", person.email);
  return element;
}

// Applies one op to its contact; returns the person's new id or an error for that op.
sdk::Result<std::string> apply(Poco::JSON::Object& contact, const sdk::WriteOp& op) {
  const auto& person = std::get<Person>(op.record);
  const std::string contact_id = contact.getValue<std::string>("ContactID");
  bool primary = op.kind == WriteKind::create ? person.is_primary
                                              : person.meta.id == personId(contact_id, true, "", 0);
  if (primary) {
    if (op.kind == WriteKind::remove) {
      return sdk::makeError(sdk::ErrorKind::permanent,
                            "the primary person is the contact's own name; it cannot be removed",
                            "is_primary");
    }
    contact.set("FirstName", person.first_name);
    contact.set("LastName", person.last_name);
    if (!person.email.empty()) contact.set("EmailAddress", person.email);
    return personId(contact_id, true, "", 0);
  }
  JsonArray persons = contact.has("ContactPersons") && contact.isArray("ContactPersons")
                          ? contact.getArray("ContactPersons")
                          : JsonArray(new Poco::JSON::Array());
  JsonArray kept = new Poco::JSON::Array();
  bool found = false;
  for (std::size_t i = 0; i < persons->size(); ++i) {
    JsonObject existing = persons->getObject(static_cast<unsigned>(i));
    if (!existing) continue;
    std::string email = existing->has("EmailAddress") ? existing->get("EmailAddress").toString() : "";
    if (op.kind != WriteKind::create && personId(contact_id, false, email, i + 1) == person.meta.id) {
      found = true;
      if (op.kind == WriteKind::update) kept->add(personElement(person));
      continue;
    }
    kept->add(existing);
  }
  if (op.kind != WriteKind::create && !found) {
    return sdk::makeError(sdk::ErrorKind::permanent,
                          "person " + person.meta.id + " is no longer among the contact's people");
  }
  if (op.kind == WriteKind::create) {
    if (kept->size() >= kMaxContactPersons) {
      return sdk::makeError(sdk::ErrorKind::permanent,
                            "people: Xero keeps at most " + std::to_string(kMaxContactPersons) +
                                " contact persons per contact; " + contact_id + " is full",
                            "organization");
    }
    kept->add(personElement(person));
  }
  contact.set("ContactPersons", kept);
  return personId(contact_id, false, person.email, kept->size());
}

}  // namespace

sdk::Result<std::vector<sdk::WriteOutcome>> writePeople(XeroClient& client,
                                                        const sdk::WriteBatch& batch) {
  std::vector<sdk::WriteOutcome> outcomes(batch.ops.size());
  std::string ids;
  for (const auto& op : batch.ops) {
    std::string id = contactIdOf(op);
    if (!id.empty() && ids.find(id) == std::string::npos) ids += (ids.empty() ? "" : ",") + id;
  }
  std::map<std::string, ContactEdit> edits;
  if (!ids.empty()) {
    auto envelope = client.get("Contacts", {{"IDs", ids}, {"includeArchived", "true"}});
    if (!envelope.ok()) return envelope.error();
    JsonArray contacts = envelopeArray(*envelope.value(), "Contacts");
    for (std::size_t i = 0; i < contacts->size(); ++i) {
      JsonObject contact = contacts->getObject(static_cast<unsigned>(i));
      if (contact && contact->has("ContactID")) {
        edits[contact->getValue<std::string>("ContactID")].contact = contact;
      }
    }
  }
  for (std::size_t i = 0; i < batch.ops.size(); ++i) {
    std::string contact_id = contactIdOf(batch.ops[i]);
    auto edit = edits.find(contact_id);
    if (contact_id.empty() || edit == edits.end()) {
      outcomes[i].error = sdk::makeError(
          sdk::ErrorKind::permanent,
          "organization: a Xero person belongs to a contact; contact \"" + contact_id +
              "\" was not found",
          "organization");
      continue;
    }
    auto applied = apply(*edit->second.contact, batch.ops[i]);
    if (!applied.ok()) {
      outcomes[i].error = applied.error();
      continue;
    }
    outcomes[i].id = applied.value();
    edit->second.ops.push_back(i);
  }
  Call call{"POST", "Contacts", {}, {}};
  std::vector<std::vector<std::size_t>> ops_of_element;
  for (auto& [id, edit] : edits) {
    if (edit.ops.empty()) continue;
    Poco::JSON::Object::Ptr element = new Poco::JSON::Object();
    for (const char* key : {"ContactID", "FirstName", "LastName", "EmailAddress", "ContactPersons"}) {
      if (edit.contact->has(key)) element->set(key, edit.contact->get(key));
    }
    call.ops.push_back(edit.ops.front());
    call.elements.push_back(element);
    ops_of_element.push_back(edit.ops);
  }
  if (call.elements.empty()) return outcomes;
  std::vector<sdk::WriteOutcome> per_contact(batch.ops.size());
  auto sent = sendCall(client, *resourceFor(sdk::model::EntityType::person), call,
                       batch.idempotency_key.empty() ? std::string()
                                                    : idempotencyKey(batch.idempotency_key, 0, 1, ""),
                       per_contact);
  if (!sent.ok()) return sent.error();
  // The contact's answer is every one of its ops' answer (ids stay the derived ones).
  for (std::size_t e = 0; e < ops_of_element.size(); ++e) {
    const sdk::WriteOutcome& answer = per_contact[call.ops[e]];
    for (std::size_t op : ops_of_element[e]) {
      outcomes[op].error = answer.error;
      outcomes[op].warnings = answer.warnings;
      outcomes[op].updated_at = answer.updated_at;
    }
  }
  return outcomes;
}

}  // namespace accord::plugins::xero
