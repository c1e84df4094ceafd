// Test doubles for plugin authors: Secrets served from a map the test fills.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "accord/sdk/host_context.h"

namespace accord::sdk::testing {

// Not thread-safe to modify while a plugin call runs; set everything up first.
class MapSecrets final : public Secrets {
 public:
  MapSecrets() = default;
  explicit MapSecrets(std::map<std::string, std::string, std::less<>> values)
      : values_(std::move(values)) {}

  std::optional<std::string> get(std::string_view key) const override {
    auto it = values_.find(key);
    if (it == values_.end()) return std::nullopt;
    return it->second;
  }

  void set(std::string key, std::string value) { values_[std::move(key)] = std::move(value); }
  void erase(std::string_view key) {
    auto it = values_.find(key);
    if (it != values_.end()) values_.erase(it);
  }

 private:
  std::map<std::string, std::string, std::less<>> values_;
};

}  // namespace accord::sdk::testing
