#include "store/secret_key.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <map>

#include "test_support.h"

namespace accord::store {
namespace {

using testing::TempDir;

EnvLookup fakeEnv(std::map<std::string, std::string> vars) {
  return [vars](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

void writeFile(const std::filesystem::path& path, const std::string& bytes, mode_t mode) {
  std::ofstream(path, std::ios::binary) << bytes;
  ::chmod(path.c_str(), mode);
}

TEST(SecretKeyTest, CreatedKeyFileIsPrivateAndLoadsToTheSameKey) {
  TempDir dir;
  const auto path = dir / "accord.key";
  auto created = createKeyFile(path);
  ASSERT_TRUE(created.ok()) << created.error().describe();
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  auto loaded = SecretKey::fromFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
  EXPECT_EQ(loaded->bytes(), created->bytes());
  EXPECT_EQ(loaded->id(), created->id());
}

TEST(SecretKeyTest, RefusesToOverwriteAKeyFile) {
  TempDir dir;
  ASSERT_TRUE(createKeyFile(dir / "k").ok());
  auto again = createKeyFile(dir / "k");
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("already exists"), std::string::npos);
}

TEST(SecretKeyTest, RefusesAKeyFileOthersCanRead) {
  TempDir dir;
  const auto path = dir / "k";
  writeFile(path, SecretKey::generate().toBase64(), 0644);
  auto loaded = SecretKey::fromFile(path);
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().kind, sdk::ErrorKind::invalid_config);
  EXPECT_EQ(loaded.error().message, "key file " + path.string() +
                                        " is accessible by group or others (mode 0644); run: "
                                        "chmod 600 " + path.string());
}

TEST(SecretKeyTest, AcceptsThirtyTwoRawBytes) {
  TempDir dir;
  const auto path = dir / "k";
  std::string raw(32, '\0');
  for (int i = 0; i < 32; ++i) raw[i] = static_cast<char>(i * 7);
  writeFile(path, raw, 0600);
  auto loaded = SecretKey::fromFile(path);
  ASSERT_TRUE(loaded.ok()) << loaded.error().describe();
  EXPECT_EQ(std::string(loaded->bytes().begin(), loaded->bytes().end()), raw);
}

TEST(SecretKeyTest, RefusesBase64OfTheWrongLength) {
  auto key = SecretKey::fromBase64("c2hvcnQ=", "ACCORD_KEY");
  ASSERT_FALSE(key.ok());
  EXPECT_NE(key.error().message.find("ACCORD_KEY: expected base64 of 32 bytes"), std::string::npos);
  EXPECT_FALSE(SecretKey::fromBase64("!!not base64!!", "ACCORD_KEY").ok());
}

TEST(SecretKeyTest, LoadsFromTheEnvironmentInOrder) {
  TempDir dir;
  auto file_key = createKeyFile(dir / "k");
  ASSERT_TRUE(file_key.ok());
  const SecretKey env_key = SecretKey::generate();

  auto from_env = loadSecretKey({std::nullopt, fakeEnv({{"ACCORD_KEY", env_key.toBase64()}})});
  ASSERT_TRUE(from_env.ok()) << from_env.error().describe();
  EXPECT_EQ(from_env->id(), env_key.id());

  auto from_file = loadSecretKey({std::nullopt, fakeEnv({{"ACCORD_KEY_FILE", (dir / "k").string()}})});
  ASSERT_TRUE(from_file.ok()) << from_file.error().describe();
  EXPECT_EQ(from_file->id(), file_key->id());

  auto explicit_file =
      loadSecretKey({dir / "k", fakeEnv({{"ACCORD_KEY", env_key.toBase64()}})});
  ASSERT_TRUE(explicit_file.ok());
  EXPECT_EQ(explicit_file->id(), file_key->id());

  auto both = loadSecretKey({std::nullopt, fakeEnv({{"ACCORD_KEY", env_key.toBase64()},
                                                    {"ACCORD_KEY_FILE", (dir / "k").string()}})});
  ASSERT_FALSE(both.ok());
  EXPECT_NE(both.error().message.find("set only one"), std::string::npos);

  auto none = loadSecretKey({std::nullopt, fakeEnv({})});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.error().message.find("no secret key: set ACCORD_KEY"), std::string::npos);
}

}  // namespace
}  // namespace accord::store
