#include <gtest/gtest.h>

#include "accord/sdk/http.h"

namespace accord::sdk {
namespace {

TEST(HttpRequest, SetHeaderReplacesEveryCaseVariant) {
  HttpRequest request;
  request.headers = {{"Accept", "text/plain"}, {"content-type", "a"}, {"CONTENT-TYPE", "b"}};
  request.setHeader("Content-Type", "application/json");
  std::vector<std::pair<std::string, std::string>> expected{{"Accept", "text/plain"},
                                                            {"Content-Type", "application/json"}};
  EXPECT_EQ(request.headers, expected);
}

TEST(HttpRequest, SetHeaderAppendsANewName) {
  HttpRequest request;
  request.setHeader("X-Idempotency-Key", "k1");
  ASSERT_EQ(request.headers.size(), 1u);
  EXPECT_EQ(request.headers[0].second, "k1");
}

TEST(HttpResponse, HeaderLookupIgnoresCaseAndReturnsTheFirst) {
  HttpResponse response;
  response.headers = {{"retry-after", "30"}, {"Retry-After", "60"}};
  EXPECT_EQ(response.header("RETRY-AFTER"), "30");
  EXPECT_EQ(response.header("X-Missing"), std::nullopt);
}

}  // namespace
}  // namespace accord::sdk
