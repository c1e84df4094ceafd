// The plugin side of the ABI, in-process: what the descriptor carries, and that nothing a
// connector throws leaves the GuardedConnector.
#include <gtest/gtest.h>

#include <stdexcept>

#include "accord/sdk/plugin.h"
#include "manifest_fixture.h"
#include "accord/sdk/testing/test_host_context.h"

namespace accord::sdk::detail {
namespace {

using NullContext = testing::TestHostContext;

class Throwing final : public Connector {
 public:
  std::vector<FieldError> validateConfig(const Config&) const override {
    throw std::logic_error("bad check");
  }
  Result<Page> read(HostContext&, const ReadRequest& request) override {
    if (request.cursor == "ok") return Page{};
    throw std::runtime_error("boom");
  }
  Result<std::vector<WriteOutcome>> write(HostContext&, const WriteBatch&) override { throw 42; }
  Result<Session> login(HostContext&) override { throw std::out_of_range("no session"); }
};

Manifest describeDemo() {
  Manifest m = testing::fullManifest();
  m.name = "demo";
  return m;
}
Manifest describeThrows() { throw std::runtime_error("no manifest today"); }
std::unique_ptr<Connector> makeThrowing() { return std::make_unique<Throwing>(); }
std::unique_ptr<Connector> failToMake() { throw std::runtime_error("cannot construct"); }
AccordConnectorHandle* noCreate(char*, size_t) { return nullptr; }
void noDestroy(AccordConnectorHandle*) {}

TEST(GuardedConnector, AnExceptionBecomesPluginBugNamingPluginAndMethod) {
  GuardedConnector guarded(std::make_unique<Throwing>(), "demo");
  NullContext ctx;
  auto page = guarded.read(ctx, ReadRequest{});
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().kind, ErrorKind::plugin_bug);
  EXPECT_EQ(page.error().message, "plugin 'demo' threw in read: boom");
  EXPECT_EQ(guarded.login(ctx).error().message, "plugin 'demo' threw in login: no session");
  EXPECT_EQ(guarded.write(ctx, WriteBatch{}).error().message,
            "plugin 'demo' threw in write: an exception not derived from std::exception");
  auto errors = guarded.validateConfig(Config{});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "plugin 'demo' threw in validateConfig: bad check");
}

TEST(GuardedConnector, PassesResultsAndDefaultsThrough) {
  GuardedConnector guarded(std::make_unique<Throwing>(), "demo");
  NullContext ctx;
  ReadRequest request;
  request.cursor = "ok";
  EXPECT_TRUE(guarded.read(ctx, request).ok());
  auto tenants = guarded.listTenants(ctx);
  ASSERT_FALSE(tenants.ok());
  EXPECT_EQ(tenants.error().kind, ErrorKind::not_supported);
}

TEST(PluginDescriptor, CarriesVersionsToolchainHashAndManifest) {
  PluginState state{&describeDemo, &makeThrowing, "toolchain-x", "hash-y"};
  const AccordPluginDescriptor* d = pluginDescriptor(state, &noCreate, &noDestroy);
  EXPECT_EQ(d->struct_size, sizeof(AccordPluginDescriptor));
  EXPECT_EQ(d->abi_major, ACCORD_ABI_MAJOR);
  EXPECT_EQ(d->abi_minor, ACCORD_ABI_MINOR);
  EXPECT_STREQ(d->toolchain_id, "toolchain-x");
  EXPECT_STREQ(d->sdk_hash, "hash-y");
  EXPECT_STREQ(d->name, "demo");
  EXPECT_STREQ(d->version, "1.2.3");
  EXPECT_EQ(d->error, nullptr);
  ASSERT_NE(d->manifest_json, nullptr);
  EXPECT_EQ(manifestFromJson(d->manifest_json).value(), describeDemo());
  EXPECT_EQ(pluginDescriptor(state, &noCreate, &noDestroy), d) << "built once";
}

TEST(PluginDescriptor, DescribeThatThrowsLeavesNoManifestAndSaysWhy) {
  PluginState state{&describeThrows, &makeThrowing, "t", "h"};
  const AccordPluginDescriptor* d = pluginDescriptor(state, &noCreate, &noDestroy);
  EXPECT_EQ(d->manifest_json, nullptr);
  EXPECT_STREQ(d->error, "plugin threw in describe: no manifest today");
}

TEST(PluginDescriptor, CreateThatThrowsReturnsNullAndATruncatedReason) {
  PluginState state{&describeDemo, &failToMake, "t", "h"};
  pluginDescriptor(state, &noCreate, &noDestroy);
  char error[64];
  EXPECT_EQ(createConnector(state, error, sizeof error), nullptr);
  EXPECT_STREQ(error, "plugin 'demo' threw in create: cannot construct");
  char tiny[8];
  EXPECT_EQ(createConnector(state, tiny, sizeof tiny), nullptr);
  EXPECT_STREQ(tiny, "plugin ");
}

TEST(PluginDescriptor, CreateHandsOutAGuardedConnector) {
  PluginState state{&describeDemo, &makeThrowing, "t", "h"};
  pluginDescriptor(state, &noCreate, &noDestroy);
  AccordConnectorHandle* handle = createConnector(state, nullptr, 0);
  ASSERT_NE(handle, nullptr);
  auto* connector = reinterpret_cast<Connector*>(handle);
  NullContext ctx;
  EXPECT_EQ(connector->read(ctx, ReadRequest{}).error().message, "plugin 'demo' threw in read: boom");
  destroyConnector(handle);
}

}  // namespace
}  // namespace accord::sdk::detail
