// The smallest useful Accord plugin: an in-memory "hello" app with two organizations, read as
// pages of at most page_size records. Copy this folder to start a real connector.
#include <accord/sdk/manifest_builders.h>
#include <accord/sdk/plugin.h>

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

namespace hello {
using namespace accord::sdk;

// What the app can do, as data: the hub pages, paces and validates from this.
Manifest describe() {
  Manifest m;
  m.name = "hello";
  m.version = "0.1.0";
  m.display_name = "Hello";
  m.description = "An in-memory app that always holds the same two organizations.";
  m.entities = {capability(model::EntityType::organization, {Operation::read}, {SyncMode::full})};
  m.limits.max_page_size = 1;
  m.config = {{"hello.greeting", ConfigType::string, ConfigValue{std::string("hi")}, false, false,
               "Shown in nothing but this example."}};
  return m;
}

class HelloConnector final : public Connector {
 public:
  Result<Page> read(HostContext& ctx, const ReadRequest& request) override {
    (void)ctx;
    if (request.entity != model::EntityType::organization) {
      return makeError(ErrorKind::not_supported, "hello holds organizations only");
    }
    // The cursor is the index of the next record: the hub stores it, the plugin keeps nothing.
    std::size_t start = 0;
    const std::string& cursor = request.cursor;
    if (std::from_chars(cursor.data(), cursor.data() + cursor.size(), start).ptr !=
        cursor.data() + cursor.size()) {
      return makeError(ErrorKind::permanent, "cursor \"" + cursor + "\" is not a record index");
    }
    static const std::vector<std::string> kNames{"Acme Ltd", "Globex Corporation"};
    Page page;
    std::size_t end = std::min(kNames.size(), start + static_cast<std::size_t>(request.page_size));
    for (std::size_t i = start; i < end; ++i) {
      model::Organization org;
      org.meta.id = "hello-" + std::to_string(i + 1);
      org.name = kNames[i];
      org.is_customer = true;
      page.records.push_back(org);
    }
    page.next_cursor = std::to_string(end);
    page.more = end < kNames.size();
    return page;
  }

  Result<std::vector<WriteOutcome>> write(HostContext& ctx, const WriteBatch& batch) override {
    (void)ctx, (void)batch;
    return makeError(ErrorKind::not_supported, "hello is read-only");
  }
};
}  // namespace hello

ACCORD_PLUGIN(hello::HelloConnector, hello::describe)
