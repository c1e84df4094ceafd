// `accord serve --config FILE`: the service's settings, from one JSON file.
//
//   {"server": {"host": "127.0.0.1", "port": 8080, "threads": 8},
//    "store": {"path": "/var/lib/accord/accord.db", "key_file": "/etc/accord/accord.key"},
//    "plugins": {"dir": "/usr/lib/accord/plugins"},
//    "scheduler": {"interval_seconds": 900, "jitter": 0.1, "seed": 0, "max_parallel": 4,
//                  "recovery_after": 5, "recovery_delay_seconds": 1800,
//                  "refresh_seconds": 60},
//    "webhooks": {"max_body_bytes": 1048576},
//    "log": {"level": "info"},
//    "tls": {"certificate": "/etc/accord/cert.pem", "private_key": "/etc/accord/key.pem"}}
//
// Every key is optional (defaults above; store, plugins and key fall back to the CLI's --db,
// --plugins, --key-file and their environment variables; without tls the server speaks plain
// HTTP, with both tls keys HTTPS only). Unknown keys are errors, so a typo
// is never silently ignored. Errors name the file and the dotted key: "accord.json:
// server.port: must be an integer from 0 to 65535". docs/service.md lists every key.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "accord/sdk/host_context.h"
#include "accord/sdk/result.h"

namespace accord::service {

struct ServiceConfig {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  int threads = 8;  // HTTP worker threads
  std::optional<std::filesystem::path> store_path;
  std::optional<std::filesystem::path> key_file;
  std::optional<std::filesystem::path> plugin_dir;
  std::chrono::milliseconds interval{15 * 60'000};
  double jitter = 0.1;
  std::uint64_t seed = 0;  // 0: from std::random_device
  int max_parallel = 4;
  int recovery_after = 5;
  std::chrono::milliseconds recovery_delay{30 * 60'000};
  // How often the connection list is read again (connections added, removed, disabled).
  std::chrono::milliseconds refresh{60'000};
  std::size_t max_webhook_body = 1 << 20;
  sdk::LogLevel log_level = sdk::LogLevel::info;
  // PEM files; both or neither. With them the server speaks HTTPS (Poco NetSSL).
  std::optional<std::filesystem::path> tls_certificate;
  std::optional<std::filesystem::path> tls_private_key;
};

// `label` names the source in messages (the file name).
sdk::Result<ServiceConfig> parseServiceConfig(const std::string& json, const std::string& label);
sdk::Result<ServiceConfig> loadServiceConfig(const std::filesystem::path& file);

}  // namespace accord::service
