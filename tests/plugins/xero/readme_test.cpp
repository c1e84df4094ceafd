// The README's tables are generated from the manifest: this test renders them and fails,
// printing the table to paste, when the README says something else.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "accord/sdk/manifest_docs.h"
#include "descriptor.h"

namespace accord::plugins::xero {
namespace {

TEST(XeroReadme, ConfigLimitsAndFieldRuleTablesAreTheManifest) {
  std::ifstream in(std::string(XERO_PLUGIN_DIR) + "/README.md");
  ASSERT_TRUE(in) << "cannot read plugins/xero/README.md";
  std::stringstream text;
  text << in.rdbuf();
  const sdk::Manifest m = describe();
  for (const std::string& table :
       {sdk::configTable(m.config), sdk::limitsTable(m.limits), sdk::fieldRulesTable(m)}) {
    EXPECT_NE(text.str().find(table), std::string::npos)
        << "plugins/xero/README.md differs from describe(); it should contain:\n"
        << table;
  }
}

}  // namespace
}  // namespace accord::plugins::xero
