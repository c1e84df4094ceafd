// `accord key init|rotate`: the key that seals connection secrets. Host only (never through
// --server): the key must never travel, and whoever runs these can read the key file anyway.
#include <filesystem>
#include <iostream>

#include "cli/cli.h"
#include "cli/context.h"
#include "cli/output.h"
#include "store/secret_key.h"
#include "store/store.h"

namespace accord::cli {
namespace {

int initKey(Context& ctx, const Invocation& inv) {
  const auto key = orFail(store::createKeyFile(inv.args[0]));
  if (inv.json) {
    Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
    object.set("file", inv.args[0]);
    object.set("key_id", key.idHex());
    printJson(ctx.out(), object);
    return kExitOk;
  }
  ctx.out() << "created key " << key.idHex() << " in " << inv.args[0] << " (mode 0600)\n";
  ctx.err() << "back it up apart from the store: sealed secrets cannot be read without it\n";
  return kExitOk;
}

// The new key file: the one given, or a new one made there. A new key made here and then
// not used (the rotation failed) is harmless: nothing is sealed under it.
store::SecretKey newKey(Context& ctx, const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) {
    auto created = orFail(store::createKeyFile(file));
    ctx.err() << "accord: created the key file " << file.string() << " (mode 0600)\n";
    return created;
  }
  return orFail(store::SecretKey::fromFile(file));
}

// Re-seals every connection's secrets under the key in --to, in one transaction: all of them
// or none. The running service still holds the old key, so it must be stopped first and
// restarted with the new file.
int rotateKey(Context& ctx, const Invocation& inv) {
  const auto to_option = inv.value("to");
  if (!to_option) throw UsageError("--to FILE is required");
  const std::filesystem::path to_file = *to_option;
  const store::SecretBox from = ctx.secretBox(/*create_if_missing=*/false);
  const store::SecretBox to(newKey(ctx, to_file));
  if (to.key().id() == from.key().id()) {
    throw Failure(to_file.string() + " holds the current key " + from.key().idHex() +
                  "; rotate to a new key file (accord key init FILE, or a --to path that does "
                  "not exist yet)");
  }
  const int count = orFail(ctx.store().connections().rotateKey(from, to));
  if (inv.json) {
    Poco::JSON::Object object(Poco::JSON_PRESERVE_KEY_ORDER);
    object.set("from_key_id", from.key().idHex());
    object.set("to_key_id", to.key().idHex());
    object.set("connections", count);
    object.set("key_file", to_file.string());
    printJson(ctx.out(), object);
    return kExitOk;
  }
  ctx.out() << "re-sealed the secrets of " << count << " connection" << (count == 1 ? "" : "s")
            << " under key " << to.key().idHex() << " (was " << from.key().idHex() << ")\n";
  ctx.err() << "from now on use " << to_file.string()
            << " (store.key_file, --key-file or $ACCORD_KEY_FILE); the old key opens only "
               "backups made before this\n";
  return kExitOk;
}

}  // namespace

std::vector<Command> keyCommands() {
  return {
      {{"key", "init"}, "FILE", "create a key file (32 random bytes, mode 0600) to seal secrets",
       {}, 1, 1, initKey},
      {{"key", "rotate"}, "", "re-seal every connection's secrets under a new key (stop the hub first)",
       {{"to", "FILE", "the new key file; created when it does not exist (required)"}}, 0, 0,
       rotateKey},
  };
}

}  // namespace accord::cli
