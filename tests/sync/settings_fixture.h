// SyncTest with a connection's sync settings (filters, required fields, blocking) set from
// JSON, and the preview run against the same FakeApps.
#pragma once

#include <string>

#include "sync/connection_settings.h"
#include "sync/preview.h"
#include "sync_fixture.h"

namespace accord::sync::testing {

class SettingsTest : public SyncTest {
 protected:
  void setSettings(const std::string& connection, const std::string& json) {
    auto c = store_->connections().get(connectionId(connection));
    ASSERT_TRUE(c) << c.error().message;
    auto set = SettingsStore(store_->db()).set(c.value(), json, "test settings");
    ASSERT_TRUE(set) << set.error().message;
  }

  Preview runPreview(std::optional<std::string> connection = std::nullopt) {
    PreviewOptions options;
    if (connection) options.connection = connectionId(*connection);
    auto result = preview(*store_, *this, org_, options);
    EXPECT_TRUE(result) << result.error().message;
    return result ? result.value() : Preview{};
  }

  // The preview's records for one connection and group ("invoice", "bill", "person"...).
  static std::vector<PreviewRecord> recordsOf(const Preview& p, const std::string& connection,
                                              const std::string& group) {
    std::vector<PreviewRecord> out;
    for (const auto& r : p.records) {
      if (r.connection_label == "acme/" + connection && r.group == group) out.push_back(r);
    }
    return out;
  }

  static const PreviewGroup* groupOf(const Preview& p, const std::string& connection,
                                     const std::string& group, const std::string& operation) {
    for (const auto& g : p.groups) {
      if (g.connection_label == "acme/" + connection && g.group == group && g.operation == operation)
        return &g;
    }
    return nullptr;
  }
};

}  // namespace accord::sync::testing
