// The plugin host: finds plugin files, checks each one before and after loading it, and hands
// out connectors whose lifetime keeps their library loaded.
//
// Refusals are one line each: "<file>: <what was expected>, found <what was found>", e.g.
// "/x/accord_bad.so: plugin ABI major 1 expected, found 2". docs/plugin-abi.md lists them all.
//
// Threading: PluginHost is thread-safe. A LoadedPlugin is immutable and may be shared freely;
// connectors follow sdk::Connector's rules (callable from several threads at once).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "accord/sdk/abi.h"
#include "accord/sdk/connector.h"
#include "accord/sdk/manifest.h"
#include "accord/sdk/result.h"

namespace boost::dll {
class shared_library;
}

namespace accord::plugin_host {

// One loaded, checked plugin file. Holds the library open for as long as it or any connector
// it created is alive.
class LoadedPlugin {
 public:
  LoadedPlugin(std::filesystem::path file, std::shared_ptr<boost::dll::shared_library> library,
               const AccordPluginDescriptor* descriptor, sdk::Manifest manifest);

  const std::string& name() const { return manifest_.name; }
  const std::string& version() const { return manifest_.version; }
  const sdk::Manifest& manifest() const { return manifest_; }
  const std::filesystem::path& file() const { return file_; }

  // A new connector. Its deleter destroys it inside the plugin and then releases the library,
  // so the connector may outlive this LoadedPlugin and the PluginHost. A create() that fails or
  // throws gives a plugin_bug Error naming the plugin ("plugin 'x' threw in create: ...").
  sdk::Result<std::shared_ptr<sdk::Connector>> createConnector() const;

 private:
  std::filesystem::path file_;
  std::shared_ptr<boost::dll::shared_library> library_;
  const AccordPluginDescriptor* descriptor_;  // static storage in the library
  sdk::Manifest manifest_;
};

using PluginPtr = std::shared_ptr<const LoadedPlugin>;

struct ScanResult {
  std::vector<PluginPtr> plugins;      // loaded by this scan, in file name order
  std::vector<std::string> refusals;   // one line per refused file, in file name order
};

class PluginHost {
 public:
  // Loads every *.so directly in dir (not recursive), in file name order. Each refused file
  // yields one line; a name already loaded (by this scan or before) refuses the later file.
  // A missing or unreadable directory is one refusal naming it.
  ScanResult scan(const std::filesystem::path& dir);

  // Checks and loads one file; the Error's message is the one-line refusal. Registers the
  // plugin under its name; a name already registered is refused naming both files.
  sdk::Result<PluginPtr> load(const std::filesystem::path& file);

  // The plugin registered under this name, or null.
  PluginPtr find(const std::string& name) const;
  std::vector<PluginPtr> plugins() const;  // sorted by name

 private:
  PluginPtr findLocked(const std::string& name) const;

  mutable std::mutex mutex_;
  std::vector<PluginPtr> plugins_;
};

// Checks one file and loads it without registering it anywhere (what load() does before it
// checks the name is unique). Exposed for `accord plugins inspect`.
sdk::Result<PluginPtr> loadPluginFile(const std::filesystem::path& file);

}  // namespace accord::plugin_host
