// Compile-time classification of the field types describe() may list, shared by the codec's
// writer, reader and schema so that all three accept exactly the same set.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model::detail {

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};

// Nested structs (Address, LineItem...) are recognised by their describe().
struct NullVisitor {
  template <typename T>
  void operator()(std::string_view, T&, const StringRule& = {}) {}
};
template <typename T>
concept Described = requires(T& t, NullVisitor& v) {
  T::describe(t, v);
};

// Makes `static_assert(false)` in a discarded `if constexpr` branch depend on T.
template <typename T>
inline constexpr bool kUnsupported = false;

}  // namespace accord::sdk::model::detail
