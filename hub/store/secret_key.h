// The key that seals connection secrets at rest: 32 random bytes (AES-256), kept only in memory
// and in a key file or environment variable the admin controls, never in the database.
//
// Where the key comes from (loadSecretKey), first match wins:
//   1. an explicit key file (a CLI --key-file option),
//   2. ACCORD_KEY: base64 of 32 bytes,
//   3. ACCORD_KEY_FILE: path of a key file.
// A key file holds 32 raw bytes or their base64 (surrounding whitespace ignored) and must not be
// accessible by group or others. createKeyFile() writes a new one with mode 0600.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "accord/sdk/result.h"

namespace accord::store {

class SecretKey {
 public:
  static constexpr std::size_t kSize = 32;

  static SecretKey generate();
  // `origin` names where the text came from in errors ("ACCORD_KEY", a file path).
  static sdk::Result<SecretKey> fromBase64(std::string_view text, std::string_view origin);
  static sdk::Result<SecretKey> fromFile(const std::filesystem::path& path);

  SecretKey(const SecretKey& other) = default;
  SecretKey& operator=(const SecretKey& other) = default;
  ~SecretKey();  // wipes the bytes

  // A fingerprint that names the key in sealed values and in errors without revealing it:
  // the first 4 bytes of SHA-256(key).
  std::uint32_t id() const { return id_; }
  std::string idHex() const;
  const std::array<unsigned char, kSize>& bytes() const { return bytes_; }
  std::string toBase64() const;  // for a new key file; never log it

 private:
  explicit SecretKey(const std::array<unsigned char, kSize>& bytes);
  std::array<unsigned char, kSize> bytes_{};
  std::uint32_t id_ = 0;
};

using EnvLookup = std::function<std::optional<std::string>(const char* name)>;
std::optional<std::string> processEnv(const char* name);

struct KeySource {
  std::optional<std::filesystem::path> key_file;  // explicit: wins over the environment
  EnvLookup env = processEnv;
};

// invalid_config errors say what was tried and how to fix it.
sdk::Result<SecretKey> loadSecretKey(const KeySource& source = {});

// Creates `path` with mode 0600 holding a new random key (base64, one line); refuses to
// overwrite an existing file. Returns the key.
sdk::Result<SecretKey> createKeyFile(const std::filesystem::path& path);

}  // namespace accord::store
