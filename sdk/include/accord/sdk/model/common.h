// Small value types several entities share: postal addresses and phone numbers.
#pragma once

#include <string>

namespace accord::sdk::model {

struct Address {
  std::string kind;  // "billing", "shipping", "postal", "street"
  std::string line1;
  std::string line2;
  std::string city;
  std::string region;
  std::string postal_code;
  std::string country;  // ISO 3166-1 alpha-2 where known, else as the app wrote it
  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("kind", s.kind);
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
  std::string kind;  // "work", "mobile", "fax", "home"
  std::string number;
  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("kind", s.kind);
    v("number", s.number);
  }
  friend bool operator==(const Phone&, const Phone&) = default;
};

}  // namespace accord::sdk::model
