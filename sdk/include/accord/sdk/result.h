// Errors as values. Every fallible SDK call returns Result<T>; nothing the SDK hands a plugin
// or the hub throws across the plugin boundary. The error kind is what the hub's scheduler acts
// on, so a plugin's main job when something fails is to pick the right kind.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace accord::sdk {

enum class ErrorKind {
  retryable,       // 5xx, timeout, connection reset: the hub retries with backoff.
  rate_limited,    // 429 or the app's quota: the hub waits retry_after, then retries.
  auth_expired,    // token or session no longer valid: the hub refreshes once, then retries.
  invalid_config,  // the connection's configuration is wrong: a human must fix it.
  not_supported,   // the plugin does not do this (entity, operation, auth kind).
  permanent,       // the app refused this record (validation): retrying cannot help.
  plugin_bug,      // the plugin broke its contract (threw, returned nonsense).
};

std::string_view toString(ErrorKind kind) noexcept;
std::optional<ErrorKind> errorKindFromString(std::string_view text) noexcept;

struct Error {
  ErrorKind kind = ErrorKind::permanent;
  std::string message;  // for humans; names the place (file and key, record and field).
  std::string field;    // the field or config key at fault, when there is one.
  std::optional<std::chrono::seconds> retry_after;  // set for rate_limited when the app said.

  // "kind: message" (and " [field]" when set): the one-line form used in logs and the CLI.
  std::string describe() const;
};

inline Error makeError(ErrorKind kind, std::string message, std::string field = {}) {
  return Error{kind, std::move(message), std::move(field), std::nullopt};
}

// A value or an Error. Deliberately small: has_value/value/error, no monadic sugar.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit
  Result(Error error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit

  bool ok() const noexcept { return data_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  // Precondition: ok(). Calling value() on an error is a bug in the caller.
  T& value() & { return std::get<0>(data_); }
  const T& value() const& { return std::get<0>(data_); }
  T&& value() && { return std::get<0>(std::move(data_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Precondition: !ok().
  const Error& error() const& { return std::get<1>(data_); }
  Error&& error() && { return std::get<1>(std::move(data_)); }

 private:
  std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT: implicit

  bool ok() const noexcept { return !error_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }
  const Error& error() const& { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace accord::sdk
