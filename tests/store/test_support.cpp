#include "test_support.h"

#include <stdlib.h>

#include <fstream>
#include <iterator>

namespace accord::store::testing {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "accord-store-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string readFileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

void StoreTest::SetUp() {
  StoreOptions options;
  options.clock = &clock_;
  options.database.synchronous_full = false;
  auto opened = Store::open(dir_ / "accord.db", options);
  ASSERT_TRUE(opened.ok()) << opened.error().describe();
  store_ = std::move(opened.value());
  auto org = store_->organisations().add("Acme Pty Ltd", "acme");
  ASSERT_TRUE(org.ok()) << org.error().describe();
  org_ = org->id;
  xero_ = addConnection("xero").id;
}

RecordPut StoreTest::recordPut(const std::string& id, const std::string& hash,
                               const std::string& entity) {
  RecordPut put;
  put.id = id;
  put.org_id = org_;
  put.entity = entity;
  put.content_hash = hash;
  put.body = "{}";
  put.source = xero_;
  return put;
}

Connection StoreTest::addConnection(const std::string& name) {
  NewConnection spec;
  spec.org_id = org_;
  spec.plugin = name;
  auto added = store_->connections().add(spec, nullptr);
  EXPECT_TRUE(added.ok()) << added.error().describe();
  return added.ok() ? added.value() : Connection{};
}

}  // namespace accord::store::testing
