#include <boost/dll/shared_library.hpp>

#include <array>

#include "plugin_host/plugin_checks.h"
#include "plugin_host/plugin_host.h"

namespace accord::plugin_host {
namespace {
using Library = std::shared_ptr<boost::dll::shared_library>;

// Boost wraps dlerror() as "...load() failed (dlerror system message: TEXT): errno text"; the
// admin needs TEXT only.
std::string loaderMessage(const std::string& what) {
  static const std::string kMarker = "dlerror system message: ";
  auto begin = what.find(kMarker);
  auto end = what.rfind("): ");
  if (begin == std::string::npos || end == std::string::npos || end < begin) return what;
  begin += kMarker.size();
  return what.substr(begin, end - begin);
}

std::variant<Library, Refusal> openLibrary(const std::filesystem::path& file) {
  try {
    // Local binding: a plugin's symbols never satisfy another plugin's; now: a missing symbol
    // is a refusal here rather than a crash in the middle of a sync.
    auto mode = boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now;
    // Absolute: dlopen() of a bare "x.so" would search the library path instead of the file.
    return std::make_shared<boost::dll::shared_library>(std::filesystem::absolute(file).string(),
                                                        mode);
  } catch (const std::exception& e) {
    return Refusal{"a loadable library", loaderMessage(e.what())};
  }
}

const AccordPluginDescriptor* callEntry(boost::dll::shared_library& library) {
  auto& entry = library.get_alias<const AccordPluginDescriptor*()>(ACCORD_PLUGIN_ENTRY_NAME);
  return entry();
}
}  // namespace

LoadedPlugin::LoadedPlugin(std::filesystem::path file,
                           std::shared_ptr<boost::dll::shared_library> library,
                           const AccordPluginDescriptor* descriptor, sdk::Manifest manifest)
    : file_(std::move(file)),
      library_(std::move(library)),
      descriptor_(descriptor),
      manifest_(std::move(manifest)) {}

sdk::Result<std::shared_ptr<sdk::Connector>> LoadedPlugin::createConnector() const {
  std::array<char, 1024> error{};
  AccordConnectorHandle* handle = descriptor_->create(error.data(), error.size());
  if (!handle) {
    std::string reason = error[0] ? error.data() : "plugin '" + name() + "' create returned NULL";
    return sdk::makeError(sdk::ErrorKind::plugin_bug, reason);
  }
  // Why the deleter holds the library: the connector's code and vtable live in it, so it must
  // stay mapped until the plugin has destroyed the connector.
  auto destroy = descriptor_->destroy;
  auto deleter = [library = library_, destroy](sdk::Connector* connector) {
    destroy(reinterpret_cast<AccordConnectorHandle*>(connector));
  };
  return std::shared_ptr<sdk::Connector>(reinterpret_cast<sdk::Connector*>(handle), deleter);
}

sdk::Result<PluginPtr> loadPluginFile(const std::filesystem::path& file) {
  if (auto refusal = checkBeforeLoading(file)) return refusalError(file, *refusal);
  auto opened = openLibrary(file);
  if (auto* refusal = std::get_if<Refusal>(&opened)) return refusalError(file, *refusal);
  Library library = std::get<Library>(std::move(opened));
  const AccordPluginDescriptor* descriptor = callEntry(*library);
  auto checked = checkDescriptor(descriptor);
  if (auto* refusal = std::get_if<Refusal>(&checked)) return refusalError(file, *refusal);
  auto plugin = std::make_shared<const LoadedPlugin>(file, std::move(library), descriptor,
                                                     std::get<sdk::Manifest>(std::move(checked)));
  // A plugin that cannot create its connector is refused now, not at the first sync.
  auto trial = plugin->createConnector();
  if (!trial) {
    return refusalError(file, {"a connector from create", trial.error().message,
                               sdk::ErrorKind::plugin_bug});
  }
  return PluginPtr(std::move(plugin));
}

}  // namespace accord::plugin_host
