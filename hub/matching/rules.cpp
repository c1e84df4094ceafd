#include "matching/rules.h"

#include <algorithm>
#include <sstream>

#include "matching/normalise.h"

namespace accord::matching {
namespace {

using model::EntityType;

template <typename T>
const T* as(const model::Record& record) {
  return std::get_if<T>(&record);
}

std::string orgName(const model::Record& r, const MatchSettings&) {
  const auto* org = as<model::Organization>(r);
  return org ? companyName(org->name) : std::string();
}
std::string orgEmail(const model::Record& r, const MatchSettings& s) {
  const auto* org = as<model::Organization>(r);
  return org ? emailAddress(org->email, s.strip_plus_tags) : std::string();
}
std::string orgAccountNumber(const model::Record& r, const MatchSettings&) {
  const auto* org = as<model::Organization>(r);
  return org ? codeKey(org->account_number) : std::string();
}
std::string personEmail(const model::Record& r, const MatchSettings& s) {
  const auto* person = as<model::Person>(r);
  return person ? emailAddress(person->email, s.strip_plus_tags) : std::string();
}
// The organization's canonical id is part of the value: the same name in another company is
// another person.
std::string personNameInOrg(const model::Record& r, const MatchSettings&) {
  const auto* person = as<model::Person>(r);
  if (!person) return {};
  std::string name = personName(person->first_name, person->last_name);
  return name.empty() ? name : name + "|" + person->organization.id;
}

template <typename T>
std::string documentNumber(const model::Record& r, const MatchSettings&) {
  const auto* doc = as<T>(r);
  if (!doc || doc->number.empty()) return {};
  if constexpr (requires { doc->kind; }) return doc->kind + ":" + codeKey(doc->number);
  return codeKey(doc->number);
}
template <typename T>
std::string documentContact(const model::Record& r, const MatchSettings&) {
  const auto* doc = as<T>(r);
  if (!doc) return {};
  if (!doc->organization.empty()) return "organization:" + doc->organization.id;
  return doc->person.empty() ? std::string() : "person:" + doc->person.id;
}

template <typename T>
std::string recordCode(const model::Record& r, const MatchSettings&) {
  const auto* rec = as<T>(r);
  return rec ? codeKey(rec->code) : std::string();
}
template <typename T>
std::string recordName(const model::Record& r, const MatchSettings&) {
  const auto* rec = as<T>(r);
  return rec ? foldText(rec->name) : std::string();
}
std::string taxRate(const model::Record& r, const MatchSettings&) {
  const auto* tax = as<model::TaxCode>(r);
  return tax ? tax->rate.normalized().toString() : std::string();
}

constexpr KeyDefinition kOrganization[] = {
    {"name", true, true, orgName},
    {"email", true, true, orgEmail},
    {"account_number", true, true, orgAccountNumber}};
constexpr KeyDefinition kPerson[] = {{"email", true, true, personEmail},
                                     {"name", true, true, personNameInOrg}};
constexpr KeyDefinition kItem[] = {{"code", true, true, recordCode<model::Item>},
                                   {"name", true, false, recordName<model::Item>}};
constexpr KeyDefinition kInvoice[] = {
    {"number", true, true, documentNumber<model::Invoice>},
    {"contact", false, true, documentContact<model::Invoice>}};
constexpr KeyDefinition kCreditNote[] = {
    {"number", true, true, documentNumber<model::CreditNote>},
    {"contact", false, true, documentContact<model::CreditNote>}};
constexpr KeyDefinition kPurchaseOrder[] = {
    {"number", true, true, documentNumber<model::PurchaseOrder>},
    {"contact", false, true, documentContact<model::PurchaseOrder>}};
constexpr KeyDefinition kAccount[] = {{"code", true, true, recordCode<model::Account>},
                                      {"name", true, false, recordName<model::Account>}};
constexpr KeyDefinition kTaxCode[] = {{"name", true, true, recordName<model::TaxCode>},
                                      {"rate", false, true, taxRate}};

std::vector<std::string> splitList(std::string_view text) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in{std::string(text)};
  while (std::getline(in, item, ',')) {
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string joinNames(const std::vector<const KeyDefinition*>& keys) {
  std::string out;
  for (const auto* key : keys) out += (out.empty() ? "" : ",") + std::string(key->name);
  return out.empty() ? "none" : out;
}

Error badSetting(std::string_view name, const std::string& why) {
  return sdk::makeError(ErrorKind::invalid_config,
                        "matching setting '" + std::string(name) + "': " + why, std::string(name));
}

Result<void> setKeys(MatchSettings& settings, std::string_view name, EntityType entity,
                     std::string_view value) {
  std::vector<std::string> keys = value == "none" ? std::vector<std::string>{} : splitList(value);
  for (const std::string& key : keys) {
    if (findKey(entity, key)) continue;
    std::string allowed;
    for (const auto& def : keyDefinitions(entity)) {
      allowed += (allowed.empty() ? "" : ", ") + std::string(def.name);
    }
    return badSetting(name, "no key '" + key + "' for " + std::string(model::toString(entity)) +
                                " (one of: " + allowed + ")");
  }
  const bool any_indexed = std::any_of(keys.begin(), keys.end(), [&](const std::string& key) {
    return findKey(entity, key)->indexed;
  });
  if (!keys.empty() && !any_indexed) {
    return badSetting(name, "needs at least one key that finds candidates, not only '" +
                                std::string(value) + "'");
  }
  settings.keys[entity] = std::move(keys);
  return {};
}

}  // namespace

std::span<const KeyDefinition> keyDefinitions(model::EntityType entity) {
  switch (entity) {
    case EntityType::organization: return kOrganization;
    case EntityType::person: return kPerson;
    case EntityType::item: return kItem;
    case EntityType::invoice: return kInvoice;
    case EntityType::credit_note: return kCreditNote;
    case EntityType::purchase_order: return kPurchaseOrder;
    case EntityType::account: return kAccount;
    case EntityType::tax_code: return kTaxCode;
    default: return {};
  }
}

const KeyDefinition* findKey(model::EntityType entity, std::string_view name) {
  for (const auto& def : keyDefinitions(entity)) {
    if (def.name == name) return &def;
  }
  return nullptr;
}

std::vector<const KeyDefinition*> MatchSettings::keysFor(model::EntityType entity) const {
  std::vector<const KeyDefinition*> out;
  auto chosen = keys.find(entity);
  for (const auto& def : keyDefinitions(entity)) {
    const bool on = chosen == keys.end()
                        ? def.by_default
                        : std::count(chosen->second.begin(), chosen->second.end(), def.name) > 0;
    if (on) out.push_back(&def);
  }
  return out;
}

Result<void> MatchSettings::set(std::string_view name, std::string_view value) {
  if (name == "email.plus_tags") {
    if (value != "keep" && value != "strip") return badSetting(name, "must be 'keep' or 'strip'");
    strip_plus_tags = value == "strip";
    return {};
  }
  const auto dot = name.find('.');
  if (dot != std::string_view::npos && name.substr(dot) == ".keys") {
    auto entity = model::entityTypeFromString(name.substr(0, dot));
    if (entity && !keyDefinitions(*entity).empty()) return setKeys(*this, name, *entity, value);
  }
  return badSetting(name, "unknown (settings are email.plus_tags and <entity>.keys for "
                          "organization, person, item, invoice, credit_note, purchase_order, "
                          "account, tax_code)");
}

std::vector<std::pair<std::string, std::string>> MatchSettings::describe() const {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("email.plus_tags", strip_plus_tags ? "strip" : "keep");
  for (EntityType entity : model::allEntityTypes()) {
    if (keyDefinitions(entity).empty()) continue;
    out.emplace_back(std::string(model::toString(entity)) + ".keys", joinNames(keysFor(entity)));
  }
  return out;
}

}  // namespace accord::matching
