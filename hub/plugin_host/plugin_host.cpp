#include "plugin_host/plugin_host.h"

#include <algorithm>

#include "plugin_host/plugin_checks.h"

namespace accord::plugin_host {

sdk::Result<PluginPtr> PluginHost::load(const std::filesystem::path& file) {
  auto loaded = loadPluginFile(file);
  if (!loaded) return loaded;
  std::lock_guard lock(mutex_);
  if (PluginPtr existing = findLocked(loaded.value()->name())) {
    return refusalError(file, {"a unique plugin name",
                               "'" + existing->name() + "' already loaded from " +
                                   existing->file().string()});
  }
  plugins_.push_back(loaded.value());
  return loaded;
}

ScanResult PluginHost::scan(const std::filesystem::path& dir) {
  ScanResult result;
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".so" && it->is_regular_file(ec)) files.push_back(it->path());
  }
  if (ec) {
    result.refusals.push_back(refusalError(dir, {"a readable plugin directory", ec.message()}).message);
    return result;
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto loaded = load(file);
    if (loaded) {
      result.plugins.push_back(loaded.value());
    } else {
      result.refusals.push_back(loaded.error().message);
    }
  }
  return result;
}

PluginPtr PluginHost::find(const std::string& name) const {
  std::lock_guard lock(mutex_);
  return findLocked(name);
}

PluginPtr PluginHost::findLocked(const std::string& name) const {
  auto it = std::find_if(plugins_.begin(), plugins_.end(),
                         [&](const PluginPtr& p) { return p->name() == name; });
  return it == plugins_.end() ? nullptr : *it;
}

std::vector<PluginPtr> PluginHost::plugins() const {
  std::lock_guard lock(mutex_);
  std::vector<PluginPtr> out = plugins_;
  std::sort(out.begin(), out.end(), [](const PluginPtr& a, const PluginPtr& b) { return a->name() < b->name(); });
  return out;
}

}  // namespace accord::plugin_host
