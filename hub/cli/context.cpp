#include "cli/context.h"

#include "cli/command.h"
#include "plugin_host/plugin_host.h"
#include "store/store.h"

namespace accord::cli {

Context::Context(Paths paths, std::ostream& out, std::ostream& err)
    : paths_(std::move(paths)), out_(out), err_(err) {}

Context::~Context() = default;

store::Store& Context::store() {
  if (!store_) {
    auto opened = store::Store::open(paths_.db);
    if (!opened) throw Failure(opened.error().message);
    store_ = std::move(opened.value());
  }
  return *store_;
}

plugin_host::PluginHost& Context::plugins() {
  if (!plugins_) {
    plugins_ = std::make_unique<plugin_host::PluginHost>();
    refusals_ = plugins_->scan(paths_.plugins).refusals;
  }
  return *plugins_;
}

const std::vector<std::string>& Context::pluginRefusals() {
  plugins();
  return refusals_;
}

std::shared_ptr<const plugin_host::LoadedPlugin> Context::plugin(const std::string& name) {
  auto found = plugins().find(name);
  if (!found) {
    std::string message = "no plugin '" + name + "' in " + paths_.plugins.string();
    for (const auto& r : refusals_) message += "\n  refused: " + r;
    throw Failure(message);
  }
  return found;
}

store::SecretBox Context::secretBox(bool create_if_missing) {
  store::KeySource source;
  if (paths_.key_file) source.key_file = paths_.key_file;
  const bool configured = source.key_file || store::processEnv("ACCORD_KEY") ||
                          store::processEnv("ACCORD_KEY_FILE");
  if (!configured) {
    // Why: a first-time admin should not have to know about keys to store one token; the key
    // lands next to the database, readable by its owner only, and we say so once.
    const auto beside_db = paths_.db.parent_path() / "accord.key";
    if (!std::filesystem::exists(beside_db)) {
      if (!create_if_missing) throw Failure("no secret key: set ACCORD_KEY, ACCORD_KEY_FILE or --key-file");
      auto created = store::createKeyFile(beside_db);
      if (!created) throw Failure(created.error().message);
      err_ << "accord: created the secret key file " << beside_db.string()
           << " (mode 0600); back it up: stored secrets cannot be read without it\n";
    }
    source.key_file = beside_db;
  }
  auto key = store::loadSecretKey(source);
  if (!key) throw Failure(key.error().message);
  return store::SecretBox(std::move(key.value()));
}

}  // namespace accord::cli
