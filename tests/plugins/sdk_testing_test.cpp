// The SDK's test doubles (accord/sdk/testing/) behave as their headers promise: plugin authors'
// tests depend on them, so a double that silently does the wrong thing would hide real bugs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "accord/sdk/testing/test_host_context.h"

namespace accord::sdk::testing {
namespace {

TEST(ScriptedHttpClient, AnswersInOrderThenFromTheHandlerAndRecordsEveryRequest) {
  ScriptedHttpClient http;
  http.enqueue(200, "first");
  http.enqueueError(ErrorKind::retryable, "timed out");
  http.setHandler([](const HttpRequest& r) { return HttpResponse{404, {}, "no " + r.url}; });

  auto first = http.send(HttpRequest{"GET", "https://a.test/1", {}, ""});
  auto second = http.send(HttpRequest{"POST", "https://a.test/2", {}, "body"});
  auto third = http.send(HttpRequest{"GET", "https://a.test/3", {}, ""});
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->body, "first");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind, ErrorKind::retryable);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->status, 404);
  EXPECT_EQ(third->body, "no https://a.test/3");
  ASSERT_EQ(http.requests().size(), 3u);
  EXPECT_EQ(http.requests()[1].body, "body");
  EXPECT_EQ(http.pending(), 0u);
}

TEST(ScriptedHttpClient, UnscriptedRequestIsALoudError) {
  ScriptedHttpClient http;
  auto answer = http.send(HttpRequest{"DELETE", "https://a.test/x", {}, ""});
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.error().kind, ErrorKind::plugin_bug);
  EXPECT_THAT(answer.error().message, ::testing::HasSubstr("DELETE https://a.test/x"));
}

TEST(TestHostContext, BundlesSettableDoubles) {
  TestHostContext ctx(Config({{"region", std::string("au")}}));
  const auto start = ctx.clock().now();
  ctx.fake_clock.advance(std::chrono::minutes(2));
  EXPECT_EQ(ctx.clock().now() - start, std::chrono::minutes(2));
  ctx.secret_values.set("access_token", "s3cret");
  EXPECT_EQ(ctx.secrets().get("access_token"), "s3cret");
  EXPECT_EQ(ctx.secrets().get("refresh_token"), std::nullopt);
  ctx.log().warn("token refreshed");
  EXPECT_TRUE(ctx.logger.contains("refreshed"));
  EXPECT_FALSE(ctx.logger.contains("s3cret"));
  EXPECT_EQ(ctx.logger.lines().at(0).level, LogLevel::warn);
  EXPECT_EQ(ctx.config().getString("region"), "au");
}

}  // namespace
}  // namespace accord::sdk::testing
