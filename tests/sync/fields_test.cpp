// The describe()-driven helpers and the merge on their own, without a store.
#include <gtest/gtest.h>

#include "sync/fields.h"
#include "sync/merge.h"

namespace accord::sync {
namespace {

model::Record invoiceWithRefs() {
  model::Invoice invoice;
  invoice.organization.id = "org-1";
  invoice.lines.resize(2);
  invoice.lines[0].item.id = "item-1";
  invoice.lines[1].tax_code.id = "tax-1";
  return invoice;
}

TEST(SyncFields, ForEachRefReachesNestedLines) {
  model::Record record = invoiceWithRefs();
  std::vector<std::string> seen;
  forEachRef(record, [&](std::string_view key, model::Ref& ref) {
    if (!ref.empty()) seen.push_back(std::string(key) + "=" + ref.id);
    ref.id = ref.empty() ? "" : "mapped-" + ref.id;
  });
  EXPECT_EQ(seen, (std::vector<std::string>{"organization=org-1", "item=item-1", "tax_code=tax-1"}));
  EXPECT_EQ(std::get<model::Invoice>(record).lines[0].item.id, "mapped-item-1");
}

TEST(SyncFields, RefFieldNamesNameTheirEntity) {
  EXPECT_EQ(refEntity("people"), model::EntityType::person);
  EXPECT_EQ(refEntity("bank_account"), model::EntityType::account);
  EXPECT_EQ(refEntity("sale_tax_code"), model::EntityType::tax_code);
  EXPECT_EQ(refEntity("taxes"), model::EntityType::tax_code);
  EXPECT_EQ(refEntity("invoice"), model::EntityType::invoice);
  EXPECT_EQ(refEntity("source"), std::nullopt);
}

TEST(SyncFields, ListsAreCappedKeepingTheFirst) {
  model::Organization org;
  org.people = {{"a"}, {"b"}, {"c"}};
  model::Record record = org;
  EXPECT_EQ(listSize(record, "people"), 3u);
  EXPECT_EQ(truncateList(record, "people", 2), 1u);
  EXPECT_EQ(std::get<model::Organization>(record).people,
            (std::vector<model::Ref>{{"a"}, {"b"}}));
  EXPECT_EQ(listSize(record, "name"), std::nullopt);
}

TEST(SyncFields, ResetUsesTheEntityDefault) {
  model::Invoice invoice;
  invoice.status = "paid";
  model::Record record = invoice;
  EXPECT_FALSE(isDefaultField(record, "status"));
  resetField(record, "status");
  EXPECT_EQ(stringField(record, "status"), "draft");
}

TEST(SyncMerge, OnlyFieldsTheAppChangedApply) {
  model::Organization base;
  base.name = "Acme";
  base.email = "old@acme.test";
  model::Organization current = base;
  current.email = "new@acme.test";  // changed elsewhere since this app last synced
  model::Organization incoming = base;
  incoming.name = "Acme Ltd";  // the app changed only the name
  model::Record b = base, c = current, i = incoming;
  MergeResult merged = mergeRecord({&c, &b, &i, {{"name", 100}, {"email", 200}}, 150, false});
  const auto& out = std::get<model::Organization>(merged.merged);
  EXPECT_EQ(out.name, "Acme Ltd");
  EXPECT_EQ(out.email, "new@acme.test");  // not rolled back
  EXPECT_EQ(merged.field_times.at("name"), 150);
  EXPECT_EQ(merged.conflicts, 0);
}

TEST(SyncMerge, AnOlderChangeToAFieldLoses) {
  model::Organization base;
  base.name = "Acme";
  model::Organization current = base;
  current.name = "Newer";
  model::Organization incoming = base;
  incoming.name = "Older";
  model::Record b = base, c = current, i = incoming;
  MergeResult merged = mergeRecord({&c, &b, &i, {{"name", 200}}, 150, false});
  EXPECT_EQ(std::get<model::Organization>(merged.merged).name, "Newer");
  EXPECT_EQ(merged.conflicts, 1);
  MergeResult authoritative = mergeRecord({&c, &b, &i, {{"name", 200}}, 150, true});
  EXPECT_EQ(std::get<model::Organization>(authoritative.merged).name, "Older");
}

}  // namespace
}  // namespace accord::sync
