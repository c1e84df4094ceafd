// The README's config and limits tables are the manifest's: this test fails, printing the table
// to paste, when the README says something else.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "accord/sdk/manifest_docs.h"
#include "descriptor.h"

namespace accord::plugins::csv {
namespace {

TEST(CsvReadme, ConfigAndLimitsTablesAreTheManifest) {
  std::ifstream in(std::string(CSV_PLUGIN_DIR) + "/README.md");
  ASSERT_TRUE(in) << "cannot read plugins/csv/README.md";
  std::stringstream text;
  text << in.rdbuf();
  const sdk::Manifest m = describe();
  for (const std::string& table :
       {sdk::configTable(m.config), sdk::limitsTable(m.limits), sdk::fieldRulesTable(m)}) {
    EXPECT_NE(text.str().find(table), std::string::npos)
        << "plugins/csv/README.md differs from describe(); it should contain:\n"
        << table;
  }
}

}  // namespace
}  // namespace accord::plugins::csv
