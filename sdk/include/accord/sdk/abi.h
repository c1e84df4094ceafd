// The plugin ABI: one C entry point per plugin file, exported with Boost.DLL under the alias
// `accord_plugin_entry` in the section `accord`, returning a descriptor the host checks field by
// field before it calls anything else. The C layout is what lets the host read a plugin built
// against another SDK version far enough to say precisely why it refuses it.
//
// Compatibility rules:
//  - abi_major differs: refused (the layout or the meaning of a field changed).
//  - abi_minor of the plugin newer than the host's: refused (it may rely on what we lack).
//  - toolchain_id differs: refused (C++ objects cross the boundary; runtimes must match).
//  - sdk_hash differs: refused (the C++ interfaces the plugin was compiled against differ).
#pragma once

#include <boost/version.hpp>
#include <Poco/Version.h>

#include <cstddef>
#include <cstdint>

#include "accord/sdk/sdk_hash.h"  // generated at build time: ACCORD_SDK_HASH

#define ACCORD_ABI_MAJOR 1
#define ACCORD_ABI_MINOR 0
#define ACCORD_PLUGIN_ENTRY_NAME "accord_plugin_entry"
#define ACCORD_PLUGIN_SECTION_NAME "accord"

#define ACCORD_ABI_STR2(x) #x
#define ACCORD_ABI_STR(x) ACCORD_ABI_STR2(x)

#if defined(__clang__)
#define ACCORD_COMPILER_ID "clang-" ACCORD_ABI_STR(__clang_major__)
#elif defined(__GNUC__)
#define ACCORD_COMPILER_ID "gcc-" ACCORD_ABI_STR(__GNUC__)
#else
#define ACCORD_COMPILER_ID "unknown-compiler"
#endif

#if defined(_GLIBCXX_RELEASE)
#define ACCORD_RUNTIME_ID \
  "libstdc++-" ACCORD_ABI_STR(_GLIBCXX_RELEASE) ";cxx11abi-" ACCORD_ABI_STR(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define ACCORD_RUNTIME_ID "libc++-" ACCORD_ABI_STR(_LIBCPP_VERSION)
#else
#define ACCORD_RUNTIME_ID "unknown-runtime"
#endif

// Everything that must match for C++ objects to cross the boundary safely.
#define ACCORD_TOOLCHAIN_ID                                                        \
  ACCORD_COMPILER_ID ";" ACCORD_RUNTIME_ID ";boost-" ACCORD_ABI_STR(BOOST_VERSION) \
                     ";poco-" ACCORD_ABI_STR(POCO_VERSION)

extern "C" {

// Opaque to C; is an accord::sdk::Connector* created and destroyed inside the plugin.
typedef struct AccordConnectorHandle AccordConnectorHandle;

typedef struct AccordPluginDescriptor {
  uint32_t struct_size;  // sizeof(AccordPluginDescriptor) as the plugin saw it
  uint16_t abi_major;
  uint16_t abi_minor;
  const char* toolchain_id;  // ACCORD_TOOLCHAIN_ID
  const char* sdk_hash;      // ACCORD_SDK_HASH
  const char* name;          // plugin id, as in the manifest
  const char* version;
  const char* manifest_json;  // the Manifest as JSON; NULL when describing it failed
  const char* error;          // why manifest_json is NULL; NULL otherwise
  // Creates a connector. Returns NULL and writes a NUL-terminated reason into error (at most
  // error_size bytes) on failure. Never throws.
  AccordConnectorHandle* (*create)(char* error, size_t error_size);
  // Destroys what create returned, inside the plugin (its allocator, its runtime).
  void (*destroy)(AccordConnectorHandle* connector);
} AccordPluginDescriptor;

// The exported entry point. The descriptor has static storage in the plugin: valid while the
// library stays loaded.
typedef const AccordPluginDescriptor* (*AccordPluginEntry)(void);

}  // extern "C"
