// The service config: every key read, defaults kept, and every mistake named by file and key.
#include <gtest/gtest.h>

#include <fstream>

#include "service/config.h"

namespace accord::service {
namespace {

using namespace std::chrono_literals;

TEST(ServiceConfig, ReadsEveryKeyAndKeepsDefaultsForTheRest) {
  auto config = parseServiceConfig(R"({
    "server": {"host": "127.0.0.1", "port": 0, "threads": 2},
    "store": {"path": "/var/lib/accord/accord.db"},
    "scheduler": {"interval_seconds": 600, "jitter": 0.2, "seed": 42, "max_parallel": 3,
                  "recovery_after": 4, "recovery_delay_seconds": 3600, "refresh_seconds": 30},
    "log": {"level": "debug"}})", "accord.json");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->port, 0);
  EXPECT_EQ(config->threads, 2);
  EXPECT_EQ(config->store_path->string(), "/var/lib/accord/accord.db");
  EXPECT_FALSE(config->plugin_dir.has_value());
  EXPECT_EQ(config->interval, 10min);
  EXPECT_DOUBLE_EQ(config->jitter, 0.2);
  EXPECT_EQ(config->seed, 42u);
  EXPECT_EQ(config->max_parallel, 3);
  EXPECT_EQ(config->recovery_after, 4);
  EXPECT_EQ(config->recovery_delay, 1h);
  EXPECT_EQ(config->refresh, 30s);
  EXPECT_EQ(config->log_level, sdk::LogLevel::debug);
  EXPECT_EQ(config->max_webhook_body, 1u << 20);
}

struct Bad {
  const char* json;
  const char* message;
  const char* field;
};

class ServiceConfigErrors : public ::testing::TestWithParam<Bad> {};

TEST_P(ServiceConfigErrors, NameTheFileAndTheKey) {
  auto config = parseServiceConfig(GetParam().json, "/etc/accord/accord.json");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().kind, sdk::ErrorKind::invalid_config);
  EXPECT_EQ(config.error().message, GetParam().message);
  EXPECT_EQ(config.error().field, GetParam().field);
}

INSTANTIATE_TEST_SUITE_P(
    Each, ServiceConfigErrors,
    ::testing::Values(
        Bad{R"({"server": {"port": 70000}})",
            "/etc/accord/accord.json: server.port: must be an integer from 0 to 65535",
            "server.port"},
        Bad{R"({"server": {"port": "8080"}})",
            "/etc/accord/accord.json: server.port: must be an integer from 0 to 65535",
            "server.port"},
        Bad{R"({"server": {"prot": 8080}})",
            "/etc/accord/accord.json: server.prot: unknown key (docs/service.md lists them)",
            "server.prot"},
        Bad{R"({"scheduler": 5})", "/etc/accord/accord.json: scheduler: must be an object",
            "scheduler"},
        Bad{R"({"scheduler": {"jitter": 2}})",
            "/etc/accord/accord.json: scheduler.jitter: must be a number from 0 to 0.5",
            "scheduler.jitter"},
        Bad{R"({"log": {"level": "loud"}})",
            "/etc/accord/accord.json: log.level: must be one of debug, info, warn, error",
            "log.level"},
        Bad{R"({"store": {"path": ""}})",
            "/etc/accord/accord.json: store.path: must be a non-empty string", "store.path"},
        Bad{R"([1, 2])", "/etc/accord/accord.json: must be a JSON object", ""}));

TEST(ServiceConfig, BrokenJsonAndMissingFilesNameTheFile) {
  auto broken = parseServiceConfig(R"({"server": )", "accord.json");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.error().message.rfind("accord.json: not valid JSON", 0), 0u)
      << broken.error().message;
  auto missing = loadServiceConfig("/nonexistent/accord.json");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, "/nonexistent/accord.json: cannot be read (does it exist?)");
}

TEST(ServiceConfig, TheExampleConfigInTheRepositoryIsValid) {
  auto config = loadServiceConfig(ACCORD_EXAMPLE_CONFIG);
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->host, "127.0.0.1");
}

}  // namespace
}  // namespace accord::service
