// Each deliberately broken plugin under broken/ and the exact line the host refuses it with.
#include <gtest/gtest.h>

#include "plugin_host/plugin_host.h"

namespace accord::plugin_host {
namespace {
namespace fs = std::filesystem;

const fs::path kBroken = ACCORD_TEST_BROKEN_DIR;

std::string path(const std::string& file) { return (kBroken / file).string(); }

std::string refusalOf(const std::string& file) {
  auto loaded = loadPluginFile(kBroken / file);
  return loaded.ok() ? "loaded" : loaded.error().message;
}

sdk::ErrorKind kindOf(const std::string& file) { return loadPluginFile(kBroken / file).error().kind; }

const std::string kEntry = "entry point 'accord_plugin_entry' in section 'accord' expected";

TEST(Refusals, NotAPluginAtAll) {
  EXPECT_EQ(refusalOf("accord_not_a_plugin.so"),
            path("accord_not_a_plugin.so") + ": an ELF shared library expected, found a file that is not ELF");
  EXPECT_EQ(refusalOf("accord_object_file.so"),
            path("accord_object_file.so") + ": an ELF shared library expected, found ELF file type 1");
  EXPECT_EQ(refusalOf("accord_absent.so"),
            path("accord_absent.so") + ": a readable file expected, found none");
}

TEST(Refusals, MissingEntryIsFoundWithoutRunningTheLibrary) {
  EXPECT_EQ(refusalOf("accord_no_entry.so"), path("accord_no_entry.so") + ": " + kEntry + ", found no such section");
  EXPECT_EQ(kindOf("accord_no_entry.so"), sdk::ErrorKind::invalid_config);
}

TEST(Refusals, LoaderFailureAndMissingDescriptor) {
  EXPECT_EQ(refusalOf("accord_missing_dependency.so"),
            path("accord_missing_dependency.so") + ": a loadable library expected, found libaccord_test_vanishing.so: cannot open shared "
                "object file: No such file or directory");
  EXPECT_EQ(refusalOf("accord_null_descriptor.so"),
            path("accord_null_descriptor.so") + ": a descriptor from accord_plugin_entry expected, found NULL");
}

TEST(Refusals, AbiVersions) {
  EXPECT_EQ(refusalOf("accord_wrong_abi_major.so"),
            path("accord_wrong_abi_major.so") + ": plugin ABI major 1 expected, found 2");
  EXPECT_EQ(refusalOf("accord_newer_abi_minor.so"),
            path("accord_newer_abi_minor.so") + ": plugin ABI minor at most 0 expected, found 1");
  EXPECT_EQ(refusalOf("accord_short_descriptor.so"),
            path("accord_short_descriptor.so") + ": a descriptor of at least " +
                std::to_string(sizeof(AccordPluginDescriptor)) + " bytes expected, found 16 bytes");
}

TEST(Refusals, ToolchainAndSdkHash) {
  EXPECT_EQ(refusalOf("accord_wrong_toolchain.so"),
            path("accord_wrong_toolchain.so") + ": toolchain '" ACCORD_TOOLCHAIN_ID
                                                "' expected, found 'gcc-4;libstdc++-4;cxx11abi-0;"
                                                "boost-105500;poco-0x01060000'");
  EXPECT_EQ(refusalOf("accord_wrong_sdk_hash.so"),
            path("accord_wrong_sdk_hash.so") + ": SDK hash '" ACCORD_SDK_HASH "' expected, found '" +
                std::string(64, '0') + "'");
}

TEST(Refusals, ManifestProblemsArePluginBugs) {
  EXPECT_EQ(refusalOf("accord_throwing_describe.so"),
            path("accord_throwing_describe.so") +
                ": a manifest expected, found plugin threw in describe: manifest file not found");
  EXPECT_EQ(refusalOf("accord_bad_manifest.so"),
            path("accord_bad_manifest.so") +
                ": a consistent manifest expected, found limits.max_page_size: must be positive, found 0");
  EXPECT_EQ(refusalOf("accord_name_mismatch.so"),
            path("accord_name_mismatch.so") +
                ": plugin name 'forged' (as in its manifest) expected, found 'impostor'");
  EXPECT_EQ(kindOf("accord_bad_manifest.so"), sdk::ErrorKind::plugin_bug);
}

TEST(Refusals, ThrowingCreateIsRefusedAtLoadNamingPluginAndMethod) {
  EXPECT_EQ(refusalOf("accord_throwing_create.so"),
            path("accord_throwing_create.so") +
                ": a connector from create expected, found plugin 'throwing_create' threw in "
                "create: no connection pool");
  EXPECT_EQ(kindOf("accord_throwing_create.so"), sdk::ErrorKind::plugin_bug);
}

TEST(Refusals, ScanRefusesEachBrokenFileAndTheSecondOfTwoNamesakes) {
  PluginHost host;
  ScanResult scanned = host.scan(kBroken);
  ASSERT_EQ(scanned.plugins.size(), 1u);
  EXPECT_EQ(scanned.plugins[0]->name(), "twin");
  EXPECT_EQ(scanned.plugins[0]->file(), kBroken / "accord_twin_a.so");
  std::vector<std::string> expected{
      refusalOf("accord_bad_manifest.so"),
      refusalOf("accord_missing_dependency.so"),
      refusalOf("accord_name_mismatch.so"),
      refusalOf("accord_newer_abi_minor.so"),
      refusalOf("accord_no_entry.so"),
      refusalOf("accord_not_a_plugin.so"),
      refusalOf("accord_null_descriptor.so"),
      refusalOf("accord_object_file.so"),
      refusalOf("accord_short_descriptor.so"),
      refusalOf("accord_throwing_create.so"),
      refusalOf("accord_throwing_describe.so"),
      path("accord_twin_b.so") + ": a unique plugin name expected, found 'twin' already loaded from " +
          path("accord_twin_a.so"),
      refusalOf("accord_wrong_abi_major.so"),
      refusalOf("accord_wrong_sdk_hash.so"),
      refusalOf("accord_wrong_toolchain.so"),
  };
  EXPECT_EQ(scanned.refusals, expected);
}

TEST(Refusals, LoadingANameAlreadyRegisteredNamesBothFiles) {
  PluginHost host;
  ASSERT_TRUE(host.load(kBroken / "accord_twin_b.so").ok());
  auto second = host.load(kBroken / "accord_twin_a.so");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().message, path("accord_twin_a.so") +
                                        ": a unique plugin name expected, found 'twin' already "
                                        "loaded from " + path("accord_twin_b.so"));
  EXPECT_EQ(host.find("twin")->file(), kBroken / "accord_twin_b.so");
}

}  // namespace
}  // namespace accord::plugin_host
