// The checks the host runs on a plugin file, before loading it and on its descriptor after.
// Internal to plugin_host. Each failed check is a Refusal: what was expected and what was found,
// which the caller prefixes with the file name to make the one-line refusal.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <variant>

#include "accord/sdk/abi.h"
#include "accord/sdk/manifest.h"
#include "accord/sdk/result.h"

namespace accord::plugin_host {

struct Refusal {
  std::string expected;
  std::string found;
  sdk::ErrorKind kind = sdk::ErrorKind::invalid_config;
};

// "<file>: <expected>, found <found>", on one line whatever the plugin's strings contain.
sdk::Error refusalError(const std::filesystem::path& file, const Refusal& refusal);

// Reads the file without running any of its code: an ELF shared object whose section `accord`
// exports `accord_plugin_entry`.
std::optional<Refusal> checkBeforeLoading(const std::filesystem::path& file);

// Checks every field of a descriptor against this host's ABI, toolchain and SDK, parses its
// manifest and checks it. Returns the manifest.
std::variant<sdk::Manifest, Refusal> checkDescriptor(const AccordPluginDescriptor* descriptor);

}  // namespace accord::plugin_host
