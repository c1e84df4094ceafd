// What a command runs against: where its output goes, the store and the plugins, each opened
// on first use so that `accord --help` or a usage error touches neither.
#pragma once

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/secret_box.h"

namespace accord::store {
class Store;
}
namespace accord::plugin_host {
class PluginHost;
class LoadedPlugin;
}

namespace accord::cli {

struct Paths {
  std::filesystem::path db;       // --db, else $ACCORD_DB, else ./var/accord.db
  std::filesystem::path plugins;  // --plugins, else $ACCORD_PLUGIN_DIR, else built-in default
  std::optional<std::filesystem::path> key_file;  // --key-file; else the environment decides
};

class Context {
 public:
  Context(Paths paths, std::ostream& out, std::ostream& err);
  ~Context();

  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }
  const Paths& paths() const { return paths_; }

  store::Store& store();                 // opens (and migrates) the database on first use
  plugin_host::PluginHost& plugins();    // scans the plugin directory on first use
  const std::vector<std::string>& pluginRefusals();  // files the scan refused, one line each
  // The named plugin, or Failure naming the directory and what was refused there.
  std::shared_ptr<const plugin_host::LoadedPlugin> plugin(const std::string& name);
  // The key that seals connection secrets: --key-file, $ACCORD_KEY, $ACCORD_KEY_FILE, else
  // accord.key beside the database (created, mode 0600, when create_if_missing).
  store::SecretBox secretBox(bool create_if_missing);

  // An admin API token for one organisation runs commands in a context restricted to it:
  // listings across organisations (org list, connection list) show only that one.
  void restrictTo(std::int64_t org) { visible_org_ = org; }
  std::optional<std::int64_t> visibleOrg() const { return visible_org_; }

 private:
  Paths paths_;
  std::ostream& out_;
  std::ostream& err_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<plugin_host::PluginHost> plugins_;
  std::vector<std::string> refusals_;
  std::optional<std::int64_t> visible_org_;
};

}  // namespace accord::cli
