// The query operation over stored records: filters, ordering, paging and its errors.
#include "vtiger_test_support.h"

namespace accord::sandbox::vtiger::testing {
namespace {

class QueryTest : public VtigerTest {
 protected:
  void SetUp() override {
    session_ = login();
    for (const auto& [name, employees] : std::vector<std::pair<std::string, int>>{
             {"Acme Ltd", 12}, {"Beta GmbH", 3}, {"acme holdings", 40}, {"Delta Inc", 7}}) {
      Object::Ptr e = account(name);
      e->set("employees", std::to_string(employees));
      Answer a = create(session_, "Accounts", e);
      ids_.push_back(a.result()->getValue<std::string>("id"));
    }
  }

  std::vector<std::string> names(const Answer& a, const char* field = "accountname") {
    std::vector<std::string> out;
    if (!a.success()) return out;
    for (const auto& row : *a.resultArray()) out.push_back(row.extract<Object::Ptr>()->getValue<std::string>(field));
    return out;
  }

  std::string session_;
  std::vector<std::string> ids_;
};

TEST_F(QueryTest, SelectedColumnsComeWithTheId) {
  Answer a = query(session_, "SELECT accountname FROM Accounts WHERE accountname = 'Beta GmbH';");
  ASSERT_TRUE(a.success()) << a.errorMessage();
  ASSERT_EQ(a.resultArray()->size(), 1u);
  auto row = a.resultArray()->getObject(0);
  EXPECT_EQ(row->size(), 2u);
  EXPECT_EQ(row->getValue<std::string>("id"), ids_[1]);
}

TEST_F(QueryTest, EqualityAndLikeIgnoreCase) {
  EXPECT_EQ(names(query(session_, "SELECT * FROM Accounts WHERE accountname = 'ACME LTD';")),
            (std::vector<std::string>{"Acme Ltd"}));
  EXPECT_EQ(names(query(session_, "SELECT * FROM Accounts WHERE accountname LIKE 'acme%';")),
            (std::vector<std::string>{"Acme Ltd", "acme holdings"}));
}

TEST_F(QueryTest, NumericFieldsCompareAsNumbers) {
  // As text "7" > "12"; as numbers it is not.
  EXPECT_EQ(names(query(session_, "SELECT * FROM Accounts WHERE employees > 10;")),
            (std::vector<std::string>{"Acme Ltd", "acme holdings"}));
  EXPECT_EQ(names(query(session_, "SELECT * FROM Accounts WHERE employees <= 7;")),
            (std::vector<std::string>{"Beta GmbH", "Delta Inc"}));
}

TEST_F(QueryTest, AndBindsTighterThanOr) {
  auto got = names(query(session_,
      "SELECT * FROM Accounts WHERE employees > 100 AND accountname = 'Acme Ltd' OR accountname = 'Delta Inc';"));
  EXPECT_EQ(got, (std::vector<std::string>{"Delta Inc"}));
}

TEST_F(QueryTest, InAndNotEquals) {
  EXPECT_EQ(names(query(session_, "SELECT * FROM Accounts WHERE accountname IN ('Beta GmbH','Delta Inc');")),
            (std::vector<std::string>{"Beta GmbH", "Delta Inc"}));
  EXPECT_EQ(names(query(session_, "SELECT * FROM Accounts WHERE accountname != 'Beta GmbH';")).size(), 3u);
}

TEST_F(QueryTest, OrderByAndLimitWithOffset) {
  EXPECT_EQ(names(query(session_, "SELECT * FROM Accounts ORDER BY employees DESC LIMIT 1, 2;")),
            (std::vector<std::string>{"Acme Ltd", "Delta Inc"}));
  EXPECT_EQ(names(query(session_, "SELECT * FROM Accounts ORDER BY accountname;")),
            (std::vector<std::string>{"acme holdings", "Acme Ltd", "Beta GmbH", "Delta Inc"}));
}

TEST_F(QueryTest, ReferenceAndIdConditionsUseWebserviceIds) {
  Object::Ptr c = new Object;
  c->set("lastname", "Smith");
  c->set("assigned_user_id", "19x1");
  c->set("account_id", ids_[2]);
  ASSERT_TRUE(create(session_, "Contacts", c).success());
  Answer by_account = query(session_, "SELECT lastname FROM Contacts WHERE account_id = '" + ids_[2] + "';");
  EXPECT_EQ(names(by_account, "lastname"), (std::vector<std::string>{"Smith"}));
  Answer by_id = query(session_, "SELECT * FROM Accounts WHERE id = '" + ids_[3] + "';");
  EXPECT_EQ(names(by_id), (std::vector<std::string>{"Delta Inc"}));
  Answer bad = query(session_, "SELECT * FROM Contacts WHERE account_id = '42';");
  EXPECT_EQ(bad.errorCode(), "INVALID_ID_ATTRIBUTE");
}

TEST_F(QueryTest, ResultsAreCappedAt100Rows) {
  for (int i = 0; i < 120; ++i) createAccount(session_, "Bulk " + std::to_string(i));
  EXPECT_EQ(query(session_, "SELECT * FROM Accounts;").resultArray()->size(), 100u);
  EXPECT_EQ(query(session_, "SELECT * FROM Accounts LIMIT 250;").resultArray()->size(), 100u);
  EXPECT_EQ(query(session_, "SELECT * FROM Accounts LIMIT 100, 100;").resultArray()->size(), 24u);
  Answer count = query(session_, "SELECT count(*) FROM Accounts;");
  EXPECT_EQ(count.resultArray()->getObject(0)->getValue<std::string>("count"), "124");
}

TEST_F(QueryTest, DeletedRecordsAreNotReturned) {
  post({{"operation", "delete"}, {"sessionName", session_}, {"id", ids_[0]}});
  EXPECT_EQ(names(query(session_, "SELECT * FROM Accounts WHERE accountname LIKE 'acme%';")),
            (std::vector<std::string>{"acme holdings"}));
}

TEST_F(QueryTest, UnknownModuleOrFieldIsAccessDenied) {
  Answer module = query(session_, "SELECT * FROM Widgets;");
  EXPECT_EQ(module.errorCode(), "ACCESS_DENIED");
  EXPECT_EQ(module.errorMessage(), "Permission to perform the operation is denied for name : Widgets");
  // The module check comes first, as vtiger resolves the module before parsing.
  EXPECT_EQ(query(session_, "SELEC * FROM Widgets;").errorCode(), "ACCESS_DENIED");
  Answer field = query(session_, "SELECT * FROM Accounts WHERE shoe_size = '9';");
  EXPECT_EQ(field.errorCode(), "ACCESS_DENIED");
  EXPECT_EQ(field.errorMessage(), "Permission to access shoe_size attribute denied.");
}

TEST_F(QueryTest, OrderByUnknownFieldIsDatabaseError) {
  EXPECT_EQ(query(session_, "SELECT * FROM Accounts ORDER BY shoe_size;").errorCode(), "DATABASE_QUERY_ERROR");
}

TEST_F(QueryTest, SyntaxErrorIsQuerySyntaxError) {
  Answer a = query(session_, "SELECT * FROM Accounts WHERE accountname = ;");
  EXPECT_EQ(a.errorCode(), "QUERY_SYNTAX_ERROR");
  EXPECT_EQ(query(session_, "SELECT * FROM Accounts").errorCode(), "QUERY_SYNTAX_ERROR");
}

TEST_F(QueryTest, UsersModuleHasTheLoginUser) {
  Answer a = query(session_, "SELECT user_name FROM Users;");
  ASSERT_TRUE(a.success()) << a.errorMessage();
  EXPECT_EQ(names(a, "user_name"), (std::vector<std::string>{"admin"}));
}

}  // namespace
}  // namespace accord::sandbox::vtiger::testing
