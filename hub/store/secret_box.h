// Seals and opens secrets with AES-256-GCM.
//
// A sealed value is: format byte (1), key id (4 bytes, big-endian, SecretKey::id()), a random
// 96-bit nonce, the ciphertext, and the 128-bit tag. The format byte and key id are
// authenticated along with a caller-given context ("connection 12"), so a sealed value copied
// onto another row, or sealed under another key, is refused rather than misread. The key id
// lets a later version re-seal under a new key (rotation) and say which key a value needs.
#pragma once

#include <string>
#include <string_view>

#include "accord/sdk/result.h"
#include "store/secret_key.h"

namespace accord::store {

class SecretBox {
 public:
  explicit SecretBox(SecretKey key) : key_(std::move(key)) {}

  sdk::Result<std::string> seal(std::string_view plaintext, std::string_view context) const;
  // invalid_config errors: wrong key (naming both key ids), tampered or copied value, malformed.
  // They never include any part of the plaintext.
  sdk::Result<std::string> open(std::string_view sealed, std::string_view context) const;

  const SecretKey& key() const { return key_; }

 private:
  SecretKey key_;
};

}  // namespace accord::store
