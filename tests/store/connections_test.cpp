#include "store/connections.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace accord::store {
namespace {

using testing::readFileBytes;
using testing::StoreTest;

class ConnectionsTest : public StoreTest {
 protected:
  ConnectionId addWithSecrets(const std::string& name, const SecretMap& secrets) {
    NewConnection spec;
    spec.org_id = org_;
    spec.plugin = "salesforce";
    spec.name = name;
    spec.config_json = R"({"instance_url":"https://example.my.salesforce.com"})";
    spec.secrets = secrets;
    auto added = store().connections().add(spec, &box_);
    EXPECT_TRUE(added.ok()) << added.error().describe();
    return added.ok() ? added->id : 0;
  }
  SecretBox box_{SecretKey::generate()};
};

TEST_F(ConnectionsTest, AddsWithConfigDirectionsAndListsThem) {
  NewConnection spec;
  spec.org_id = org_;
  spec.plugin = "shopify";
  spec.config_json = R"({"shop":"acme"})";
  spec.directions["item"] = EntityDirection{true, false};
  ASSERT_OK_AND_ASSIGN(added, store().connections().add(spec, nullptr));
  EXPECT_EQ(added.name, "shopify");
  EXPECT_EQ(added.label(), "acme/shopify");
  EXPECT_FALSE(added.has_secrets);
  EXPECT_EQ(added.direction("item"), (EntityDirection{true, false}));
  EXPECT_EQ(added.direction("person"), (EntityDirection{true, true}));
  ASSERT_OK_AND_ASSIGN(all, store().connections().list(org_));
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "shopify");
  EXPECT_EQ(all[0].config_json, R"({"shop":"acme"})");
  EXPECT_EQ(all[1].name, "xero");
}

TEST_F(ConnectionsTest, RefusesDuplicateNamesAndConfigThatIsNotAnObject) {
  NewConnection spec;
  spec.org_id = org_;
  spec.plugin = "xero";
  auto dup = store().connections().add(spec, nullptr);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().message, "connection 'acme/xero' already exists");
  spec.name = "xero2";
  spec.config_json = "[1,2]";
  auto bad = store().connections().add(spec, nullptr);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, sdk::ErrorKind::invalid_config);
  EXPECT_FALSE(store().connections().setConfig(xero_, "{nope").ok());
  spec.config_json = "{}";
  spec.secrets = {{"token", "x"}};
  auto no_key = store().connections().add(spec, nullptr);
  ASSERT_FALSE(no_key.ok());
  EXPECT_NE(no_key.error().message.find("no secret key is loaded"), std::string::npos);
}

TEST_F(ConnectionsTest, EnablesDisablesAndRemoves) {
  ASSERT_OK(store().connections().setEnabled(xero_, false));
  EXPECT_FALSE(store().connections().get(xero_)->enabled);
  ASSERT_OK(store().connections().setEnabled(xero_, true));
  EXPECT_TRUE(store().connections().get(xero_)->enabled);
  ASSERT_OK(store().connections().setDirection(xero_, "invoice", {false, true}));
  EXPECT_EQ(store().connections().get(xero_)->direction("invoice"), (EntityDirection{false, true}));
  ASSERT_OK(store().connections().remove(xero_));
  EXPECT_FALSE(store().connections().get(xero_).ok());
  EXPECT_FALSE(store().connections().setEnabled(xero_, true).ok());
}

TEST_F(ConnectionsTest, SecretsRoundTripAndUpdateOneAtATime) {
  const ConnectionId id = addWithSecrets("sf", {{"client_secret", "cs-1"}, {"refresh_token", "rt-1"}});
  EXPECT_TRUE(store().connections().get(id)->has_secrets);
  ASSERT_OK(store().connections().setSecret(id, "refresh_token", std::string("rt-2"), box_));
  ASSERT_OK(store().connections().setSecret(id, "client_secret", std::nullopt, box_));
  ASSERT_OK_AND_ASSIGN(secrets, store().connections().loadSecrets(id, box_));
  EXPECT_EQ(secrets, (SecretMap{{"refresh_token", "rt-2"}}));
}

TEST_F(ConnectionsTest, WrongKeyIsRefusedNamingTheConnection) {
  const ConnectionId id = addWithSecrets("sf", {{"client_secret", "cs-1"}});
  const SecretBox other(SecretKey::generate());
  auto loaded = store().connections().loadSecrets(id, other);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, sdk::ErrorKind::invalid_config);
  EXPECT_EQ(loaded.error().message.rfind("connection 'acme/sf': cannot decrypt its secrets: "
                                         "sealed with key " + box_.key().idHex(), 0),
            0u)
      << loaded.error().message;
}

TEST_F(ConnectionsTest, SecretsCopiedToAnotherConnectionAreRefused) {
  const ConnectionId a = addWithSecrets("a", {{"token", "for-a"}});
  const ConnectionId b = addWithSecrets("b", {{"token", "for-b"}});
  ASSERT_OK(store().db().run("UPDATE connections SET secrets = (SELECT secrets FROM connections "
                             "WHERE id = ?1) WHERE id = ?2", a, b));
  auto loaded = store().connections().loadSecrets(b, box_);
  ASSERT_FALSE(loaded.ok());
  EXPECT_NE(loaded.error().message.find("connection 'acme/b'"), std::string::npos);
  EXPECT_NE(loaded.error().message.find("failed authentication"), std::string::npos);
  EXPECT_EQ(loaded.error().message.find("for-a"), std::string::npos);
}

TEST_F(ConnectionsTest, KeyRotationReSealsEverySecretUnderTheNewKey) {
  const ConnectionId a = addWithSecrets("a", {{"token", "for-a"}});
  const ConnectionId b = addWithSecrets("b", {{"token", "for-b"}});
  const SecretBox fresh(SecretKey::generate());
  ASSERT_OK_AND_ASSIGN(count, store().connections().rotateKey(box_, fresh));
  EXPECT_EQ(count, 2);  // xero has no secrets
  EXPECT_EQ(store().connections().loadSecrets(b, fresh).value().at("token"), "for-b");
  EXPECT_FALSE(store().connections().loadSecrets(a, box_).ok());
  // Rotating from a key that does not fit changes nothing.
  const SecretBox stranger(SecretKey::generate());
  EXPECT_FALSE(store().connections().rotateKey(stranger, box_).ok());
  EXPECT_EQ(store().connections().loadSecrets(a, fresh).value().at("token"), "for-a");
}

TEST_F(ConnectionsTest, PlaintextSecretsNeverReachTheDatabaseFiles) {
  const std::string token = "PLAINTEXT-TOKEN-5f1c2a9e";
  const ConnectionId id = addWithSecrets("sf", {{"access_token", token}});
  ASSERT_OK(store().connections().setSecret(id, "refresh_token", token + "-refresh", box_));
  ASSERT_OK(store().connections().loadSecrets(id, box_));
  const auto db = dir_ / "accord.db";
  std::string bytes = readFileBytes(db) + readFileBytes(db.string() + "-wal");
  ASSERT_GT(bytes.size(), 0u);
  EXPECT_EQ(bytes.find(token), std::string::npos);
  EXPECT_EQ(bytes.find("access_token"), std::string::npos);  // key names are sealed too
  store_.reset();  // checkpoint the WAL into the main file on close
  EXPECT_EQ(readFileBytes(db).find(token), std::string::npos);
}

}  // namespace
}  // namespace accord::store
