#include "store/secret_box.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cstdlib>
#include <memory>

namespace accord::store {
namespace {

using sdk::ErrorKind;
using sdk::makeError;

constexpr unsigned char kFormat = 1;
constexpr std::size_t kHeaderSize = 5;  // format byte + key id
constexpr std::size_t kNonceSize = 12;
constexpr std::size_t kTagSize = 16;

using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

std::string header(std::uint32_t key_id) {
  std::string h(kHeaderSize, '\0');
  h[0] = static_cast<char>(kFormat);
  for (int i = 0; i < 4; ++i) h[1 + i] = static_cast<char>((key_id >> (24 - 8 * i)) & 0xff);
  return h;
}

std::uint32_t keyIdOf(std::string_view sealed) {
  std::uint32_t id = 0;
  for (int i = 0; i < 4; ++i) id = (id << 8) | static_cast<unsigned char>(sealed[1 + i]);
  return id;
}

std::string hex(std::uint32_t id) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i, id >>= 4) out[i] = kDigits[id & 0xf];
  return out;
}

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Feeds the authenticated-but-not-encrypted data: the header and the caller's context.
bool addAad(EVP_CIPHER_CTX* ctx, std::string_view head, std::string_view context) {
  int len = 0;
  return EVP_CipherUpdate(ctx, nullptr, &len, bytes(head), static_cast<int>(head.size())) == 1 &&
         EVP_CipherUpdate(ctx, nullptr, &len, bytes(context), static_cast<int>(context.size())) == 1;
}

}  // namespace

sdk::Result<std::string> SecretBox::seal(std::string_view plaintext, std::string_view context) const {
  std::string out = header(key_.id());
  out.resize(kHeaderSize + kNonceSize + plaintext.size() + kTagSize);
  auto* nonce = reinterpret_cast<unsigned char*>(out.data() + kHeaderSize);
  if (RAND_bytes(nonce, kNonceSize) != 1) std::abort();  // no entropy: nothing can be safe
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  auto* cipher_text = reinterpret_cast<unsigned char*>(out.data() + kHeaderSize + kNonceSize);
  int len = 0;
  int tail = 0;
  const bool ok =
      ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) == 1 &&
      EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key_.bytes().data(), nonce) == 1 &&
      addAad(ctx.get(), std::string_view(out).substr(0, kHeaderSize), context) &&
      EVP_EncryptUpdate(ctx.get(), cipher_text, &len, bytes(plaintext),
                        static_cast<int>(plaintext.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx.get(), cipher_text + len, &tail) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagSize,
                          out.data() + out.size() - kTagSize) == 1;
  if (!ok) return makeError(ErrorKind::permanent, "sealing a secret failed (OpenSSL)");
  return out;
}

sdk::Result<std::string> SecretBox::open(std::string_view sealed, std::string_view context) const {
  if (sealed.size() < kHeaderSize + kNonceSize + kTagSize ||
      static_cast<unsigned char>(sealed[0]) != kFormat) {
    return makeError(ErrorKind::invalid_config,
                     "sealed value is malformed or of an unknown format");
  }
  if (keyIdOf(sealed) != key_.id()) {
    return makeError(ErrorKind::invalid_config,
                     "sealed with key " + hex(keyIdOf(sealed)) + " but the current key is " +
                         key_.idHex() + " (wrong ACCORD_KEY or ACCORD_KEY_FILE?)");
  }
  const auto nonce = sealed.substr(kHeaderSize, kNonceSize);
  const auto body = sealed.substr(kHeaderSize + kNonceSize,
                                  sealed.size() - kHeaderSize - kNonceSize - kTagSize);
  std::string tag(sealed.substr(sealed.size() - kTagSize));
  std::string plain(body.size(), '\0');
  CipherCtx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
  int len = 0;
  int tail = 0;
  auto* out = reinterpret_cast<unsigned char*>(plain.data());
  const bool ok =
      ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) == 1 &&
      EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key_.bytes().data(), bytes(nonce)) == 1 &&
      addAad(ctx.get(), sealed.substr(0, kHeaderSize), context) &&
      EVP_DecryptUpdate(ctx.get(), out, &len, bytes(body), static_cast<int>(body.size())) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), out + len, &tail) == 1;
  if (!ok) {
    OPENSSL_cleanse(plain.data(), plain.size());
    return makeError(ErrorKind::invalid_config,
                     "sealed value failed authentication: it was altered, or copied from "
                     "another row");
  }
  return plain;
}

}  // namespace accord::store
