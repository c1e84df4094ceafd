// The connector contract's enum names: the hub stores them (push intents), so they are fixed.
#include <gtest/gtest.h>

#include "accord/sdk/connector.h"

namespace accord::sdk {
namespace {

TEST(WriteKindNames, EachKindHasItsOwnName) {
  EXPECT_EQ(toString(WriteKind::create), "create");
  EXPECT_EQ(toString(WriteKind::update), "update");
  EXPECT_EQ(toString(WriteKind::archive), "archive");
  EXPECT_EQ(toString(WriteKind::remove), "remove");
  EXPECT_EQ(toString(static_cast<WriteKind>(42)), "unknown");
}

}  // namespace
}  // namespace accord::sdk
