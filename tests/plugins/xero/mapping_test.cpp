// Mapping on Xero's own example payloads (shared/specs/xero/examples) and canonical -> Xero ->
// canonical round trips, including the limits Xero imposes.
#include <gtest/gtest.h>

#include "example_payloads.h"
#include "mapping.h"

namespace accord::plugins::xero {
namespace {

using namespace accord::sdk::model;
using testing::element;
using testing::example;

Decoded decodeOk(EntityType entity, const Poco::JSON::Object& object) {
  auto decoded = decode(entity, *resourceFor(entity), object);
  EXPECT_TRUE(decoded.ok()) << decoded.error().describe();
  return decoded.ok() ? decoded.value() : Decoded{};
}

template <typename T>
T only(const Decoded& decoded) {
  EXPECT_EQ(decoded.records.size(), 1u);
  EXPECT_TRUE(decoded.removals.empty());
  return decoded.records.empty() ? T{} : std::get<T>(decoded.records.front());
}

TEST(XeroMappingExamples, ContactBecomesOrganizationWithPhonesAddressesAndRawRest) {
  auto org = only<Organization>(decodeOk(EntityType::organization,
                                         *element("getContacts", "Contacts", 0)));
  EXPECT_EQ(org.meta.id, "5cc8cf28-567e-4d43-b287-687cfcaec47c");
  EXPECT_EQ(org.name, "Katherine Warren");
  EXPECT_EQ(org.email, "kat.warren@clampett.com");
  EXPECT_TRUE(org.is_customer);
  EXPECT_TRUE(org.is_supplier);
  ASSERT_TRUE(org.meta.updated_at);
  EXPECT_EQ(org.meta.updated_at->epochMillis(), 1503348544227);
  // Xero lists four phone slots and two address slots; only the filled ones are data.
  ASSERT_EQ(org.phones.size(), 1u);
  EXPECT_EQ(org.phones[0], (Phone{"work", "(626) 847-1294"}));
  ASSERT_EQ(org.addresses.size(), 1u);
  EXPECT_EQ(org.addresses[0].kind, "postal");
  EXPECT_EQ(org.addresses[0].city, "Palo Alto");
  EXPECT_EQ(org.addresses[0].country, "United States");
  // The primary person is the contact's own first and last name.
  ASSERT_EQ(org.people.size(), 1u);
  EXPECT_EQ(org.people[0].id, "5cc8cf28-567e-4d43-b287-687cfcaec47c/primary");
  // Fields the model does not carry stay in remote_data; mapped ones do not repeat there.
  EXPECT_NE(org.meta.remote_data.find("\"Balances\""), std::string::npos);
  EXPECT_NE(org.meta.remote_data.find("\"CompanyNumber\""), std::string::npos);
  EXPECT_EQ(org.meta.remote_data.find("\"EmailAddress\""), std::string::npos);
}

TEST(XeroMappingExamples, ContactPersonsBecomePeopleWithDerivedIds) {
  auto contact = element("getContact", "Contacts", 0);
  auto people = decodeOk(EntityType::person, *contact);
  ASSERT_EQ(people.records.size(), 2u);
  auto primary = std::get<Person>(people.records[0]);
  auto sue = std::get<Person>(people.records[1]);
  std::string id = contact->getValue<std::string>("ContactID");
  EXPECT_TRUE(primary.is_primary);
  EXPECT_EQ(primary.first_name, contact->getValue<std::string>("FirstName"));
  EXPECT_EQ(primary.organization.id, id);
  EXPECT_FALSE(sue.is_primary);
  EXPECT_EQ(sue.meta.id, id + "/sue.johnson@krave.com");
  EXPECT_EQ(sue.first_name, "Sue");
  EXPECT_EQ(sue.last_name, "Johnson");
  auto org = only<Organization>(decodeOk(EntityType::organization, *contact));
  ASSERT_EQ(org.people.size(), 2u);
  EXPECT_EQ(org.people[1].id, sue.meta.id);
}

TEST(XeroMappingExamples, InvoicesKeepAmountsAndVoidedOnesAreArchivals) {
  auto voided = decodeOk(EntityType::invoice, *element("getInvoices", "Invoices", 0));
  ASSERT_EQ(voided.removals.size(), 1u);
  EXPECT_TRUE(voided.records.empty());
  EXPECT_EQ(voided.removals[0].id, "d4956132-ed94-4dd7-9eaa-aa22dfdf06f2");
  EXPECT_EQ(voided.removals[0].status, RecordStatus::archived);

  auto paid = only<Invoice>(decodeOk(EntityType::invoice, *element("getInvoices", "Invoices", 1)));
  EXPECT_EQ(paid.number, "INV-0002");
  EXPECT_EQ(paid.status, "paid");
  EXPECT_EQ(paid.kind, "sales");
  EXPECT_EQ(paid.total, *sdk::Decimal::parse("46"));
  EXPECT_EQ(paid.amount_paid, *sdk::Decimal::parse("46"));
  EXPECT_EQ(paid.currency, "NZD");
  EXPECT_EQ(paid.organization.id, "a3675fc4-f8dd-4f03-ba5b-f1870566bcd7");
  EXPECT_EQ(paid.date, (sdk::Date{2018, 10, 20}));
}

TEST(XeroMappingExamples, EveryListExampleDecodesWithoutError) {
  struct Case { const char* operation; const char* key; EntityType entity; };
  for (const Case& c : {Case{"getContacts", "Contacts", EntityType::organization},
                        Case{"getInvoices", "Invoices", EntityType::invoice},
                        Case{"getItems", "Items", EntityType::item},
                        Case{"getPayments", "Payments", EntityType::payment},
                        Case{"getAccounts", "Accounts", EntityType::account},
                        Case{"getTaxRates", "TaxRates", EntityType::tax_code},
                        Case{"getManualJournals", "ManualJournals", EntityType::journal},
                        Case{"getCreditNotes", "CreditNotes", EntityType::credit_note},
                        Case{"getPurchaseOrders", "PurchaseOrders", EntityType::purchase_order}}) {
    auto list = example(c.operation)->getArray(c.key);
    ASSERT_GT(list->size(), 0u) << c.operation;
    for (unsigned i = 0; i < list->size(); ++i) {
      auto decoded = decode(c.entity, *resourceFor(c.entity), *list->getObject(i));
      ASSERT_TRUE(decoded.ok()) << c.operation << "[" << i << "]: " << decoded.error().describe();
      EXPECT_EQ(decoded->records.size() + decoded->removals.size(), 1u) << c.operation;
    }
  }
}

TEST(XeroMappingExamples, ItemsPaymentsAccountsTaxRatesAndJournals) {
  auto item = only<Item>(decodeOk(EntityType::item, *element("getItems", "Items", 0)));
  EXPECT_EQ(item.meta.id, "123");  // Xero's documents refer to items by Code
  EXPECT_EQ(item.name, "Guitars");
  EXPECT_EQ(item.sale_price, sdk::Decimal::parse("5000"));
  EXPECT_EQ(item.sale_account.id, "200");
  EXPECT_EQ(item.sale_tax_code.id, "OUTPUT2");

  auto payment = only<Payment>(decodeOk(EntityType::payment, *element("getPayments", "Payments", 0)));
  EXPECT_EQ(payment.kind, "receivable");
  EXPECT_EQ(payment.amount, *sdk::Decimal::parse("46"));
  EXPECT_EQ(payment.invoice.id, "046d8a6d-1ae1-4b4d-9340-5601bdf41b87");
  EXPECT_EQ(payment.bank_account.id, "970");
  EXPECT_EQ(payment.organization.id, "a3675fc4-f8dd-4f03-ba5b-f1870566bcd7");

  auto account = only<Account>(decodeOk(EntityType::account, *element("getAccounts", "Accounts", 0)));
  EXPECT_EQ(account.meta.id, "091");
  EXPECT_EQ(account.type, "bank");
  EXPECT_EQ(account.bank_account_number, "0209087654321050");

  auto tax = only<TaxCode>(decodeOk(EntityType::tax_code, *element("getTaxRates", "TaxRates", 0)));
  EXPECT_EQ(tax.meta.id, "INPUT2");
  EXPECT_EQ(tax.rate, *sdk::Decimal::parse("15"));
  EXPECT_FALSE(tax.applies_to_sales);
  ASSERT_EQ(tax.components.size(), 1u);
  EXPECT_EQ(tax.components[0].name, "GST");

  auto generated = decode(EntityType::journal, generatedJournals(),
                          *element("getJournals", "Journals", 0));
  ASSERT_TRUE(generated.ok()) << generated.error().describe();
  auto journal = std::get<Journal>(generated->records.at(0));
  EXPECT_EQ(journal.kind, "generated");
  EXPECT_EQ(journal.number, "1");
  EXPECT_EQ(journal.source_type, "accrec");
  ASSERT_EQ(journal.lines.size(), 2u);
  EXPECT_EQ(journal.lines[1].account.id, "200");
  EXPECT_EQ(journal.lines[1].amount, *sdk::Decimal::parse("-40"));
}

TEST(XeroMappingErrors, MalformedFieldsNameTheRecordAndTheField) {
  auto contact = element("getContacts", "Contacts", 0);
  contact->set("UpdatedDateUTC", "yesterday");
  auto bad_time = decode(EntityType::organization, *resourceFor(EntityType::organization), *contact);
  ASSERT_FALSE(bad_time.ok());
  EXPECT_EQ(bad_time.error().kind, sdk::ErrorKind::permanent);
  EXPECT_EQ(bad_time.error().field, "UpdatedDateUTC");
  EXPECT_NE(bad_time.error().message.find("5cc8cf28-567e-4d43-b287-687cfcaec47c"), std::string::npos);

  auto invoice = element("getInvoice", "Invoices", 0);
  auto lines = invoice->getArray("LineItems");
  ASSERT_GT(lines->size(), 0u);
  lines->getObject(0)->set("Quantity", "lots");
  auto bad_line = decode(EntityType::invoice, *resourceFor(EntityType::invoice), *invoice);
  ASSERT_FALSE(bad_line.ok());
  EXPECT_EQ(bad_line.error().field, "LineItems[0].Quantity");
  EXPECT_NE(bad_line.error().message.find("lots"), std::string::npos);
}

// canonical -> Xero element -> canonical, as Xero echoes what it was sent.
template <typename T>
T roundTrip(const T& record, std::vector<std::string>* warnings = nullptr) {
  auto encoded = encode(sdk::WriteOp{sdk::WriteKind::update, record});
  EXPECT_TRUE(encoded.ok()) << encoded.error().describe();
  if (!encoded.ok()) return T{};
  if (warnings) *warnings = encoded->warnings;
  auto& e = *encoded->element;
  const Resource& resource = *resourceFor(T::kType);
  if (!e.has(resource.id_field)) e.set(resource.id_field, record.meta.id);
  auto decoded = decode(T::kType, resource, e);
  EXPECT_TRUE(decoded.ok()) << decoded.error().describe();
  return decoded.ok() ? std::get<T>(decoded->records.at(0)) : T{};
}

TEST(XeroMappingRoundTrip, OrganizationKeepsEveryFieldXeroModels) {
  Organization org;
  org.meta.id = "6e9d4a2c-1111-4222-8333-944445555666";
  org.name = "Ridgeway University";
  org.email = "accounts@ridgeway.example";
  org.account_number = "RU-001";
  org.tax_number = "12-345-678";
  org.currency = "NZD";
  org.addresses = {Address{"postal", "PO Box 1", "Level 2, Suite 5", "Wellington", "WGN", "6011", "NZ"},
                   Address{"street", "1 Main St", "", "Wellington", "", "", "NZ"}};
  org.phones = {Phone{"work", "04 555 1234"}, Phone{"mobile", "021 555 999"}};
  Organization back = roundTrip(org);
  back.meta = org.meta;
  EXPECT_EQ(back, org);
}

TEST(XeroMappingRoundTrip, InvoiceLinesAndDatesSurvive) {
  Invoice invoice;
  invoice.meta.id = "0a1b2c3d-0000-4000-8000-000000000001";
  invoice.kind = "purchase";
  invoice.number = "BILL-7";
  invoice.reference = "PO 42";
  invoice.organization.id = "6e9d4a2c-1111-4222-8333-944445555666";
  invoice.date = sdk::Date{2024, 2, 29};
  invoice.due_date = sdk::Date{2024, 3, 31};
  invoice.currency = "USD";
  invoice.currency_rate = sdk::Decimal::parse("0.6125");
  invoice.status = "authorised";
  invoice.line_amount_types = "inclusive";
  LineItem line;
  line.description = "Widgets";
  line.quantity = *sdk::Decimal::parse("2.5");
  line.unit_price = *sdk::Decimal::parse("19.99");
  line.discount_rate = sdk::Decimal::parse("10");
  line.item.id = "WIDGET";
  line.tax_code.id = "INPUT2";
  line.account.id = "300";
  invoice.lines = {line};
  Invoice back = roundTrip(invoice);
  back.meta = invoice.meta;
  EXPECT_EQ(back, invoice);
}

TEST(XeroMappingRoundTrip, ItemPaymentAccountTaxAndJournal) {
  Item item;
  item.meta.id = item.code = "GUITAR";
  item.name = "Guitar";
  item.description = "Acoustic";
  item.purchase_description = "Acoustic, bought";
  item.sale_price = sdk::Decimal::parse("499.95");
  item.sale_account.id = "200";
  item.sale_tax_code.id = "OUTPUT2";
  item.purchase_price = sdk::Decimal::parse("250");
  item.purchase_account.id = "300";
  Item item_back = roundTrip(item);
  item_back.meta = item.meta;
  EXPECT_EQ(item_back, item);

  Account account;
  account.meta.id = account.code = "090";
  account.name = "Cheque Account";
  account.type = "bank";
  account.account_class = "asset";
  account.bank_account_number = "12-3456-789";
  account.bank_account_type = "bank";
  account.currency = "NZD";
  account.enable_payments = true;
  auto encoded = encode(sdk::WriteOp{sdk::WriteKind::create, account});
  ASSERT_TRUE(encoded.ok());
  encoded->element->set("Class", "ASSET");  // Xero derives the class from the type
  auto decoded = decode(EntityType::account, *resourceFor(EntityType::account), *encoded->element);
  ASSERT_TRUE(decoded.ok()) << decoded.error().describe();
  Account account_back = std::get<Account>(decoded->records.at(0));
  account_back.meta = account.meta;
  EXPECT_EQ(account_back, account);

  Journal journal;
  journal.meta.id = "0a1b2c3d-0000-4000-8000-000000000009";
  journal.narration = "Accrual";
  journal.date = sdk::Date{2024, 6, 30};
  journal.status = "posted";
  journal.lines = {JournalLine{Ref{"400"}, "debit", *sdk::Decimal::parse("125.5"), Ref{}, {}},
                   JournalLine{Ref{"800"}, "credit", *sdk::Decimal::parse("-125.5"), Ref{}, {}}};
  Journal journal_back = roundTrip(journal);
  journal_back.meta = journal.meta;
  EXPECT_EQ(journal_back, journal);
}

TEST(XeroMappingLimits, EachDeclaredLimitIsReportedOnTheRecord) {
  Organization crowded;
  crowded.name = "Crowded Ltd";
  for (int i = 0; i < 7; ++i) crowded.people.push_back(Ref{"p" + std::to_string(i)});
  auto people = encode(sdk::WriteOp{sdk::WriteKind::create, crowded});
  ASSERT_FALSE(people.ok());
  EXPECT_EQ(people.error().field, "people");

  Item taxed;
  taxed.code = "TAXED";
  taxed.taxes = {Ref{"OUTPUT"}, Ref{"OUTPUT2"}};
  auto taxes = encode(sdk::WriteOp{sdk::WriteKind::create, taxed});
  ASSERT_FALSE(taxes.ok());
  EXPECT_EQ(taxes.error().field, "taxes");

  Invoice orphan;
  auto contact = encode(sdk::WriteOp{sdk::WriteKind::create, orphan});
  ASSERT_FALSE(contact.ok());
  EXPECT_EQ(contact.error().field, "organization");

  Payment unbanked;
  unbanked.invoice.id = "0a1b2c3d-0000-4000-8000-000000000001";
  auto bank = encode(sdk::WriteOp{sdk::WriteKind::create, unbanked});
  ASSERT_FALSE(bank.ok());
  EXPECT_EQ(bank.error().field, "bank_account");

  Organization two_work_phones;
  two_work_phones.phones = {Phone{"work", "1"}, Phone{"work", "2"}};
  auto phones = encode(sdk::WriteOp{sdk::WriteKind::create, two_work_phones});
  ASSERT_FALSE(phones.ok());
  EXPECT_EQ(phones.error().field, "phones[1]");
}

TEST(XeroMappingLimits, ReadOnlyFieldsAreNeverSent) {
  Organization org;
  org.name = "Flags Ltd";
  org.is_customer = true;
  org.is_supplier = true;
  auto encoded = encode(sdk::WriteOp{sdk::WriteKind::create, org});
  ASSERT_TRUE(encoded.ok());
  EXPECT_FALSE(encoded->element->has("IsCustomer"));
  EXPECT_FALSE(encoded->element->has("IsSupplier"));

  Item item;
  item.code = "STOCKED";
  item.is_tracked = true;
  item.quantity_on_hand = sdk::Decimal::parse("12");
  auto item_encoded = encode(sdk::WriteOp{sdk::WriteKind::create, item});
  ASSERT_TRUE(item_encoded.ok());
  EXPECT_FALSE(item_encoded->element->has("QuantityOnHand"));

  Invoice part_paid;
  part_paid.organization.id = "0a1b2c3d-0000-4000-8000-000000000009";
  part_paid.amount_paid = *sdk::Decimal::parse("40");
  auto invoice_encoded = encode(sdk::WriteOp{sdk::WriteKind::create, part_paid});
  ASSERT_TRUE(invoice_encoded.ok()) << invoice_encoded.error().message;
  EXPECT_FALSE(invoice_encoded->element->has("AmountPaid"));
}

TEST(XeroMappingLimits, AnOddAddressKindIsAWarningNotASilentChange) {
  Organization org;
  org.name = "Billing Ltd";
  org.addresses = {Address{"billing", "1 Bill St", "", "", "", "", ""}};
  auto encoded = encode(sdk::WriteOp{sdk::WriteKind::create, org});
  ASSERT_TRUE(encoded.ok());
  ASSERT_EQ(encoded->warnings.size(), 1u);
  EXPECT_NE(encoded->warnings[0].find("billing"), std::string::npos);
}

}  // namespace
}  // namespace accord::plugins::xero
