// Products with several taxes, line items and inventory totals computed with exact decimals.
#include "vtiger_test_support.h"

namespace accord::sandbox::vtiger::testing {
namespace {

class InventoryTest : public VtigerTest {
 protected:
  void SetUp() override {
    session_ = login();
    account_ = createAccount(session_, "Acme Ltd");
  }

  std::string product(const std::string& name, const std::string& price, const Pairs& taxes) {
    Object::Ptr e = new Object;
    e->set("productname", name);
    e->set("unit_price", price);
    e->set("assigned_user_id", "19x1");
    for (const auto& [tax, percent] : taxes) e->set(tax, percent);
    Answer a = create(session_, "Products", e);
    EXPECT_TRUE(a.success()) << a.errorMessage();
    return a.success() ? a.result()->getValue<std::string>("id") : "";
  }

  static Object::Ptr line(const std::string& product, const std::string& qty, const std::string& price) {
    Object::Ptr l = new Object;
    l->set("productid", product);
    l->set("quantity", qty);
    l->set("listprice", price);
    return l;
  }

  Object::Ptr invoice(const std::string& tax_type, const std::vector<Object::Ptr>& lines) {
    Object::Ptr e = new Object;
    e->set("subject", "INV-1");
    e->set("account_id", account_);
    e->set("bill_street", "1 Main St");
    e->set("ship_street", "1 Main St");
    e->set("assigned_user_id", "19x1");
    e->set("hdnTaxType", tax_type);
    Array::Ptr items = new Array;
    for (const auto& l : lines) items->add(l);
    e->set("LineItems", items);
    return e;
  }

  std::string session_;
  std::string account_;
};

TEST_F(InventoryTest, ProductCarriesSeveralTaxes) {
  const std::string id = product("Support plan", "499.00", {{"tax1", "4.5"}, {"tax2", "10"}});
  Answer a = get({{"operation", "retrieve"}, {"sessionName", session_}, {"id", id}});
  ASSERT_TRUE(a.success());
  EXPECT_EQ(a.result()->getValue<std::string>("unit_price"), "499.00000000");
  EXPECT_EQ(a.result()->getValue<std::string>("tax1"), "4.500");
  EXPECT_EQ(a.result()->getValue<std::string>("tax2"), "10.000");
  EXPECT_FALSE(a.result()->has("tax3"));
}

TEST_F(InventoryTest, ProductUpdateReplacesTaxesAndReviseEditsThem) {
  const std::string id = product("Support plan", "499.00", {{"tax1", "4.5"}, {"tax2", "10"}});
  Object::Ptr full = new Object;
  full->set("id", id);
  full->set("productname", "Support plan");
  full->set("assigned_user_id", "19x1");
  full->set("tax3", "12.5");
  Answer updated = post({{"operation", "update"}, {"sessionName", session_}, {"element", json(full)}});
  ASSERT_TRUE(updated.success()) << updated.errorMessage();
  EXPECT_FALSE(updated.result()->has("tax1"));
  EXPECT_EQ(updated.result()->getValue<std::string>("tax3"), "12.500");
  Object::Ptr partial = new Object;
  partial->set("id", id);
  partial->set("tax1", "4.5");
  partial->set("tax3", "");
  Answer revised = post({{"operation", "revise"}, {"sessionName", session_}, {"element", json(partial)}});
  ASSERT_TRUE(revised.success());
  EXPECT_EQ(revised.result()->getValue<std::string>("tax1"), "4.500");
  EXPECT_FALSE(revised.result()->has("tax3"));
}

TEST_F(InventoryTest, IndividualTaxTotalsUseEachProductsTaxes) {
  const std::string a = product("Widget", "100", {{"tax1", "4.5"}, {"tax2", "10"}});   // 14.5%
  const std::string b = product("Cable", "20", {{"tax3", "12.5"}});
  Object::Ptr discounted = line(b, "3", "20");
  discounted->set("discount_percent", "10");
  Object::Ptr e = invoice("individual", {line(a, "2", "100"), discounted});
  e->set("hdnS_H_Amount", "10");
  e->set("txtAdjustment", "-0.75");
  Answer r = create(session_, "Invoice", e);
  ASSERT_TRUE(r.success()) << r.errorMessage();
  // 200 + 29 tax, (60 - 6) + 6.75 tax; then S&H 10 and adjustment -0.75.
  EXPECT_EQ(r.result()->getValue<std::string>("hdnSubTotal"), "289.75000000");
  EXPECT_EQ(r.result()->getValue<std::string>("pre_tax_total"), "264.00000000");
  EXPECT_EQ(r.result()->getValue<std::string>("hdnGrandTotal"), "299.00000000");
  EXPECT_EQ(r.result()->getValue<std::string>("balance"), "299.00000000");
  auto lines = r.result()->getArray("LineItems");
  ASSERT_EQ(lines->size(), 2u);
  auto first = lines->getObject(0);
  EXPECT_EQ(first->getValue<std::string>("tax1"), "4.500");
  EXPECT_EQ(first->getValue<std::string>("tax2"), "10.000");
  EXPECT_EQ(first->getValue<std::string>("tax3"), "");
  EXPECT_EQ(first->getValue<std::string>("quantity"), "2.000");
  EXPECT_EQ(first->getValue<std::string>("listprice"), "100.00000000");
  EXPECT_EQ(first->getValue<std::string>("parent_id"), r.result()->getValue<std::string>("id"));
  EXPECT_EQ(first->getValue<std::string>("id").rfind("33x", 0), 0u);
  EXPECT_EQ(lines->getObject(1)->getValue<std::string>("sequence_no"), "2");
}

TEST_F(InventoryTest, LineTaxOverridesProductTax) {
  const std::string a = product("Widget", "100", {{"tax1", "4.5"}});
  Object::Ptr l = line(a, "1", "100");
  l->set("tax1", "20");
  Answer r = create(session_, "Invoice", invoice("individual", {l}));
  ASSERT_TRUE(r.success()) << r.errorMessage();
  EXPECT_EQ(r.result()->getValue<std::string>("hdnGrandTotal"), "120.00000000");
}

TEST_F(InventoryTest, GroupTaxAppliesTheTaxTableToTheTotalExactly) {
  const std::string a = product("Screw", "0.10", {});
  Answer r = create(session_, "Invoice", invoice("group", {line(a, "3", "0.10")}));
  ASSERT_TRUE(r.success()) << r.errorMessage();
  // 0.30 plus 4.5% + 10% + 12.5%: exactly 0.381, no binary floating point on the way.
  EXPECT_EQ(r.result()->getValue<std::string>("hdnSubTotal"), "0.30000000");
  EXPECT_EQ(r.result()->getValue<std::string>("hdnGrandTotal"), "0.38100000");
}

TEST_F(InventoryTest, InvoiceWithoutLineItemsIsRefused) {
  Answer r = create(session_, "Invoice", invoice("individual", {}));
  EXPECT_EQ(r.errorCode(), "MANDATORY_FIELDS_MISSING");
  EXPECT_EQ(r.errorMessage(), "Mandatory Fields Missing..");
}

TEST_F(InventoryTest, LineWithUnknownProductIsRefused) {
  Answer r = create(session_, "Invoice", invoice("individual", {line("14x777777", "1", "5")}));
  EXPECT_EQ(r.errorCode(), "REFERENCE_INVALID");
}

TEST_F(InventoryTest, InvoiceNeedsItsMandatoryHeaderFields) {
  const std::string a = product("Widget", "100", {});
  Object::Ptr e = invoice("individual", {line(a, "1", "100")});
  e->remove("bill_street");
  Answer r = create(session_, "Invoice", e);
  EXPECT_EQ(r.errorMessage(), "bill_street does not have a value");
}

TEST_F(InventoryTest, UpdateWithoutLineItemsKeepsLinesAndNewLinesReplaceThem) {
  const std::string a = product("Widget", "100", {});
  Answer r = create(session_, "Invoice", invoice("individual", {line(a, "1", "100")}));
  ASSERT_TRUE(r.success());
  const std::string id = r.result()->getValue<std::string>("id");
  Object::Ptr change = new Object;
  change->set("id", id);
  change->set("invoicestatus", "Paid");
  Answer kept = post({{"operation", "update"}, {"sessionName", session_}, {"element", json(change)}});
  ASSERT_TRUE(kept.success()) << kept.errorMessage();
  EXPECT_EQ(kept.result()->getArray("LineItems")->size(), 1u);
  EXPECT_EQ(kept.result()->getValue<std::string>("subject"), "INV-1");

  Array::Ptr lines = new Array;
  lines->add(line(a, "2", "100"));
  lines->add(line(a, "1", "50"));
  change->set("LineItems", lines);
  Answer replaced = post({{"operation", "revise"}, {"sessionName", session_}, {"element", json(change)}});
  ASSERT_TRUE(replaced.success()) << replaced.errorMessage();
  EXPECT_EQ(replaced.result()->getArray("LineItems")->size(), 2u);
  EXPECT_EQ(replaced.result()->getValue<std::string>("hdnGrandTotal"), "250.00000000");
}

TEST_F(InventoryTest, PurchaseOrderNeedsAVendor) {
  Object::Ptr vendor = new Object;
  vendor->set("vendorname", "Parts Co");
  vendor->set("assigned_user_id", "19x1");
  Answer v = create(session_, "Vendors", vendor);
  ASSERT_TRUE(v.success()) << v.errorMessage();
  const std::string a = product("Widget", "10", {{"tax1", "4.5"}});
  Object::Ptr po = invoice("individual", {line(a, "10", "10")});
  po->remove("account_id");
  po->set("postatus", "Created");
  Answer missing = create(session_, "PurchaseOrder", po);
  EXPECT_EQ(missing.errorMessage(), "vendor_id does not have a value");
  po->set("vendor_id", v.result()->getValue<std::string>("id"));
  Answer r = create(session_, "PurchaseOrder", po);
  ASSERT_TRUE(r.success()) << r.errorMessage();
  EXPECT_EQ(r.result()->getValue<std::string>("hdnGrandTotal"), "104.50000000");
  EXPECT_EQ(r.result()->getValue<std::string>("id").rfind("5x", 0), 0u);
}

}  // namespace
}  // namespace accord::sandbox::vtiger::testing
