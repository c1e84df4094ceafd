// One test per behaviour of the sync engine (issue 5), against the Xero and vTiger sandboxes
// through the real plugins and the runtime. Xero starts with the demo business, vTiger empty,
// unless a test says otherwise.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include "harness.h"

namespace accord::e2e {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

template <typename T>
std::vector<T> as(const std::vector<model::Record>& records) {
  std::vector<T> out;
  for (const auto& record : records) out.push_back(std::get<T>(record));
  return out;
}

template <typename T>
std::optional<T> named(const std::vector<model::Record>& records, const std::string& name) {
  for (const auto& record : records) {
    const T& typed = std::get<T>(record);
    if (typed.name == name) return typed;
  }
  return std::nullopt;
}

Poco::JSON::Array::Ptr jsonArray(const std::string& text) {
  Poco::JSON::Parser parser;
  return parser.parse(text).extract<Poco::JSON::Array::Ptr>();
}

std::string firstContactId(const std::string& xero_answer) {
  Poco::JSON::Parser parser;
  auto envelope = parser.parse(xero_answer).extract<Poco::JSON::Object::Ptr>();
  return envelope->getArray("Contacts")->getObject(0)->getValue<std::string>("ContactID");
}

class SyncBehaviour : public E2eTest {
 protected:
  // The vTiger id of the Account for this name, or "" when there is none.
  std::string vtigerAccount(const std::string& name) {
    auto rows = jsonArray(env_->vtigerQuery("SELECT id FROM Accounts WHERE accountname = '" + name + "';"));
    return rows->size() == 1 ? rows->getObject(0)->getValue<std::string>("id") : "";
  }
  std::size_t vtigerCount(const std::string& module, const std::string& where = "") {
    return jsonArray(env_->vtigerQuery("SELECT id FROM " + module + where + ";"))->size();
  }
  std::optional<model::Organization> inXero(const std::string& name) {
    return named<model::Organization>(env_->appRecords("xero", EntityType::organization), name);
  }
  std::int64_t changeLogSize() {
    auto changes = env_->store().records().changesSince(env_->org(), 0, 1000000);
    EXPECT_TRUE(changes) << changes.error().message;
    return changes ? static_cast<std::int64_t>(changes->size()) : -1;
  }
};

TEST_F(SyncBehaviour, XeroContactArrivesInVtiger) {
  auto first = sync();
  EXPECT_EQ(first.counts.errors, 0) << describe(first);
  EXPECT_THAT(env_->compareWithCanonical(EntityType::organization), IsEmpty());
  EXPECT_NE(vtigerAccount("Acme Ltd"), "");

  env_->xeroPost("Contacts", R"({"Contacts":[{"Name":"Kauri Timber Co","EmailAddress":"ap@kauri.example"}]})");
  env_->time().advance(std::chrono::seconds(30));
  auto second = sync();
  EXPECT_EQ(second.counts.errors, 0) << describe(second);
  EXPECT_EQ(vtigerCount("Accounts", " WHERE accountname = 'Kauri Timber Co'"), 1u);
  EXPECT_THAT(env_->compareWithCanonical(EntityType::organization), IsEmpty());
}

}  // namespace
}  // namespace accord::e2e
