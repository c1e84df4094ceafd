// Small value types several entities share: postal addresses and phone numbers.
#pragma once

#include <string>
#include <string_view>

#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

// "" when the app does not say.
inline constexpr std::string_view kAddressKinds[] = {
    "", "billing", "shipping", "postal", "street", "other"};
inline constexpr std::string_view kPhoneKinds[] = {"", "work", "mobile", "fax", "home", "other"};

struct Address {
  std::string kind;  // kAddressKinds
  std::string line1;
  std::string line2;
  std::string city;
  std::string region;
  std::string postal_code;
  std::string country;  // ISO 3166-1 alpha-2 where known, else as the app wrote it
  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("kind", s.kind, oneOf(kAddressKinds));
    v("line1", s.line1);
    v("line2", s.line2);
    v("city", s.city);
    v("region", s.region);
    v("postal_code", s.postal_code);
    v("country", s.country);
  }
  friend bool operator==(const Address&, const Address&) = default;
};

struct Phone {
  std::string kind;  // kPhoneKinds
  std::string number;
  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("kind", s.kind, oneOf(kPhoneKinds));
    v("number", s.number);
  }
  friend bool operator==(const Phone&, const Phone&) = default;
};

}  // namespace accord::sdk::model
