// The README's config table is generated from the config schema: this test renders it and
// fails, printing the table to paste, when the README says something else.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "config.h"

namespace accord::plugins::xero {
namespace {

std::string defaultText(const sdk::ConfigOption& option) {
  if (!option.default_value) return "—";
  if (auto* list = std::get_if<std::vector<std::string>>(&*option.default_value)) {
    std::string out;
    for (const auto& word : *list) out += (out.empty() ? "" : " ") + word;
    return "`" + out + "`";
  }
  if (auto* text = std::get_if<std::string>(&*option.default_value)) return "`" + *text + "`";
  return "`" + sdk::describe(*option.default_value) + "`";
}

std::string renderConfigTable() {
  std::string out =
      "| key | type | default | required | secret | description |\n"
      "|---|---|---|---|---|---|\n";
  for (const auto& option : configSchema()) {
    out += "| `" + option.key + "` | " + std::string(sdk::toString(option.type)) + " | " +
           defaultText(option) + " | " + (option.required ? "yes" : "no") + " | " +
           (option.secret ? "yes" : "no") + " | " + option.description + " |\n";
  }
  return out;
}

TEST(XeroReadme, ConfigTableIsTheSchema) {
  std::ifstream in(std::string(XERO_PLUGIN_DIR) + "/README.md");
  ASSERT_TRUE(in) << "cannot read plugins/xero/README.md";
  std::stringstream text;
  text << in.rdbuf();
  std::string table = renderConfigTable();
  EXPECT_NE(text.str().find(table), std::string::npos)
      << "plugins/xero/README.md's config table differs from configSchema(); it should read:\n"
      << table;
}

}  // namespace
}  // namespace accord::plugins::xero
