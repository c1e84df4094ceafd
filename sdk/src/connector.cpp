#include "accord/sdk/connector.h"

namespace accord::sdk {

// The names are the hub's too (push intents store them), so they never change.
std::string_view toString(WriteKind kind) noexcept {
  switch (kind) {
    case WriteKind::create: return "create";
    case WriteKind::update: return "update";
    case WriteKind::archive: return "archive";
    case WriteKind::remove: return "remove";
  }
  return "unknown";
}

}  // namespace accord::sdk
