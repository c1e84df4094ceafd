#include "sandbox/common/seed.h"

#include <array>
#include <cstdio>
#include <string_view>

namespace accord::sandbox {

namespace {

// splitmix64 stream: portable, unlike std:: distributions, so a seed means the same data on
// every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : next() % n; }
  bool chance(unsigned percent) { return below(100) < percent; }

 private:
  std::uint64_t state_;
};

// Days since 1970-01-01 -> "YYYY-MM-DD" (Howard Hinnant's civil_from_days).
std::string dateText(long days) {
  days += 719468;
  long era = (days >= 0 ? days : days - 146096) / 146097;
  long doe = days - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long day = doy - (153 * mp + 2) / 5 + 1;
  long month = mp < 10 ? mp + 3 : mp - 9;
  long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04ld-%02ld-%02ld", year, month, day);
  return buffer;
}

constexpr long kFirstInvoiceDay = 20089;  // 2025-01-01
constexpr long kInvoiceSpanDays = 365;

struct DemoCompany {
  const char *xero, *vtiger, *xero_email, *vtiger_email, *city, *region, *postal;
  bool in_xero, in_vtiger, supplier, archived, sells;
};

// The hand-written core: each row is a case the sync engine must get right.
constexpr DemoCompany kDemo[] = {
    {"Acme Ltd", "ACME Limited", "accounts@acme.example", "accounts@acme.example", "Portland", "OR", "97201", true, true, false, false, true},
    {"Bluebird Bakery", "Bluebird Bakery", "orders@bluebirdbakery.example", "hello@bluebird-bakery.example", "Seattle", "WA", "98101", true, true, false, false, true},
    {"Cobalt Consulting Group", "Cobalt Consulting Group", "office@cobaltcg.example", "office@cobaltcg.example", "Denver", "CO", "80202", true, true, false, false, true},
    {"Delta Freight Co", "", "billing@deltafreight.example", "", "Oakland", "CA", "94607", true, false, true, false, false},
    {"Evergreen Landscaping", "Evergreen Landscaping", "info@evergreenland.example", "info@evergreenland.example", "Boise", "ID", "83702", true, true, false, false, false},
    {"Fjord Analytics", "Fjord Analytics", "finance@fjord.example", "finance@fjord.example", "Minneapolis", "MN", "55401", true, true, false, false, true},
    {"Granite & Sons Builders", "Granite & Sons Builders", "jobs@granitesons.example", "jobs@granitesons.example", "Reno", "NV", "89501", true, true, false, false, true},
    {"Harbor Office Supplies", "", "sales@harboroffice.example", "", "Tacoma", "WA", "98402", true, false, true, false, false},
    {"Iris Florists", "Iris Florists", "iris@irisflorists.example", "iris@irisflorists.example", "Eugene", "OR", "97401", true, true, false, true, true},
    {"", "Juniper Dental", "", "frontdesk@juniperdental.example", "Spokane", "WA", "99201", false, true, false, false, false},
    {"Kestrel Cycles", "Kestrel Cycles", "shop@kestrelcycles.example", "shop@kestrelcycles.example", "Bend", "OR", "97701", true, true, false, false, true},
    {"Lumen Electrical", "Lumen Electrical", "lumen@lumenelectric.example", "lumen@lumenelectric.example", "Salem", "OR", "97301", true, true, false, false, false},
    {"Maple Street Caf\u00e9", "Maple Street Caf\u00e9", "hello@maplestreet.example", "hello@maplestreet.example", "Olympia", "WA", "98501", true, true, false, false, true},
    {"Northwind Traders", "Northwind Traders", "ap@northwind.example", "ap@northwind.example", "Redmond", "WA", "98052", true, true, false, false, true},
    {"Orchid Hair Studio", "", "book@orchidhair.example", "", "Vancouver", "WA", "98660", true, false, false, false, true},
    {"Pinnacle Print Ltd", "", "print@pinnacleprint.example", "", "Portland", "OR", "97209", true, false, true, false, false},
    {"Quayside Marine", "Quayside Marine", "office@quayside.example", "office@quayside.example", "Astoria", "OR", "97103", true, true, false, false, true},
    {"Redwood Legal LLP", "Redwood Legal LLP", "admin@redwoodlegal.example", "admin@redwoodlegal.example", "Sacramento", "CA", "95814", true, true, false, false, true},
    {"Summit Software Ltd", "Summit Software", "ar@summitsoft.example", "ar@summitsoft.example", "Boulder", "CO", "80302", true, true, false, false, true},
    {"Tidewater Coffee Roasters", "Tidewater Coffee Roasters", "beans@tidewater.example", "beans@tidewater.example", "Newport", "OR", "97365", true, true, true, false, true},
};

constexpr std::array<std::string_view, 16> kFirstNames = {
    "Ava", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hiro",
    "Isla", "Jonah", "Keira", "Liam", "Maya", "Noah", "Olu", "Priya"};
constexpr std::array<std::string_view, 16> kLastNames = {
    "Anders", "Brooks", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hughes",
    "Ito", "Jensen", "Kowalski", "Lopez", "Murphy", "Nguyen", "Okafor", "Patel"};
constexpr std::array<std::string_view, 12> kWords = {
    "Amber", "Birch", "Cedar", "Dune", "Ember", "Flint", "Grove", "Heron",
    "Indigo", "Jade", "Kite", "Lark"};
constexpr std::array<std::string_view, 8> kTrades = {
    "Traders", "Studio", "Builders", "Foods", "Logistics", "Design", "Motors", "Labs"};
constexpr std::array<std::string_view, 6> kStatuses = {
    "PAID", "PAID", "AUTHORISED", "AUTHORISED", "DRAFT", "PAID"};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string phoneFor(std::size_t index) {
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "+1 503 555 %04zu", index % 10000);
  return buffer;
}

SeedPerson personFor(Rng& rng, std::string_view domain, std::size_t index) {
  SeedPerson person;
  person.first_name = kFirstNames[rng.below(kFirstNames.size())];
  person.last_name = kLastNames[rng.below(kLastNames.size())];
  person.email = lower(person.first_name) + "." + lower(person.last_name) + "@" +
                 std::string(domain);
  person.phone = phoneFor(index * 7 + 11);
  return person;
}

std::string domainOf(const std::string& email) {
  auto at = email.find('@');
  return at == std::string::npos ? "example.com" : email.substr(at + 1);
}

void addDemoCompanies(SeedData& data, Rng& rng) {
  std::size_t index = 0;
  for (const DemoCompany& demo : kDemo) {
    SeedCompany company;
    company.xero_name = demo.xero;
    company.vtiger_name = demo.vtiger;
    company.xero_email = demo.xero_email;
    company.vtiger_email = demo.vtiger_email;
    char account[16];
    std::snprintf(account, sizeof account, "CUST-%04zu", index + 1);
    company.account_number = account;
    company.phone = phoneFor(index);
    company.street = std::to_string(100 + index * 17) + " Main Street";
    company.city = demo.city;
    company.region = demo.region;
    company.postal_code = demo.postal;
    company.country = "US";
    company.in_xero = demo.in_xero;
    company.in_vtiger = demo.in_vtiger;
    company.is_supplier = demo.supplier;
    company.archived = demo.archived;
    std::string domain = domainOf(demo.xero_email[0] ? demo.xero_email : demo.vtiger_email);
    // Cobalt is the company with seven people (more than Xero's five ContactPersons).
    std::size_t people = index == 2 ? 7 : 1 + rng.below(3);
    for (std::size_t p = 0; p < people; ++p) company.people.push_back(personFor(rng, domain, index * 10 + p));
    data.companies.push_back(std::move(company));
    ++index;
  }
}

void addDemoProducts(SeedData& data) {
  struct Row { const char *code, *name, *description, *price; std::vector<std::string> taxes; bool tracked; const char* on_hand; };
  const Row rows[] = {
      {"CONS-HR", "Consulting hour", "Senior consultant, per hour", "150.00", {"Sales"}, false, "0"},
      {"SUPPORT-M", "Support plan (monthly)", "Business-hours support, one month", "499.00", {"Sales", "Service"}, false, "0"},
      {"WIDGET-S", "Widget, small", "Steel widget 40 mm", "12.50", {"VAT"}, true, "240"},
      {"WIDGET-L", "Widget, large", "Steel widget 90 mm", "27.90", {"VAT"}, true, "85"},
      {"INSTALL", "On-site installation", "Installation, per visit", "320.00", {"Sales", "Service"}, false, "0"},
      {"CABLE-10", "Cable 10 m", "Shielded cable, 10 metres", "18.75", {"VAT"}, true, "410"},
      {"TRAIN-D", "Training day", "Full-day training for up to 8 people", "1200.00", {"Service"}, false, "0"},
      {"KIT-START", "Starter kit", "Widgets, cables and a manual", "89.00", {"VAT", "Sales"}, true, "32"},
  };
  for (const Row& row : rows) {
    data.products.push_back({row.code, row.name, row.description, row.price, row.taxes,
                             row.tracked, row.on_hand});
  }
}

SeedInvoice invoiceFor(Rng& rng, const SeedData& data, std::size_t company, bool purchase,
                       std::size_t number) {
  SeedInvoice invoice;
  char text[24];
  std::snprintf(text, sizeof text, purchase ? "BILL-%04zu" : "INV-%04zu", number);
  invoice.number = text;
  invoice.company = company;
  invoice.purchase = purchase;
  long day = kFirstInvoiceDay + static_cast<long>(rng.below(kInvoiceSpanDays));
  invoice.date = dateText(day);
  invoice.due_date = dateText(day + 30);
  invoice.status = std::string(kStatuses[rng.below(kStatuses.size())]);
  std::size_t lines = 1 + rng.below(3);
  for (std::size_t i = 0; i < lines; ++i) {
    invoice.lines.push_back({rng.below(data.products.size()), std::to_string(1 + rng.below(9))});
  }
  return invoice;
}

void addDemoInvoices(SeedData& data, Rng& rng) {
  std::size_t sales = 0, bills = 0;
  for (std::size_t c = 0; c < data.companies.size(); ++c) {
    const SeedCompany& company = data.companies[c];
    if (!company.in_xero) continue;
    if (kDemo[c].sells) {
      std::size_t count = 1 + rng.below(3);
      for (std::size_t i = 0; i < count; ++i) data.invoices.push_back(invoiceFor(rng, data, c, false, ++sales));
    }
    if (company.is_supplier) data.invoices.push_back(invoiceFor(rng, data, c, true, ++bills));
  }
  // Guarantee every status appears in the demo whatever the draws were.
  const char* forced[] = {"PAID", "AUTHORISED", "DRAFT"};
  for (std::size_t i = 0; i < 3 && i < data.invoices.size(); ++i) data.invoices[i].status = forced[i];
}

SeedCompany generatedCompany(Rng& rng, std::size_t index) {
  SeedCompany company;
  std::string name = std::string(kWords[rng.below(kWords.size())]) + " " +
                     std::string(kWords[rng.below(kWords.size())]) + " " +
                     std::string(kTrades[rng.below(kTrades.size())]) + " " + std::to_string(index);
  company.xero_name = name;
  // Every 50th is spelled differently in vTiger, as people do.
  company.vtiger_name = index % 50 == 0 ? name + " Limited" : name;
  std::string domain = "c" + std::to_string(index) + ".example";
  company.xero_email = "accounts@" + domain;
  company.vtiger_email = index % 40 == 0 ? "billing@" + domain : company.xero_email;
  company.account_number = "CUST-" + std::to_string(index + 1);
  company.phone = phoneFor(index);
  company.street = std::to_string(1 + index % 999) + " Market Street";
  company.city = "Portland";
  company.region = "OR";
  company.postal_code = "97205";
  company.country = "US";
  company.in_vtiger = index % 10 != 0;
  company.is_supplier = index % 13 == 0;
  company.archived = index % 97 == 0;
  company.people.push_back(personFor(rng, domain, index));
  return company;
}

void scaleTo(SeedData& data, Rng& rng, const SeedOptions& options) {
  if (options.contacts > 0) {
    if (options.contacts < data.companies.size()) data.companies.resize(options.contacts);
    data.companies.reserve(options.contacts);
    while (data.companies.size() < options.contacts) {
      data.companies.push_back(generatedCompany(rng, data.companies.size()));
    }
    std::erase_if(data.invoices, [&](const SeedInvoice& inv) { return inv.company >= data.companies.size(); });
  }
  if (options.invoices > 0 && !data.companies.empty()) {
    if (options.invoices < data.invoices.size()) data.invoices.resize(options.invoices);
    data.invoices.reserve(options.invoices);
    while (data.invoices.size() < options.invoices) {
      std::size_t company = rng.below(data.companies.size());
      if (!data.companies[company].in_xero) continue;
      bool purchase = data.companies[company].is_supplier && rng.chance(50);
      data.invoices.push_back(invoiceFor(rng, data, company, purchase, data.invoices.size() + 1));
    }
  }
}

}  // namespace

SeedData generateSeed(const SeedOptions& options) {
  SeedData data;
  Rng rng(options.seed);
  addDemoProducts(data);
  if (options.profile != "empty") {
    addDemoCompanies(data, rng);
    addDemoInvoices(data, rng);
  }
  scaleTo(data, rng, options);
  for (const SeedInvoice& invoice : data.invoices) {
    if (!invoice.purchase) data.companies[invoice.company].has_sales = true;
  }
  return data;
}

}  // namespace accord::sandbox
