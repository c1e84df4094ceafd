#include "store/secret_key.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <sys/stat.h>
#include <unistd.h>

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/Exception.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>

namespace accord::store {
namespace {

using sdk::ErrorKind;
using sdk::makeError;

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::optional<std::string> decodeBase64(const std::string& text) {
  try {
    std::istringstream in(text);
    Poco::Base64Decoder decoder(in);
    return std::string(std::istreambuf_iterator<char>(decoder), {});
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

std::string octalMode(mode_t mode) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "%04o", static_cast<unsigned>(mode & 07777));
  return buffer;
}

}  // namespace

SecretKey::SecretKey(const std::array<unsigned char, kSize>& bytes) : bytes_(bytes) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(bytes_.data(), bytes_.size(), digest);
  id_ = (std::uint32_t{digest[0]} << 24) | (std::uint32_t{digest[1]} << 16) |
        (std::uint32_t{digest[2]} << 8) | std::uint32_t{digest[3]};
  OPENSSL_cleanse(digest, sizeof digest);
}

SecretKey::~SecretKey() { OPENSSL_cleanse(bytes_.data(), bytes_.size()); }

SecretKey SecretKey::generate() {
  std::array<unsigned char, kSize> bytes{};
  // RAND_bytes only fails when the OS has no entropy source at all; nothing could run then.
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) std::abort();
  SecretKey key(bytes);
  OPENSSL_cleanse(bytes.data(), bytes.size());
  return key;
}

std::string SecretKey::idHex() const {
  char buffer[9];
  std::snprintf(buffer, sizeof buffer, "%08x", static_cast<unsigned>(id_));
  return buffer;
}

std::string SecretKey::toBase64() const {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(reinterpret_cast<const char*>(bytes_.data()), bytes_.size());
  encoder.close();
  return out.str();
}

sdk::Result<SecretKey> SecretKey::fromBase64(std::string_view text, std::string_view origin) {
  auto decoded = decodeBase64(trim(text));
  if (!decoded || decoded->size() != kSize) {
    return makeError(ErrorKind::invalid_config,
                     std::string(origin) + ": expected base64 of " + std::to_string(kSize) +
                         " bytes (create a key with `accord key init FILE`)");
  }
  std::array<unsigned char, kSize> bytes{};
  std::copy(decoded->begin(), decoded->end(), bytes.begin());
  OPENSSL_cleanse(decoded->data(), decoded->size());
  SecretKey key(bytes);
  OPENSSL_cleanse(bytes.data(), bytes.size());
  return key;
}

sdk::Result<SecretKey> SecretKey::fromFile(const std::filesystem::path& path) {
  const std::string name = path.string();
  struct stat info {};
  if (::stat(name.c_str(), &info) != 0) {
    return makeError(ErrorKind::invalid_config, "key file " + name + ": cannot read it");
  }
  if (!S_ISREG(info.st_mode)) {
    return makeError(ErrorKind::invalid_config, "key file " + name + ": not a regular file");
  }
  if ((info.st_mode & 077) != 0) {
    return makeError(ErrorKind::invalid_config,
                     "key file " + name + " is accessible by group or others (mode " +
                         octalMode(info.st_mode) + "); run: chmod 600 " + name);
  }
  std::ifstream in(path, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  if (!in.good() && !in.eof()) {
    return makeError(ErrorKind::invalid_config, "key file " + name + ": cannot read it");
  }
  if (content.size() == kSize) {
    std::array<unsigned char, kSize> bytes{};
    std::copy(content.begin(), content.end(), bytes.begin());
    OPENSSL_cleanse(content.data(), content.size());
    return SecretKey(bytes);
  }
  auto key = fromBase64(content, "key file " + name);
  OPENSSL_cleanse(content.data(), content.size());
  return key;
}

std::optional<std::string> processEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') return std::nullopt;
  return std::string(value);
}

sdk::Result<SecretKey> loadSecretKey(const KeySource& source) {
  if (source.key_file) return SecretKey::fromFile(*source.key_file);
  const auto inline_key = source.env("ACCORD_KEY");
  const auto key_file = source.env("ACCORD_KEY_FILE");
  if (inline_key && key_file) {
    return makeError(ErrorKind::invalid_config,
                     "both ACCORD_KEY and ACCORD_KEY_FILE are set; set only one");
  }
  if (inline_key) return SecretKey::fromBase64(*inline_key, "ACCORD_KEY");
  if (key_file) return SecretKey::fromFile(*key_file);
  return makeError(ErrorKind::invalid_config,
                   "no secret key: set ACCORD_KEY (base64 of 32 bytes) or ACCORD_KEY_FILE (a key "
                   "file; create one with `accord key init FILE`)");
}

sdk::Result<SecretKey> createKeyFile(const std::filesystem::path& path) {
  const std::string name = path.string();
  const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const bool exists = errno == EEXIST;
    return makeError(ErrorKind::invalid_config,
                     "key file " + name + (exists ? ": already exists; refusing to overwrite it"
                                                  : ": cannot create it"));
  }
  SecretKey key = SecretKey::generate();
  std::string text = key.toBase64() + "\n";
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  OPENSSL_cleanse(text.data(), text.size());
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  if (!written || !synced) {
    ::unlink(name.c_str());
    return makeError(ErrorKind::invalid_config, "key file " + name + ": cannot write it");
  }
  return key;
}

}  // namespace accord::store
