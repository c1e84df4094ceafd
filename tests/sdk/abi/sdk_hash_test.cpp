// The SDK hash in every plugin descriptor must be exactly what cmake/SdkHash.cmake computes over
// the public headers: SHA-256 of "<relative path>\n<content>\n" for each header under
// accord/sdk/ except sdk_hash.h and the conformance suite's, in byte order of the paths. A
// stale or differently computed hash would let a plugin built against other headers pass the
// host's check.
#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "accord/sdk/abi.h"

namespace {
namespace fs = std::filesystem;

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string sdkHashOf(const fs::path& include_dir) {
  std::vector<std::string> headers;
  for (const auto& entry : fs::recursive_directory_iterator(include_dir / "accord" / "sdk")) {
    auto relative = entry.path().lexically_relative(include_dir).generic_string();
    bool conformance = relative.rfind("accord/sdk/conformance/", 0) == 0;
    if (entry.path().extension() == ".h" && entry.path().filename() != "sdk_hash.h" && !conformance) {
      headers.push_back(relative);
    }
  }
  std::sort(headers.begin(), headers.end());
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  for (const auto& header : headers) {
    sha.update(header + "\n" + readFile(include_dir / header) + "\n");
  }
  return Poco::DigestEngine::digestToHex(sha.digest());
}

fs::path includeDir() {
  const char* override_dir = std::getenv("ACCORD_SDK_HASH_DIR");
  return override_dir ? fs::path(override_dir) : fs::path(ACCORD_SDK_INCLUDE_DIR);
}

TEST(SdkHash, MatchesTheHeadersItWasComputedFrom) {
  ASSERT_TRUE(fs::exists(includeDir() / "accord" / "sdk" / "abi.h")) << includeDir();
  EXPECT_EQ(sdkHashOf(includeDir()), ACCORD_SDK_HASH);
}

TEST(SdkHash, ChangesWhenAnyHeaderChanges) {
  fs::path copy = fs::temp_directory_path() / ("accord_sdk_hash_" + std::to_string(::getpid()));
  fs::remove_all(copy);
  fs::copy(includeDir(), copy, fs::copy_options::recursive);
  std::ofstream(copy / "accord" / "sdk" / "result.h", std::ios::app) << "// one more line\n";
  std::string changed = sdkHashOf(copy);
  fs::remove_all(copy);
  EXPECT_NE(changed, ACCORD_SDK_HASH);
}

}  // namespace
