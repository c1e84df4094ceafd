// A plugin-shaped library that needs a shared library the loader cannot find at run time: the
// pre-load checks pass, dlopen() fails, and the host must say why.
#include <boost/dll/alias.hpp>

#include "accord/sdk/abi.h"

extern "C" int accordTestVanishing();

namespace {
const AccordPluginDescriptor* entry() noexcept {
  (void)accordTestVanishing();  // the reference that makes the library a dependency
  return nullptr;
}
}  // namespace

BOOST_DLL_ALIAS_SECTIONED(entry, accord_plugin_entry, accord)
