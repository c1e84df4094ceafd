#include "plugin_host/plugin_checks.h"

#include <boost/dll/library_info.hpp>

#include <algorithm>
#include <array>
#include <fstream>

namespace accord::plugin_host {
namespace {
constexpr std::uint16_t kElfSharedObject = 3;  // ET_DYN

std::string quoted(const char* text) { return text ? "'" + std::string(text) + "'" : "NULL"; }

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : "; ") + item;
  return out;
}

// The ELF header fields the refusal texts need; the rest is Boost.DLL's library_info.
std::optional<Refusal> checkElfHeader(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Refusal{"a readable file", "none"};
  std::array<unsigned char, 18> header{};
  in.read(reinterpret_cast<char*>(header.data()), header.size());
  static constexpr std::array<unsigned char, 4> kMagic{0x7f, 'E', 'L', 'F'};
  if (in.gcount() < 18 || !std::equal(kMagic.begin(), kMagic.end(), header.begin())) {
    return Refusal{"an ELF shared library", "a file that is not ELF"};
  }
  auto type = static_cast<std::uint16_t>(header[16] | (header[17] << 8));  // little endian
  if (type != kElfSharedObject) {
    return Refusal{"an ELF shared library", "ELF file type " + std::to_string(type)};
  }
  return std::nullopt;
}
}  // namespace

sdk::Error refusalError(const std::filesystem::path& file, const Refusal& refusal) {
  std::string line = file.string() + ": " + refusal.expected + " expected, found " + refusal.found;
  std::replace(line.begin(), line.end(), '\n', ' ');
  return sdk::makeError(refusal.kind, line);
}

std::optional<Refusal> checkBeforeLoading(const std::filesystem::path& file) {
  if (auto refusal = checkElfHeader(file)) return refusal;
  const std::string expected = std::string("entry point '") + ACCORD_PLUGIN_ENTRY_NAME +
                               "' in section '" + ACCORD_PLUGIN_SECTION_NAME + "'";
  try {
    boost::dll::library_info info(file.string());
    auto symbols = info.symbols(ACCORD_PLUGIN_SECTION_NAME);
    if (std::find(symbols.begin(), symbols.end(), ACCORD_PLUGIN_ENTRY_NAME) != symbols.end()) {
      return std::nullopt;
    }
    auto sections = info.sections();
    bool has_section =
        std::find(sections.begin(), sections.end(), ACCORD_PLUGIN_SECTION_NAME) != sections.end();
    return Refusal{expected, has_section ? "the section without it (is the file stripped?)"
                                         : "no such section"};
  } catch (const std::exception& e) {
    return Refusal{"a readable ELF shared library", e.what()};
  }
}

std::variant<sdk::Manifest, Refusal> checkDescriptor(const AccordPluginDescriptor* d) {
  if (!d) return Refusal{"a descriptor from " ACCORD_PLUGIN_ENTRY_NAME, "NULL"};
  if (d->abi_major != ACCORD_ABI_MAJOR) {
    return Refusal{"plugin ABI major " + std::to_string(ACCORD_ABI_MAJOR),
                   std::to_string(d->abi_major)};
  }
  if (d->abi_minor > ACCORD_ABI_MINOR) {
    return Refusal{"plugin ABI minor at most " + std::to_string(ACCORD_ABI_MINOR),
                   std::to_string(d->abi_minor)};
  }
  if (d->struct_size < sizeof(AccordPluginDescriptor)) {
    return Refusal{"a descriptor of at least " + std::to_string(sizeof(AccordPluginDescriptor)) +
                       " bytes",
                   std::to_string(d->struct_size) + " bytes"};
  }
  if (!d->toolchain_id || std::string(d->toolchain_id) != ACCORD_TOOLCHAIN_ID) {
    return Refusal{"toolchain " + quoted(ACCORD_TOOLCHAIN_ID), quoted(d->toolchain_id)};
  }
  if (!d->sdk_hash || std::string(d->sdk_hash) != ACCORD_SDK_HASH) {
    return Refusal{"SDK hash " + quoted(ACCORD_SDK_HASH), quoted(d->sdk_hash)};
  }
  if (!d->create || !d->destroy) return Refusal{"create and destroy functions", "NULL"};
  if (!d->manifest_json) {
    return Refusal{"a manifest", d->error ? d->error : "NULL", sdk::ErrorKind::plugin_bug};
  }
  auto manifest = sdk::manifestFromJson(d->manifest_json);
  if (!manifest) return Refusal{"a valid manifest", manifest.error().message, sdk::ErrorKind::plugin_bug};
  if (auto problems = sdk::checkManifest(manifest.value()); !problems.empty()) {
    return Refusal{"a consistent manifest", joined(problems), sdk::ErrorKind::plugin_bug};
  }
  if (!d->name || manifest->name != d->name) {
    return Refusal{"plugin name " + quoted(manifest->name.c_str()) + " (as in its manifest)",
                   quoted(d->name), sdk::ErrorKind::plugin_bug};
  }
  return std::move(manifest).value();
}

}  // namespace accord::plugin_host
