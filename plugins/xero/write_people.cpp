// Person writes. Xero keeps people inside their Contact (its own FirstName/LastName are the
// primary person, ContactPersons up to five more, and an update replaces
// the whole ContactPersons array), so a batch of people is: GET the contacts they belong to
// (IDs=, one call), apply every op to its contact, POST the contacts back in one call.
#include <map>

#include "write.h"

namespace accord::plugins::xero {
namespace {

using sdk::WriteKind;
using sdk::model::Person;

struct ContactEdit {
  JsonObject contact;            // as read, then edited in place
  std::vector<std::size_t> ops;  // the ops that changed it
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
  const std::string contact_id = textField(contact, "ContactID");
  bool primary = op.kind == WriteKind::create ? person.is_primary
                                              : person.meta.id == personId(contact_id, true, "", 0);
  if (primary) {
    if (op.kind == WriteKind::remove) {
      return sdk::makeError(sdk::ErrorKind::permanent,
                            "the primary person is the contact's own name; it cannot be removed",
                            "is_primary");
    }
    // EmailAddress is the organization's (see mapping_contacts.cpp): the primary person's
    // e-mail has no place in Xero and is not sent.
    contact.set("FirstName", person.first_name);
    contact.set("LastName", person.last_name);
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
    std::string email = textField(*existing, "EmailAddress");
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

// The contacts the batch's people belong to, read in one call, by ContactID.
sdk::Result<std::map<std::string, ContactEdit>> loadContacts(XeroClient& client,
                                                             const sdk::WriteBatch& batch) {
  std::string ids;
  for (const auto& op : batch.ops) {
    std::string id = contactIdOf(op);
    if (!id.empty() && ids.find(id) == std::string::npos) ids += (ids.empty() ? "" : ",") + id;
  }
  std::map<std::string, ContactEdit> edits;
  if (ids.empty()) return edits;
  auto envelope = client.get("Contacts", {{"IDs", ids}, {"includeArchived", "true"}});
  if (!envelope.ok()) return envelope.error();
  JsonArray contacts = envelopeArray(*envelope.value(), "Contacts");
  for (std::size_t i = 0; i < contacts->size(); ++i) {
    JsonObject contact = contacts->getObject(static_cast<unsigned>(i));
    std::string id = contact ? textField(*contact, "ContactID") : std::string();
    if (!id.empty()) edits[id].contact = contact;
  }
  return edits;
}

// Applies each op to its contact; an op that cannot apply gets its error here.
void applyAll(const sdk::WriteBatch& batch, std::map<std::string, ContactEdit>& edits,
              std::vector<sdk::WriteOutcome>& outcomes) {
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
}

// POSTs the changed contacts in one call; a contact's answer is each of its ops' answer (ids
// stay the derived ones).
sdk::Result<void> postContacts(XeroClient& client, const sdk::WriteBatch& batch,
                               const std::map<std::string, ContactEdit>& edits,
                               std::vector<sdk::WriteOutcome>& outcomes) {
  Call call{"POST", "Contacts", {}, {}};
  std::vector<const ContactEdit*> sent;
  for (const auto& [id, edit] : edits) {
    if (edit.ops.empty()) continue;
    Poco::JSON::Object::Ptr element = new Poco::JSON::Object();
    for (const char* key : {"ContactID", "FirstName", "LastName", "EmailAddress", "ContactPersons"}) {
      if (edit.contact->has(key)) element->set(key, edit.contact->get(key));
    }
    call.ops.push_back(edit.ops.front());
    call.elements.push_back(element);
    sent.push_back(&edit);
  }
  if (call.elements.empty()) return {};
  std::vector<sdk::WriteOutcome> answers(batch.ops.size());
  std::string key = batch.idempotency_key.empty()
                        ? std::string()
                        : idempotencyKey(batch.idempotency_key, 0, 1, "");
  auto posted = sendCall(client, *resourceFor(sdk::model::EntityType::person), call, key, answers);
  if (!posted.ok()) return posted;
  for (std::size_t e = 0; e < sent.size(); ++e) {
    const sdk::WriteOutcome& answer = answers[call.ops[e]];
    for (std::size_t op : sent[e]->ops) {
      outcomes[op].error = answer.error;
      outcomes[op].warnings = answer.warnings;
      outcomes[op].updated_at = answer.updated_at;
    }
  }
  return {};
}

}  // namespace

sdk::Result<std::vector<sdk::WriteOutcome>> writePeople(XeroClient& client,
                                                        const sdk::WriteBatch& batch) {
  std::vector<sdk::WriteOutcome> outcomes(batch.ops.size());
  auto edits = loadContacts(client, batch);
  if (!edits.ok()) return edits.error();
  applyAll(batch, edits.value(), outcomes);
  auto posted = postContacts(client, batch, edits.value(), outcomes);
  if (!posted.ok()) return posted.error();
  return outcomes;
}

}  // namespace accord::plugins::xero
