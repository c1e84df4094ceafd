#include "mapping_common.h"

#include <map>
#include <set>

namespace accord::plugins::xero::detail {
namespace {

const std::map<std::string, std::string> kAddressFromXero{
    {"POBOX", "postal"}, {"STREET", "street"}, {"DELIVERY", "shipping"}};
const std::map<std::string, std::string> kPhoneFromXero{
    {"DEFAULT", "work"}, {"DDI", "other"}, {"MOBILE", "mobile"}, {"FAX", "fax"}};
const std::map<std::string, std::string> kPhoneToXero{
    {"work", "DEFAULT"}, {"other", "DDI"}, {"mobile", "MOBILE"}, {"fax", "FAX"}};

std::string joined(const std::vector<std::string>& parts, const std::string& separator) {
  std::string out;
  for (const auto& part : parts) {
    if (part.empty()) continue;
    if (!out.empty()) out += separator;
    out += part;
  }
  return out;
}

}  // namespace

std::vector<Address> readAddresses(Reader& r) {
  std::vector<Address> out;
  JsonArray array = r.array("Addresses");
  for (std::size_t i = 0; i < array->size(); ++i) {
    JsonObject element = array->getObject(static_cast<unsigned>(i));
    if (!element) continue;
    Reader a = r.child(*element, "Addresses[" + std::to_string(i) + "]");
    Address address;
    std::string type = a.str("AddressType");
    address.line1 = a.str("AddressLine1");
    // Xero has four lines, the model two: lines 2-4 share line2 (written back as line 2).
    address.line2 = joined({a.str("AddressLine2"), a.str("AddressLine3"), a.str("AddressLine4")},
                           ", ");
    address.city = a.str("City");
    address.region = a.str("Region");
    address.postal_code = a.str("PostalCode");
    address.country = a.str("Country");
    if (address == Address{}) continue;  // Xero lists empty STREET/POBOX slots on every contact
    auto kind = kAddressFromXero.find(type);
    address.kind = kind == kAddressFromXero.end() ? "other" : kind->second;
    out.push_back(std::move(address));
  }
  return out;
}

JsonArray writeAddresses(const std::vector<Address>& addresses,
                         std::vector<std::string>& warnings) {
  JsonArray out = new Poco::JSON::Array();
  for (const Address& address : addresses) {
    Poco::JSON::Object::Ptr element = new Poco::JSON::Object();
    std::string type = address.kind == "shipping" ? "DELIVERY"
                       : address.kind == "street" ? "STREET"
                                                  : "POBOX";
    if (address.kind != "postal" && address.kind != "street" && address.kind != "shipping") {
      warnings.push_back("addresses: a \"" + address.kind +
                         "\" address is kept by Xero as its postal (POBOX) address");
    }
    element->set("AddressType", type);
    element->set("AddressLine1", address.line1);
    element->set("AddressLine2", address.line2);
    element->set("City", address.city);
    element->set("Region", address.region);
    element->set("PostalCode", address.postal_code);
    element->set("Country", address.country);
    out->add(element);
  }
  return out;
}

std::vector<Phone> readPhones(Reader& r) {
  std::vector<Phone> out;
  JsonArray array = r.array("Phones");
  for (std::size_t i = 0; i < array->size(); ++i) {
    JsonObject element = array->getObject(static_cast<unsigned>(i));
    if (!element) continue;
    Reader p = r.child(*element, "Phones[" + std::to_string(i) + "]");
    std::string type = p.str("PhoneType");
    std::string number =
        joined({p.str("PhoneCountryCode"), p.str("PhoneAreaCode"), p.str("PhoneNumber")}, " ");
    if (number.empty()) continue;  // Xero lists all four types, mostly empty
    auto kind = kPhoneFromXero.find(type);
    out.push_back(Phone{kind == kPhoneFromXero.end() ? "other" : kind->second, number});
  }
  return out;
}

sdk::Result<JsonArray> writePhones(const std::vector<Phone>& phones) {
  JsonArray out = new Poco::JSON::Array();
  std::set<std::string> used;
  for (std::size_t i = 0; i < phones.size(); ++i) {
    auto type = kPhoneToXero.find(phones[i].kind);
    std::string field = "phones[" + std::to_string(i) + "]";
    if (type == kPhoneToXero.end()) {
      return sdk::makeError(sdk::ErrorKind::permanent,
                            field + ": Xero has no \"" + phones[i].kind +
                                "\" phone (work, mobile, fax or other)",
                            field);
    }
    if (!used.insert(type->second).second) {
      return sdk::makeError(sdk::ErrorKind::permanent,
                            field + ": Xero keeps one " + phones[i].kind + " phone per contact",
                            field);
    }
    Poco::JSON::Object::Ptr element = new Poco::JSON::Object();
    element->set("PhoneType", type->second);
    element->set("PhoneNumber", phones[i].number);
    out->add(element);
  }
  return out;
}

std::vector<LineItem> readLines(Reader& r, const std::string& key) {
  std::vector<LineItem> out;
  JsonArray array = r.array(key);
  r.keep(key);
  for (std::size_t i = 0; i < array->size(); ++i) {
    JsonObject element = array->getObject(static_cast<unsigned>(i));
    if (!element) {
      r.fail(key + "[" + std::to_string(i) + "]", "expected an object");
      continue;
    }
    Reader l = r.child(*element, key + "[" + std::to_string(i) + "]");
    LineItem line;
    line.description = l.str("Description");
    line.quantity = l.amount("Quantity");
    line.unit_price = l.amount("UnitAmount");
    line.discount_rate = l.decimal("DiscountRate");
    line.item.id = l.str("ItemCode");
    line.tax_code.id = l.str("TaxType");
    line.account.id = l.str("AccountCode");
    if (line.account.id.empty()) line.account.id = l.str("AccountID");
    line.tax_amount = l.amount("TaxAmount");
    line.line_total = l.amount("LineAmount");
    out.push_back(std::move(line));
  }
  return out;
}

JsonArray writeLines(const std::vector<LineItem>& lines) {
  JsonArray out = new Poco::JSON::Array();
  for (const LineItem& line : lines) {
    Poco::JSON::Object::Ptr element = new Poco::JSON::Object();
    element->set("Description", line.description);
    setDecimal(*element, "Quantity", line.quantity);
    setDecimal(*element, "UnitAmount", line.unit_price);
    if (line.discount_rate) setDecimal(*element, "DiscountRate", *line.discount_rate);
    setIfNotEmpty(*element, "ItemCode", line.item.id);
    setIfNotEmpty(*element, "TaxType", line.tax_code.id);
    setAccountRef(*element, "AccountCode", "AccountID", line.account);
    out->add(element);
  }
  return out;
}

std::string readContactId(Reader& r, const std::string& key) {
  JsonObject contact = r.object(key);
  if (!contact) return {};
  Reader c = r.child(*contact, key);
  return c.str("ContactID");
}

void setAccountRef(Poco::JSON::Object& target, const std::string& code_key,
                   const std::string& id_key, const Ref& account) {
  if (account.empty()) return;
  target.set(looksLikeGuid(account.id) ? id_key : code_key, account.id);
}

std::string lineAmountTypesFromXero(const std::string& xero) {
  std::string upper = toUpper(xero);
  if (upper == "INCLUSIVE") return "inclusive";
  if (upper == "NOTAX") return "no_tax";
  return "exclusive";
}

std::string lineAmountTypesToXero(const std::string& canonical) {
  if (canonical == "inclusive") return "Inclusive";
  if (canonical == "no_tax") return "NoTax";
  return "Exclusive";
}

std::optional<RecordStatus> removedStatus(const std::string& xero_status) {
  std::string upper = toUpper(xero_status);
  if (upper == "VOIDED" || upper == "ARCHIVED") return RecordStatus::archived;
  if (upper == "DELETED" || upper == "GDPRREQUEST") return RecordStatus::deleted;
  return std::nullopt;
}

void setRemoval(Decoded& out, RecordStatus status, const std::optional<sdk::Timestamp>& at) {
  out.records.clear();
  out.removals.push_back(sdk::Removal{"", status, at});
}

}  // namespace accord::plugins::xero::detail
