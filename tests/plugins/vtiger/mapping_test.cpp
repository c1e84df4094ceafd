// Mapping on the shapes vtiger's webservice answers (notes.md; vtiger 7 as the sandbox serves
// it): rows into records, records into elements, and the round trip between them.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "accord/sdk/model/codec.h"
#include "client.h"
#include "descriptor.h"
#include "mapping.h"

namespace accord::plugins::vtiger {
namespace {

namespace model = sdk::model;
using model::EntityType;
using Poco::JSON::Object;

Object::Ptr parse(const std::string& json) {
  Poco::JSON::Parser parser;
  return parser.parse(json).extract<Object::Ptr>();
}

const char* kAccount = R"({"accountname":"Acme Ltd","account_no":"ACC1","website":"acme.example",
  "phone":"+44 20 7946 0000","fax":"+44 20 7946 0001","email1":"billing@acme.example",
  "accounttype":"Customer","assigned_user_id":"19x1","createdtime":"2026-01-01 09:00:00",
  "modifiedtime":"2026-01-02 10:30:00","bill_street":"1 High St\nUnit 4","bill_city":"London",
  "bill_code":"EC1A 1BB","bill_country":"GB","ship_street":"2 Dock Rd","ship_city":"Tilbury",
  "description":"key account","id":"11x23"})";

const char* kInvoice = R"({"subject":"INV-0042","invoicedate":"2026-01-10","duedate":"2026-02-09",
  "account_id":"11x23","contact_id":"12x24","invoicestatus":"Sent","hdnTaxType":"individual",
  "hdnSubTotal":"229.50000000","pre_tax_total":"210.00000000","hdnGrandTotal":"229.50000000",
  "txtAdjustment":"0.00000000","received":"100.00000000","balance":"129.50000000",
  "conversion_rate":"1.000","invoice_no":"INV3","modifiedtime":"2026-01-10 12:00:00",
  "LineItems":[{"parent_id":"7x30","productid":"14x25","sequence_no":"1","quantity":"2.000",
   "listprice":"100.00000000","discount_percent":"","discount_amount":"","comment":"Widgets",
   "tax1":"","tax2":"10.000","tax3":"","id":"33x1"},
   {"parent_id":"7x30","productid":"14x26","sequence_no":"2","quantity":"1.000",
   "listprice":"10.00000000","discount_percent":"","discount_amount":"","comment":"",
   "tax1":"","tax2":"","tax3":"","id":"33x2"}],"productid":"14x25","id":"7x30"})";

TEST(VtigerMapping, AccountRowBecomesAnOrganization) {
  auto record = fromVtiger(EntityType::organization, *parse(kAccount));
  ASSERT_TRUE(record.ok()) << record.error().describe();
  const auto& org = std::get<model::Organization>(record.value());
  EXPECT_EQ(org.meta.id, "11x23");
  EXPECT_EQ(org.meta.updated_at->toString(), "2026-01-02T10:30:00Z");
  EXPECT_EQ(org.name, "Acme Ltd");
  EXPECT_EQ(org.email, "billing@acme.example");
  EXPECT_TRUE(org.is_customer);
  ASSERT_EQ(org.addresses.size(), 2u);
  EXPECT_EQ(org.addresses[0].kind, "billing");
  EXPECT_EQ(org.addresses[0].line1, "1 High St");
  EXPECT_EQ(org.addresses[0].line2, "Unit 4");
  EXPECT_EQ(org.addresses[1].kind, "shipping");
  ASSERT_EQ(org.phones.size(), 2u);
  EXPECT_EQ(org.phones[1], (model::Phone{"fax", "+44 20 7946 0001"}));
  // Fields the model does not carry stay in remote_data.
  EXPECT_NE(org.meta.remote_data.find("key account"), std::string::npos);
  EXPECT_TRUE(model::validate(record.value()).ok());
}

TEST(VtigerMapping, ContactKeepsItsOrganizationAndPhones) {
  auto record = fromVtiger(EntityType::person, *parse(R"({"firstname":"Ada","lastname":"Byron",
    "email":"ada@acme.example","title":"CTO","account_id":"11x23","mobile":"+44 7700 900000",
    "homephone":"+44 20 1234","mailingcity":"London","id":"12x24"})"));
  ASSERT_TRUE(record.ok()) << record.error().describe();
  const auto& person = std::get<model::Person>(record.value());
  EXPECT_EQ(person.organization.id, "11x23");
  EXPECT_EQ(person.phones, (std::vector<model::Phone>{{"mobile", "+44 7700 900000"},
                                                      {"home", "+44 20 1234"}}));
  ASSERT_EQ(person.addresses.size(), 1u);
  EXPECT_EQ(person.addresses[0].kind, "postal");
}

TEST(VtigerMapping, ProductCarriesSeveralTaxesAndItsPurchaseCost) {
  auto record = fromVtiger(EntityType::item, *parse(R"({"productname":"Widget",
    "productcode":"W-1","discontinued":"1","unit_price":"499.00000000",
    "purchase_cost":"250.50000000","qtyinstock":"12.000","tax3":"12.500","tax1":"4.500",
    "id":"14x25"})"));
  ASSERT_TRUE(record.ok()) << record.error().describe();
  const auto& item = std::get<model::Item>(record.value());
  EXPECT_EQ(item.sale_price->toString(), "499");
  EXPECT_EQ(item.purchase_price->toString(), "250.5");
  EXPECT_EQ(item.quantity_on_hand->toString(), "12");
  EXPECT_EQ(item.taxes, (std::vector<model::Ref>{{"tax1"}, {"tax3"}}));
  EXPECT_TRUE(item.is_sold);
}

TEST(VtigerMapping, InvoiceWithLinesAndTotals) {
  auto record = fromVtiger(EntityType::invoice, *parse(kInvoice));
  ASSERT_TRUE(record.ok()) << record.error().describe();
  const auto& invoice = std::get<model::Invoice>(record.value());
  EXPECT_EQ(invoice.number, "INV-0042");
  EXPECT_EQ(invoice.status, "authorised");
  EXPECT_EQ(invoice.organization.id, "11x23");
  EXPECT_EQ(invoice.date->toString(), "2026-01-10");
  ASSERT_EQ(invoice.lines.size(), 2u);
  EXPECT_EQ(invoice.lines[0].item.id, "14x25");
  EXPECT_EQ(invoice.lines[0].tax_code.id, "tax2");
  EXPECT_EQ(invoice.lines[0].line_total.toString(), "200");
  EXPECT_EQ(invoice.lines[0].tax_amount.toString(), "20");
  EXPECT_TRUE(invoice.lines[1].tax_code.empty());
  EXPECT_EQ(invoice.total.toString(), "229.5");
  EXPECT_EQ(invoice.total_tax.toString(), "19.5");
  EXPECT_EQ(invoice.amount_paid.toString(), "100");
  EXPECT_EQ(invoice.amount_due.toString(), "129.5");
}

TEST(VtigerMapping, CancelledPurchaseOrderIsArchived) {
  auto record = fromVtiger(EntityType::purchase_order, *parse(R"({"subject":"PO-7",
    "vendor_id":"2x40","postatus":"Cancelled","ship_street":"3 Quay","id":"5x41"})"));
  ASSERT_TRUE(record.ok()) << record.error().describe();
  const auto& order = std::get<model::PurchaseOrder>(record.value());
  EXPECT_EQ(order.meta.status, model::RecordStatus::archived);
  EXPECT_EQ(order.organization.id, "2x40");
  EXPECT_EQ(order.delivery_address.line1, "3 Quay");
}

TEST(VtigerMapping, MalformedValuesNameTheRecordAndField) {
  auto price = fromVtiger(EntityType::item,
                          *parse(R"({"productname":"W","unit_price":"12,50","id":"14x9"})"));
  ASSERT_FALSE(price.ok());
  EXPECT_EQ(price.error().kind, sdk::ErrorKind::permanent);
  EXPECT_EQ(price.error().field, "unit_price");
  EXPECT_NE(price.error().message.find("Products 14x9"), std::string::npos);

  std::string bad_line = std::regex_replace(std::string(kInvoice), std::regex("\"2.000\""),
                                            "\"two\"");
  auto line = fromVtiger(EntityType::invoice, *parse(bad_line));
  ASSERT_FALSE(line.ok());
  EXPECT_EQ(line.error().field, "LineItems[0].quantity");
  EXPECT_NE(line.error().message.find("Invoice 7x30"), std::string::npos);

  std::string bad_product = std::regex_replace(std::string(kInvoice), std::regex("\"14x26\""),
                                               "\"Widget\"");
  auto product = fromVtiger(EntityType::invoice, *parse(bad_product));
  ASSERT_FALSE(product.ok());
  EXPECT_EQ(product.error().field, "LineItems[1].productid");

  auto status = fromVtiger(EntityType::invoice,
                           *parse(R"({"subject":"X","invoicestatus":"Lost","id":"7x1"})"));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().field, "invoicestatus");

  auto ref = fromVtiger(EntityType::person,
                        *parse(R"({"lastname":"B","account_id":"Acme","id":"12x2"})"));
  ASSERT_FALSE(ref.ok());
  EXPECT_EQ(ref.error().field, "account_id");

  auto time = fromVtiger(EntityType::organization,
                         *parse(R"({"accountname":"A","modifiedtime":"yesterday","id":"11x2"})"));
  ASSERT_FALSE(time.ok());
  EXPECT_EQ(time.error().field, "modifiedtime");
}

// What vtiger stores for an element: its values as text, with an id and times.
Object::Ptr stored(const Element& element, const std::string& id) {
  std::ostringstream text;
  element.fields->stringify(text);
  Object::Ptr row = parse(text.str());
  row->set("id", id);
  row->set("modifiedtime", "2026-01-03 08:00:00");
  return row;
}

WriteOptions taxTable() {
  WriteOptions options;
  options.tax_percents = {{"tax1", "4.500"}, {"tax2", "10.000"}, {"tax3", "12.500"}};
  return options;
}

template <typename T>
T roundTrip(const T& original, const std::string& id) {
  auto element = toVtiger(model::Record(original), taxTable());
  EXPECT_TRUE(element.ok()) << element.error().describe();
  EXPECT_TRUE(element->warnings.empty()) << element->warnings.front();
  auto back = fromVtiger(T::kType, *stored(element.value(), id));
  EXPECT_TRUE(back.ok()) << back.error().describe();
  T result = std::get<T>(back.value());
  result.meta = original.meta;
  return result;
}

TEST(VtigerMapping, OrganizationAndPersonRoundTrip) {
  model::Organization org;
  org.name = "Globex";
  org.email = "ap@globex.example";
  org.website = "globex.example";
  org.is_customer = true;
  org.addresses = {{"billing", "9 Main St", "Floor 2", "Springfield", "IL", "62701", "US"},
                   {"shipping", "10 Dock", "", "Shelbyville", "IL", "62565", "US"}};
  org.phones = {{"work", "+1 217 555 0100"}, {"other", "+1 217 555 0101"}};
  EXPECT_EQ(roundTrip(org, "11x50"), org);

  model::Person person;
  person.first_name = "Hank";
  person.last_name = "Scorpio";
  person.email = "hank@globex.example";
  person.title = "CEO";
  person.organization = {"11x50"};
  person.addresses = {{"postal", "1 Volcano Rd", "", "Cypress Creek", "", "", "US"}};
  person.phones = {{"work", "1"}, {"mobile", "2"}, {"home", "3"}, {"fax", "4"}, {"other", "5"}};
  EXPECT_EQ(roundTrip(person, "12x51"), person);
}

TEST(VtigerMapping, ItemRoundTripKeepsTaxesAndPrices) {
  model::Item item;
  item.code = "GX-1";
  item.name = "Gadget";
  item.description = "A gadget";
  item.is_sold = false;
  item.sale_price = sdk::Decimal(1999, 2);
  item.purchase_price = sdk::Decimal(1050, 2);
  item.quantity_on_hand = sdk::Decimal(7, 0);
  item.taxes = {{"tax1"}, {"tax3"}};
  auto element = toVtiger(model::Record(item), taxTable());
  ASSERT_TRUE(element.ok());
  // Taxes the record lacks are sent empty so a revise removes them from the product.
  EXPECT_EQ(element->fields->getValue<std::string>("tax2"), "");
  EXPECT_EQ(element->fields->getValue<std::string>("tax3"), "12.500");
  EXPECT_EQ(roundTrip(item, "14x52"), item);
}

TEST(VtigerMapping, InvoiceRoundTripKeepsHeaderAndLines) {
  model::Invoice invoice;
  invoice.number = "INV-7";
  invoice.reference = "PO 99";
  invoice.organization = {"11x50"};
  invoice.person = {"12x51"};
  invoice.date = sdk::Date{2026, 1, 5};
  invoice.due_date = sdk::Date{2026, 2, 4};
  invoice.status = "paid";
  invoice.amount_paid = sdk::Decimal(11000, 2);
  model::LineItem line;
  line.item = {"14x52"};
  line.description = "Gadgets";
  line.quantity = sdk::Decimal(2, 0);
  line.unit_price = sdk::Decimal(50, 0);
  line.discount_rate = sdk::Decimal(10, 0);
  line.tax_code = {"tax2"};
  invoice.lines = {line};
  model::Invoice back = roundTrip(invoice, "7x53");
  EXPECT_EQ(back.number, invoice.number);
  EXPECT_EQ(back.reference, invoice.reference);
  EXPECT_EQ(back.organization, invoice.organization);
  EXPECT_EQ(back.person, invoice.person);
  EXPECT_EQ(back.date, invoice.date);
  EXPECT_EQ(back.due_date, invoice.due_date);
  EXPECT_EQ(back.status, invoice.status);
  EXPECT_EQ(back.amount_paid, invoice.amount_paid);
  ASSERT_EQ(back.lines.size(), 1u);
  EXPECT_EQ(back.lines[0].item, line.item);
  EXPECT_EQ(back.lines[0].description, line.description);
  EXPECT_EQ(back.lines[0].quantity, line.quantity);
  EXPECT_EQ(back.lines[0].unit_price, line.unit_price);
  EXPECT_EQ(back.lines[0].discount_rate, line.discount_rate);
  EXPECT_EQ(back.lines[0].tax_code, line.tax_code);
  EXPECT_EQ(back.lines[0].line_total.toString(), "90");
}

TEST(VtigerMapping, PurchaseOrderRoundTrip) {
  model::PurchaseOrder order;
  order.number = "PO-3";
  order.reference = "REQ-1";
  order.organization = {"2x60"};
  order.delivery_date = sdk::Date{2026, 3, 1};
  order.status = "billed";
  order.delivery_address = {"", "1 Quay", "", "Hull", "", "HU1", "GB"};
  model::LineItem line;
  line.item = {"14x52"};
  line.quantity = sdk::Decimal(3, 0);
  line.unit_price = sdk::Decimal(4, 0);
  order.lines = {line};
  auto element = toVtiger(model::Record(order), taxTable());
  ASSERT_TRUE(element.ok());
  EXPECT_EQ(element->fields->getValue<std::string>("bill_street"), "1 Quay");  // mandatory
  model::PurchaseOrder back = roundTrip(order, "5x61");
  EXPECT_EQ(back.number, order.number);
  EXPECT_EQ(back.reference, order.reference);
  EXPECT_EQ(back.organization, order.organization);
  EXPECT_EQ(back.delivery_date, order.delivery_date);
  EXPECT_EQ(back.status, order.status);
  EXPECT_EQ(back.delivery_address, order.delivery_address);
  ASSERT_EQ(back.lines.size(), 1u);
  EXPECT_EQ(back.lines[0].quantity, line.quantity);
}

// Limits: each is reported on the record, never dropped without a word.
TEST(VtigerMapping, WhatVtigerCannotHoldIsReported) {
  model::Organization org;
  org.name = "Initech";
  org.tax_number = "GB123";
  org.addresses = {{"billing", "1", "", "", "", "", ""},
                   {"shipping", "2", "", "", "", "", ""},
                   {"postal", "3", "", "", "", "", ""}};
  org.phones = {{"mobile", "+1 555"}};
  auto element = toVtiger(model::Record(org), {});
  ASSERT_TRUE(element.ok());
  ASSERT_EQ(element->warnings.size(), 2u);
  EXPECT_NE(element->warnings[0].find("addresses[2]"), std::string::npos);
  EXPECT_NE(element->warnings[1].find("phones[0]"), std::string::npos);
  auto unsupported = unsupportedFieldWarnings(model::Record(org),
                                              *describe().entity(EntityType::organization));
  ASSERT_EQ(unsupported.size(), 1u);
  EXPECT_NE(unsupported[0].find("tax_number"), std::string::npos);
  EXPECT_NE(unsupported[0].find("GB123"), std::string::npos);
}

// Every field the manifest declares unsupported, when set, gets a warning that names it.
TEST(VtigerMapping, EveryUnsupportedFieldIsReportedWhenSet) {
  model::Organization org;
  org.account_number = "A-1";
  org.tax_number = "T-1";
  org.currency = "EUR";
  org.is_supplier = true;
  org.people = {{"12x1"}};
  model::Person person;
  person.is_primary = true;
  model::Item item;
  item.purchase_description = "bought in bulk";
  item.is_purchased = false;
  item.is_tracked = true;
  item.sale_account = {"200"};
  item.sale_tax_code = {"OUTPUT"};
  item.purchase_account = {"300"};
  item.purchase_tax_code = {"INPUT"};
  item.inventory_account = {"630"};
  item.currency = "EUR";
  model::Invoice invoice;
  invoice.currency = "EUR";
  invoice.amount_credited = sdk::Decimal(5, 0);
  model::PurchaseOrder order;
  order.date = sdk::Date{2026, 1, 1};
  order.currency = "EUR";
  order.attention_to = "Stores";
  order.delivery_instructions = "Back door";
  const sdk::Manifest manifest = describe();
  for (const model::Record& record : std::vector<model::Record>{org, person, item, invoice, order}) {
    const sdk::EntityCapability& cap = *manifest.entity(model::typeOf(record));
    auto warnings = unsupportedFieldWarnings(record, cap);
    ASSERT_EQ(warnings.size(), cap.unsupported_fields.size()) << model::toString(cap.entity);
    for (std::size_t i = 0; i < warnings.size(); ++i) {
      EXPECT_EQ(warnings[i].rfind(cap.unsupported_fields[i] + ":", 0), 0u) << warnings[i];
    }
    EXPECT_TRUE(unsupportedFieldWarnings(model::makeRecord(cap.entity), cap).empty());
  }
}

TEST(VtigerMapping, DocumentsVtigerCannotTakeAreRefusedNamingTheField) {
  model::Invoice bill;
  bill.kind = "purchase";
  bill.number = "B-1";
  EXPECT_EQ(toVtiger(model::Record(bill), taxTable()).error().field, "kind");

  model::Invoice inclusive;
  inclusive.number = "I-1";
  inclusive.line_amount_types = "inclusive";
  EXPECT_EQ(toVtiger(model::Record(inclusive), taxTable()).error().field, "line_amount_types");

  model::Invoice no_product;
  no_product.number = "I-2";
  no_product.lines.resize(1);
  EXPECT_EQ(toVtiger(model::Record(no_product), taxTable()).error().field, "lines[0].item");

  model::Item item;
  item.name = "W";
  item.taxes = {{"GST"}};
  EXPECT_EQ(toVtiger(model::Record(item), taxTable()).error().field, "taxes");

  model::Invoice no_tax;
  no_tax.number = "I-3";
  no_tax.line_amount_types = "no_tax";
  auto element = toVtiger(model::Record(no_tax), taxTable());
  ASSERT_TRUE(element.ok());
  ASSERT_EQ(element->warnings.size(), 1u);
  EXPECT_NE(element->warnings[0].find("no_tax"), std::string::npos);
}

// Every error code the notes list gets a deliberate kind; the session ones make the hub log
// in again.
TEST(VtigerErrors, EveryCodeInTheNotesIsClassified) {
  std::ifstream notes(std::string(ACCORD_SPECS_DIR) + "/vtiger/notes.md");
  ASSERT_TRUE(notes.good());
  std::stringstream text;
  text << notes.rdbuf();
  std::string all = text.str();
  std::size_t start = all.find("Error codes");
  ASSERT_NE(start, std::string::npos);
  std::string section = all.substr(start, all.find("Newer Vtiger") - start);
  std::regex code_pattern("[A-Z]+(_[A-Z]+)+");
  std::set<std::string> codes;
  for (std::sregex_iterator it(section.begin(), section.end(), code_pattern), end; it != end; ++it) {
    codes.insert(it->str());
  }
  EXPECT_GE(codes.size(), 18u);
  const std::set<std::string> auth = {"INVALID_SESSIONID", "SESSION_EXPIRED", "SESSION_LEFT_IDLE",
                                      "AUTHENTICATION_REQUIRED"};
  for (const std::string& code : codes) {
    sdk::Error error = classifyFailure("query", code, "m");
    EXPECT_EQ(error.kind == sdk::ErrorKind::auth_expired, auth.count(code) == 1) << code;
    EXPECT_NE(error.message.find(code), std::string::npos);
  }
  EXPECT_EQ(classifyFailure("login", "INVALID_USER_CREDENTIALS", "m").kind,
            sdk::ErrorKind::invalid_config);
  EXPECT_EQ(classifyFailure("getchallenge", "ACCESS_DENIED", "m").kind,
            sdk::ErrorKind::invalid_config);
  EXPECT_EQ(classifyFailure("create", "MANDATORY_FIELDS_MISSING", "m").kind,
            sdk::ErrorKind::permanent);
}

}  // namespace
}  // namespace accord::plugins::vtiger
