#include "mapping.h"

#include <Poco/JSON/Parser.h>

#include <regex>
#include <sstream>

#include "accord/sdk/model/codec.h"
#include "mapping_util.h"

namespace accord::plugins::vtiger {
namespace detail {

using sdk::Decimal;
using sdk::ErrorKind;
using sdk::makeError;
namespace model = sdk::model;

RowReader::RowReader(const Poco::JSON::Object& row, std::string_view module)
    : row_(row), module_(module) {
  id_ = text("id");
}

std::string textOf(const Poco::JSON::Object& object, const std::string& key) {
  if (!object.has(key)) return {};
  const Poco::Dynamic::Var& value = object.get(key);
  if (value.isEmpty()) return {};
  try {
    return value.convert<std::string>();
  } catch (const Poco::Exception&) {
    return {};  // an object or array where text belongs: the caller sees it as empty
  }
}

std::string RowReader::text(const std::string& key) const { return textOf(row_, key); }

void RowReader::fail(const std::string& field, const std::string& problem) {
  if (error_) return;
  std::string where = "vtiger " + module_ + " " + (id_.empty() ? "(no id)" : id_);
  error_ = makeError(ErrorKind::permanent, where + ": field " + field + ": " + problem, field);
}

std::optional<Decimal> RowReader::decimal(const std::string& key) {
  std::string value = text(key);
  if (value.empty()) return std::nullopt;
  auto parsed = Decimal::parse(value);
  if (!parsed) {
    fail(key, "\"" + value + "\" is not a number");
    return std::nullopt;
  }
  return parsed->normalized();
}

Decimal RowReader::amount(const std::string& key) { return decimal(key).value_or(Decimal{}); }

std::optional<sdk::Date> RowReader::date(const std::string& key) {
  std::string value = text(key);
  if (value.empty()) return std::nullopt;
  auto parsed = sdk::Date::parse(value);
  if (!parsed) fail(key, "\"" + value + "\" is not a date (YYYY-MM-DD)");
  return parsed;
}

model::Ref RowReader::ref(const std::string& key) {
  static const std::regex kId(R"(^[0-9]+x[0-9]+$)");
  std::string value = text(key);
  if (value.empty() || value == "0") return {};
  if (!std::regex_match(value, kId)) fail(key, "\"" + value + "\" is not a vtiger id (NxM)");
  return model::Ref{value};
}

model::RecordMeta RowReader::meta() {
  model::RecordMeta meta;
  meta.id = id_;
  if (id_.empty()) fail("id", "the record has no id");
  for (const char* key : {"createdtime", "modifiedtime"}) {
    std::string value = text(key);
    if (value.empty()) continue;
    auto time = parseVtigerTime(value);
    if (!time) fail(key, "\"" + value + "\" is not a time (YYYY-MM-DD HH:MM:SS)");
    (std::string_view(key) == "createdtime" ? meta.created_at : meta.updated_at) = time;
  }
  std::ostringstream raw;
  row_.stringify(raw);
  meta.remote_data = raw.str();
  return meta;
}

void setText(Poco::JSON::Object& element, const std::string& key, const std::string& value) {
  element.set(key, value);
}

void setDecimal(Poco::JSON::Object& element, const std::string& key,
                const std::optional<Decimal>& value) {
  element.set(key, value ? value->toString() : std::string());
}

void setDate(Poco::JSON::Object& element, const std::string& key,
             const std::optional<sdk::Date>& value) {
  element.set(key, value ? value->toString() : std::string());
}

std::vector<model::Address> readAddresses(const RowReader& row,
                                          const std::vector<AddressSlot>& slots) {
  std::vector<model::Address> addresses;
  for (const AddressSlot& slot : slots) {
    model::Address a;
    a.kind = slot.kind;
    std::string street = row.text(std::string(slot.street));
    // vtiger keeps one street text; a second line is written after a line break.
    std::size_t newline = street.find('\n');
    a.line1 = street.substr(0, newline);
    if (newline != std::string::npos) a.line2 = street.substr(newline + 1);
    a.city = row.text(std::string(slot.city));
    a.region = row.text(std::string(slot.state));
    a.postal_code = row.text(std::string(slot.code));
    a.country = row.text(std::string(slot.country));
    if (a.line1.empty() && a.line2.empty() && a.city.empty() && a.region.empty() &&
        a.postal_code.empty() && a.country.empty()) {
      continue;
    }
    addresses.push_back(std::move(a));
  }
  return addresses;
}

namespace {

// The slot for a value of this kind: its own, or for an unstated kind the first free one.
template <typename Slot>
int pickSlot(std::string_view kind, const std::vector<Slot>& slots,
             const std::vector<bool>& used) {
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].kind == kind) return used[i] ? -1 : static_cast<int>(i);
  }
  if (!kind.empty()) return -1;
  for (std::size_t i = 0; i < slots.size(); ++i) {
    if (!used[i]) return static_cast<int>(i);
  }
  return -1;
}

std::string kindName(std::string_view kind) {
  return kind.empty() ? "without a kind" : "of kind " + std::string(kind);
}

}  // namespace

void writeAddresses(const std::vector<model::Address>& addresses,
                    const std::vector<AddressSlot>& slots, Poco::JSON::Object& element,
                    std::vector<std::string>& warnings) {
  std::vector<bool> used(slots.size(), false);
  std::vector<const model::Address*> placed(slots.size(), nullptr);
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    int slot = pickSlot(addresses[i].kind, slots, used);
    if (slot < 0) {
      warnings.push_back("addresses[" + std::to_string(i) + "]: an address " +
                         kindName(addresses[i].kind) + " has no free place in vtiger; not sent");
      continue;
    }
    used[slot] = true;
    placed[slot] = &addresses[i];
  }
  for (std::size_t s = 0; s < slots.size(); ++s) {
    const model::Address empty;
    const model::Address& a = placed[s] ? *placed[s] : empty;
    std::string street = a.line1;
    if (!a.line2.empty()) street += "\n" + a.line2;
    setText(element, std::string(slots[s].street), street);
    setText(element, std::string(slots[s].city), a.city);
    setText(element, std::string(slots[s].state), a.region);
    setText(element, std::string(slots[s].code), a.postal_code);
    setText(element, std::string(slots[s].country), a.country);
  }
}

std::vector<model::Phone> readPhones(const RowReader& row, const std::vector<PhoneSlot>& slots) {
  std::vector<model::Phone> phones;
  for (const PhoneSlot& slot : slots) {
    std::string number = row.text(std::string(slot.key));
    if (!number.empty()) phones.push_back(model::Phone{std::string(slot.kind), number});
  }
  return phones;
}

void writePhones(const std::vector<model::Phone>& phones, const std::vector<PhoneSlot>& slots,
                 Poco::JSON::Object& element, std::vector<std::string>& warnings) {
  std::vector<bool> used(slots.size(), false);
  std::vector<std::string> numbers(slots.size());
  for (std::size_t i = 0; i < phones.size(); ++i) {
    int slot = pickSlot(phones[i].kind, slots, used);
    if (slot < 0) {
      warnings.push_back("phones[" + std::to_string(i) + "]: a phone " +
                         kindName(phones[i].kind) + " (" + phones[i].number +
                         ") has no free place in vtiger; not sent");
      continue;
    }
    used[slot] = true;
    numbers[slot] = phones[i].number;
  }
  for (std::size_t s = 0; s < slots.size(); ++s) {
    setText(element, std::string(slots[s].key), numbers[s]);
  }
}

Poco::JSON::Object::Ptr remoteObject(const model::RecordMeta& meta) {
  if (meta.remote_data.empty()) return nullptr;
  try {
    Poco::JSON::Parser parser;
    return parser.parse(meta.remote_data).extract<Poco::JSON::Object::Ptr>();
  } catch (const Poco::Exception&) {
    return nullptr;
  }
}

namespace {

const std::vector<AddressSlot>& accountAddresses() {
  static const std::vector<AddressSlot> slots = {
      {"billing", "bill_street", "bill_city", "bill_state", "bill_code", "bill_country"},
      {"shipping", "ship_street", "ship_city", "ship_state", "ship_code", "ship_country"}};
  return slots;
}

const std::vector<PhoneSlot>& accountPhones() {
  static const std::vector<PhoneSlot> slots = {
      {"work", "phone"}, {"other", "otherphone"}, {"fax", "fax"}};
  return slots;
}

const std::vector<AddressSlot>& contactAddresses() {
  static const std::vector<AddressSlot> slots = {
      {"postal", "mailingstreet", "mailingcity", "mailingstate", "mailingzip", "mailingcountry"},
      {"other", "otherstreet", "othercity", "otherstate", "otherzip", "othercountry"}};
  return slots;
}

const std::vector<PhoneSlot>& contactPhones() {
  static const std::vector<PhoneSlot> slots = {{"work", "phone"},
                                               {"mobile", "mobile"},
                                               {"home", "homephone"},
                                               {"fax", "fax"},
                                               {"other", "otherphone"}};
  return slots;
}

}  // namespace

sdk::Result<model::Record> readOrganization(RowReader& row) {
  model::Organization org;
  org.meta = row.meta();
  org.name = row.text("accountname");
  org.email = row.text("email1");
  org.website = row.text("website");
  org.is_customer = row.text("accounttype") == "Customer";
  org.addresses = readAddresses(row, accountAddresses());
  org.phones = readPhones(row, accountPhones());
  if (org.name.empty()) row.fail("accountname", "is empty (vtiger's mandatory name)");
  if (row.error()) return *row.error();
  return model::Record(std::move(org));
}

void writeOrganization(const model::Organization& org, ElementOut out) {
  setText(out.fields, "accountname", org.name);
  setText(out.fields, "email1", org.email);
  setText(out.fields, "website", org.website);
  // Why only "Customer": vtiger's type has no supplier value (suppliers are Vendors), so a
  // non-customer keeps whatever type an admin chose.
  if (org.is_customer) setText(out.fields, "accounttype", "Customer");
  writeAddresses(org.addresses, accountAddresses(), out.fields, out.warnings);
  writePhones(org.phones, accountPhones(), out.fields, out.warnings);
}

sdk::Result<model::Record> readPerson(RowReader& row) {
  model::Person person;
  person.meta = row.meta();
  person.first_name = row.text("firstname");
  person.last_name = row.text("lastname");
  person.email = row.text("email");
  person.title = row.text("title");
  person.organization = row.ref("account_id");
  person.addresses = readAddresses(row, contactAddresses());
  person.phones = readPhones(row, contactPhones());
  if (row.error()) return *row.error();
  return model::Record(std::move(person));
}

void writePerson(const model::Person& person, ElementOut out) {
  setText(out.fields, "firstname", person.first_name);
  setText(out.fields, "lastname", person.last_name);
  setText(out.fields, "email", person.email);
  setText(out.fields, "title", person.title);
  setText(out.fields, "account_id", person.organization.id);
  writeAddresses(person.addresses, contactAddresses(), out.fields, out.warnings);
  writePhones(person.phones, contactPhones(), out.fields, out.warnings);
}

}  // namespace detail

const char* moduleFor(sdk::model::EntityType entity) noexcept {
  using sdk::model::EntityType;
  switch (entity) {
    case EntityType::organization: return "Accounts";
    case EntityType::person: return "Contacts";
    case EntityType::item: return "Products";
    case EntityType::invoice: return "Invoice";
    case EntityType::purchase_order: return "PurchaseOrder";
    default: return nullptr;
  }
}

bool hasLines(sdk::model::EntityType entity) noexcept {
  return entity == sdk::model::EntityType::invoice ||
         entity == sdk::model::EntityType::purchase_order;
}

std::optional<sdk::Timestamp> parseVtigerTime(std::string_view text) {
  if (text.size() != 19 || text[10] != ' ') return std::nullopt;
  std::string iso(text);
  iso[10] = 'T';
  return sdk::Timestamp::parse(iso + "Z");
}

sdk::Result<sdk::model::Record> fromVtiger(sdk::model::EntityType entity,
                                           const Poco::JSON::Object& row) {
  using sdk::model::EntityType;
  const char* module = moduleFor(entity);
  if (module == nullptr) {
    return sdk::makeError(sdk::ErrorKind::not_supported,
                          "vtiger does not carry " + std::string(sdk::model::toString(entity)));
  }
  detail::RowReader reader(row, module);
  switch (entity) {
    case EntityType::organization: return detail::readOrganization(reader);
    case EntityType::person: return detail::readPerson(reader);
    case EntityType::item: return detail::readItem(reader);
    case EntityType::invoice: return detail::readInvoice(reader);
    default: return detail::readPurchaseOrder(reader);
  }
}

sdk::Result<Element> toVtiger(const sdk::model::Record& record, const WriteOptions& options) {
  namespace model = sdk::model;
  Element element;
  element.fields = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  const model::RecordMeta& meta = model::metaOf(record);
  if (!options.create) {
    if (meta.id.empty()) {
      return sdk::makeError(sdk::ErrorKind::permanent, "an update needs the vtiger id", "id");
    }
    element.fields->set("id", meta.id);
  } else {
    element.fields->set("assigned_user_id", options.owner_id);
  }
  detail::ElementOut out{*element.fields, element.warnings};
  sdk::Result<void> written;
  if (auto* org = std::get_if<model::Organization>(&record)) {
    detail::writeOrganization(*org, out);
  } else if (auto* person = std::get_if<model::Person>(&record)) {
    detail::writePerson(*person, out);
  } else if (auto* item = std::get_if<model::Item>(&record)) {
    written = detail::writeItem(*item, options.tax_percents, out);
  } else if (auto* invoice = std::get_if<model::Invoice>(&record)) {
    written = detail::writeInvoice(*invoice, options.tax_percents, out);
  } else if (auto* order = std::get_if<model::PurchaseOrder>(&record)) {
    written = detail::writePurchaseOrder(*order, options.tax_percents, out);
  } else {
    return sdk::makeError(sdk::ErrorKind::not_supported,
                          "vtiger does not carry " +
                              std::string(model::toString(model::typeOf(record))));
  }
  if (!written.ok()) return written.error();
  return element;
}

std::vector<std::string> unsupportedFieldWarnings(const sdk::model::Record& record,
                                                  const sdk::EntityCapability& capability) {
  // Compare through the JSON form so one function serves every entity: a field differs from
  // its default exactly when its JSON differs.
  auto fieldsOf = [](const sdk::model::Record& r) {
    Poco::JSON::Parser parser;
    auto root = parser.parse(sdk::model::toJson(r)).extract<Poco::JSON::Object::Ptr>();
    return root->getObject("fields");
  };
  auto given = fieldsOf(record);
  auto defaults = fieldsOf(sdk::model::makeRecord(sdk::model::typeOf(record)));
  std::vector<std::string> warnings;
  for (const std::string& field : capability.unsupported_fields) {
    if (!given || !given->has(field)) continue;
    std::ostringstream a, b;
    Poco::JSON::Stringifier::stringify(given->get(field), a);
    if (defaults && defaults->has(field)) Poco::JSON::Stringifier::stringify(defaults->get(field), b);
    if (a.str() != b.str()) {
      warnings.push_back(field + ": vtiger has no place for it; " + a.str() + " not sent");
    }
  }
  return warnings;
}

}  // namespace accord::plugins::vtiger
