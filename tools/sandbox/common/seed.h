// Deterministic seed data shared by both sandboxes so the same business appears in Xero and in
// vTiger, with the awkward cases a sync engine must handle. The same options always produce
// the same data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace accord::sandbox {

struct SeedPerson {
  std::string first_name, last_name, email, phone;
};

struct SeedCompany {
  std::string xero_name, vtiger_name;    // differ for some ("Acme Ltd" vs "ACME Limited")
  std::string xero_email, vtiger_email;  // differ for some (a changed email)
  std::string account_number;
  std::string phone, street, city, region, postal_code, country;
  std::vector<SeedPerson> people;        // first is the primary person
  bool in_xero = true;
  bool in_vtiger = true;
  bool is_supplier = false;
  bool archived = false;
  bool has_sales = false;                // true iff some sales invoice names this company
};

struct SeedProduct {
  std::string code, name, description;
  std::string unit_price;                // decimal text, "149.00"
  std::vector<std::string> tax_names;    // more than one for multi-tax products
  bool tracked = false;                  // inventory-tracked
  std::string quantity_on_hand;          // decimal text; "0" when not tracked
};

struct SeedLine {
  std::size_t product;                   // index into SeedData::products
  std::string quantity;                  // decimal text
};

struct SeedInvoice {
  std::string number;                    // "INV-0001" (sales), "BILL-0001" (purchase)
  std::size_t company;                   // index into SeedData::companies
  std::string date;                      // YYYY-MM-DD
  std::string due_date;                  // YYYY-MM-DD
  std::string status;                    // DRAFT | AUTHORISED | PAID
  bool purchase = false;                 // a bill from a supplier
  std::vector<SeedLine> lines;
};

struct SeedOptions {
  std::string profile = "demo";          // "demo" or "empty"
  std::size_t contacts = 0;              // > 0: scale companies up to this many
  std::size_t invoices = 0;              // > 0: scale invoices up to this many
  std::uint64_t seed = 42;
};

struct SeedData {
  std::vector<SeedCompany> companies;
  std::vector<SeedProduct> products;
  std::vector<SeedInvoice> invoices;
};

// "demo": ~20 companies incl. one with 7 people, "Acme Ltd" vs "ACME Limited", a changed
// email, suppliers, archived, no-sales customers; multi-tax products; PAID/AUTHORISED/DRAFT
// invoices. contacts/invoices > 0 add generated companies/invoices on top of the demo set
// until the totals are reached. "empty" gives no data (contacts/invoices still apply).
SeedData generateSeed(const SeedOptions& options);

}  // namespace accord::sandbox
