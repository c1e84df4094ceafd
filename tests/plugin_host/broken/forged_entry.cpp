// A plugin whose descriptor is the honest one falsified in exactly one field, chosen by a
// FORGE_* definition, so each refusal has one reason only.
#include <boost/dll/alias.hpp>

#include "forged_base.h"

namespace {
#if !defined(FORGE_NULL)
AccordPluginDescriptor forge(AccordPluginDescriptor d) {
#if defined(FORGE_ABI_MAJOR)
  d.abi_major = ACCORD_ABI_MAJOR + 1;
#elif defined(FORGE_ABI_MINOR)
  d.abi_minor = ACCORD_ABI_MINOR + 1;
#elif defined(FORGE_STRUCT_SIZE)
  d.struct_size = 16;
#elif defined(FORGE_TOOLCHAIN)
  d.toolchain_id = "gcc-4;libstdc++-4;cxx11abi-0;boost-105500;poco-0x01060000";
#elif defined(FORGE_SDK_HASH)
  d.sdk_hash = "0000000000000000000000000000000000000000000000000000000000000000";
#elif defined(FORGE_NAME)
  d.name = "impostor";
#else
#error "define one FORGE_* to say which field to falsify"
#endif
  return d;
}
#endif

const AccordPluginDescriptor* forgedEntry() noexcept {
#if defined(FORGE_NULL)
  return nullptr;
#else
  static const AccordPluginDescriptor forged = forge(*accord::test::forgedBaseDescriptor());
  return &forged;
#endif
}
}  // namespace

BOOST_DLL_ALIAS_SECTIONED(forgedEntry, accord_plugin_entry, accord)
