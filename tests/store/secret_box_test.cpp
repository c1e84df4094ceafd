#include "store/secret_box.h"

#include <gtest/gtest.h>

namespace accord::store {
namespace {

TEST(SecretBoxTest, RoundTripsAndNeverRepeatsACiphertext) {
  const SecretBox box(SecretKey::generate());
  auto a = box.seal("s3cret-token", "connection 1");
  auto b = box.seal("s3cret-token", "connection 1");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a.value(), b.value());  // a fresh nonce each time
  EXPECT_EQ(a->find("s3cret-token"), std::string::npos);
  auto opened = box.open(a.value(), "connection 1");
  ASSERT_TRUE(opened.ok()) << opened.error().describe();
  EXPECT_EQ(opened.value(), "s3cret-token");
  EXPECT_EQ(box.open(box.seal("", "c").value(), "c").value(), "");
}

TEST(SecretBoxTest, WrongKeyIsRefusedNamingBothKeys) {
  const SecretBox mine(SecretKey::generate());
  const SecretBox theirs(SecretKey::generate());
  auto sealed = theirs.seal("token", "connection 1");
  auto opened = mine.open(sealed.value(), "connection 1");
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().kind, sdk::ErrorKind::invalid_config);
  EXPECT_EQ(opened.error().message, "sealed with key " + theirs.key().idHex() +
                                        " but the current key is " + mine.key().idHex() +
                                        " (wrong ACCORD_KEY or ACCORD_KEY_FILE?)");
}

TEST(SecretBoxTest, AnyAlteredByteIsRefused) {
  const SecretBox box(SecretKey::generate());
  const std::string sealed = box.seal("token-value", "connection 1").value();
  // Past the header (format, key id): nonce, ciphertext and tag are all authenticated.
  for (std::size_t i = 5; i < sealed.size(); ++i) {
    std::string altered = sealed;
    altered[i] = static_cast<char>(altered[i] ^ 0x01);
    auto opened = box.open(altered, "connection 1");
    ASSERT_FALSE(opened.ok()) << "byte " << i;
    EXPECT_NE(opened.error().message.find("failed authentication"), std::string::npos);
  }
}

TEST(SecretBoxTest, ValueCopiedToAnotherContextIsRefused) {
  const SecretBox box(SecretKey::generate());
  auto sealed = box.seal("token", "connection 1");
  EXPECT_FALSE(box.open(sealed.value(), "connection 2").ok());
}

TEST(SecretBoxTest, TruncatedOrUnknownFormatIsRefused) {
  const SecretBox box(SecretKey::generate());
  std::string sealed = box.seal("token", "c").value();
  EXPECT_FALSE(box.open(sealed.substr(0, 20), "c").ok());
  sealed[0] = 9;
  auto opened = box.open(sealed, "c");
  ASSERT_FALSE(opened.ok());
  EXPECT_NE(opened.error().message.find("unknown format"), std::string::npos);
}

}  // namespace
}  // namespace accord::store
