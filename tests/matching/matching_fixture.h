// Scenarios shaped like the sandboxes' seed (tools/sandbox/common/seed.cpp): FakeApps named
// "vtiger" (a CRM, pulled first: connections are pulled in name order) and "xero" (a ledger)
// holding the same customers spelled a little differently.
#pragma once

#include <string>

#include "matching/match_tables.h"
#include "sync_fixture.h"

namespace accord::matching::testing {

using sync::testing::FakeApp;
using model::EntityType;

class MatchingTest : public sync::testing::SyncTest {
 protected:
  model::Organization company(const std::string& name, const std::string& email,
                              const std::string& account = {});
  model::Person contact(const std::string& first, const std::string& last,
                        const std::string& email, const std::string& org_app_id);
  // The canonical record of an app record, "" when the app record is not linked.
  std::string canonicalOf(const std::string& connection, EntityType entity,
                          const std::string& external_id);
  // Canonical records of one entity that are not deleted.
  std::vector<model::Record> live(EntityType entity);
  std::vector<store::MatchIssue> openIssues();
  MatchTables tables() { return MatchTables(*store_); }
};

}  // namespace accord::matching::testing
