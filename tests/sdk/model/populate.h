// Fills every field a describe() lists with a distinct, valid, non-default value, so a test
// built on it covers fields added later without being edited.
#pragma once

#include <string>
#include <type_traits>

#include "accord/sdk/model/record.h"

namespace accord::sdk::model::testing {

template <typename T>
struct IsOptional : std::false_type {};
template <typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};

class Populator {
 public:
  template <typename T>
  void operator()(std::string_view key, T& value, const StringRule& rule = {}) {
    fill(key, value, rule);
  }

  template <typename T>
  void fill(std::string_view key, T& value, const StringRule& rule) {
    const int n = ++counter_;
    if constexpr (std::is_same_v<T, std::string>) {
      value = text(key, n, rule);
    } else if constexpr (std::is_same_v<T, bool>) {
      value = !value;  // the default flipped: a dropped field cannot go unnoticed
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
      value = n * 1000 + 7;
    } else if constexpr (std::is_same_v<T, Decimal>) {
      value = Decimal((n % 2 ? -1 : 1) * (n * 10007LL + 3), n % 5);  // signs and scales vary
    } else if constexpr (std::is_same_v<T, Timestamp>) {
      value = Timestamp(1'700'000'000'000LL + n * 3'600'123LL, ((n % 5) - 2) * 150);
    } else if constexpr (std::is_same_v<T, Date>) {
      value = Date{2000 + n % 30, 1 + n % 12, 1 + n % 28};
    } else if constexpr (std::is_same_v<T, Ref>) {
      value.id = "ref-" + std::to_string(n);
    } else if constexpr (IsOptional<T>::value) {
      value.emplace();
      fill(key, *value, rule);
    } else if constexpr (IsVector<T>::value) {
      value.resize(2);
      for (auto& element : value) fill(key, element, rule);
    } else {
      T::describe(value, *this);
    }
  }

 private:
  static std::string text(std::string_view key, int n, const StringRule& rule) {
    if (!rule.one_of.empty()) {  // any allowed value but the first (usually the default)
      const size_t size = rule.one_of.size();
      return std::string(rule.one_of[size > 1 ? 1 + n % (size - 1) : 0]);
    }
    if (!rule.pattern.empty()) {  // the only pattern in use is the currency code
      return std::string{'X', static_cast<char>('A' + n % 26),
                         static_cast<char>('A' + n / 26 % 26)};
    }
    // Quotes, a backslash, a slash, a control character and UTF-8 exercise escaping.
    return std::string(key) + " " + std::to_string(n) + " \"q\" \\ / \t caf\xC3\xA9";
  }

  int counter_ = 0;
};

// A record of `type` with every field and the meta populated.
inline Record populated(EntityType type) {
  Record record = makeRecord(type);
  std::visit(
      [](auto& entity) {
        Populator populator;
        std::decay_t<decltype(entity)>::describe(entity, populator);
        entity.meta.id = "id-" + std::string(toString(entity.kType));
        entity.meta.created_at = Timestamp(1'600'000'000'250LL, 330);
        entity.meta.updated_at = Timestamp(1'650'000'000'000LL, -480);
        entity.meta.status = RecordStatus::archived;
        // Unsorted keys, a trailing zero and spacing: kept byte for byte.
        entity.meta.remote_data = R"({"Zeta": 1.50, "alpha":[1,2,{"b":null}],"n":"x\u00e9"})";
      },
      record);
  return record;
}

}  // namespace accord::sdk::model::testing
