#include "matching_fixture.h"

namespace accord::matching::testing {

model::Organization MatchingTest::company(const std::string& name, const std::string& email,
                                          const std::string& account) {
  model::Organization org;
  org.name = name;
  org.email = email;
  org.account_number = account;
  org.is_customer = true;
  return org;
}

model::Person MatchingTest::contact(const std::string& first, const std::string& last,
                                    const std::string& email, const std::string& org_app_id) {
  model::Person person;
  person.first_name = first;
  person.last_name = last;
  person.email = email;
  person.organization.id = org_app_id;
  return person;
}

std::string MatchingTest::canonicalOf(const std::string& connection, EntityType entity,
                                      const std::string& external_id) {
  auto link = store_->idMap().byExternal(
      {connectionId(connection), std::string(model::toString(entity)), external_id});
  EXPECT_TRUE(link) << link.error().message;
  return link && link.value() ? link.value()->record_id : std::string();
}

std::vector<model::Record> MatchingTest::live(EntityType entity) {
  std::vector<model::Record> out;
  for (auto& record : canonical(entity)) {
    if (model::metaOf(record).status != model::RecordStatus::deleted) out.push_back(record);
  }
  return out;
}

std::vector<store::MatchIssue> MatchingTest::openIssues() {
  auto issues = store_->matchIssues().list(org_);
  EXPECT_TRUE(issues) << issues.error().message;
  return issues ? issues.value() : std::vector<store::MatchIssue>{};
}

}  // namespace accord::matching::testing
