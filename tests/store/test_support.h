// Helpers the store tests share: a temporary directory, a settable clock, a store on a fresh
// file, and reading a file's bytes (for "the plaintext is not on disk").
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "store/store.h"

namespace accord::store::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

class FakeClock final : public sdk::Clock {
 public:
  explicit FakeClock(std::int64_t ms = 1'700'000'000'000) : ms_(ms) {}
  std::chrono::system_clock::time_point now() const override {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(ms_));
  }
  void advance(std::int64_t ms) { ms_ += ms; }
  std::int64_t millis() const { return ms_; }

 private:
  std::int64_t ms_;
};

std::string readFileBytes(const std::filesystem::path& path);

// A fresh store in its own directory, with a fake clock, an organisation "acme" and a
// connection "acme/xero"; ASSERTs on any failure.
class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override;
  Store& store() { return *store_; }
  Connection addConnection(const std::string& name);
  // A record of the organisation with the given content hash, from connection xero.
  RecordPut recordPut(const std::string& id, const std::string& hash = "h",
                      const std::string& entity = "person");

  TempDir dir_;
  FakeClock clock_;
  std::unique_ptr<Store> store_;
  OrgId org_ = 0;
  ConnectionId xero_ = 0;
};

// Unwraps a Result in a test, failing with the error's text.
#define ASSERT_OK_AND_ASSIGN(lhs, expr)                                          \
  auto lhs##_result_ = (expr);                                                   \
  ASSERT_TRUE(lhs##_result_.ok()) << lhs##_result_.error().describe();           \
  auto lhs = std::move(lhs##_result_.value())

#define ASSERT_OK(expr)                                      \
  do {                                                       \
    auto ok_result_ = (expr);                                \
    ASSERT_TRUE(ok_result_.ok()) << ok_result_.error().describe(); \
  } while (0)

}  // namespace accord::store::testing
