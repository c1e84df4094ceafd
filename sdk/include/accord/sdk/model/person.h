// A human: a contact person of an organization, or an individual customer.
#pragma once

#include <string>
#include <vector>

#include "accord/sdk/model/common.h"
#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct Person {
  static constexpr EntityType kType = EntityType::person;
  RecordMeta meta;
  std::string first_name;
  std::string last_name;
  std::string email;
  std::string title;
  Ref organization;  // empty for an individual
  bool is_primary = false;
  std::vector<Address> addresses;
  std::vector<Phone> phones;

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("first_name", s.first_name);
    v("last_name", s.last_name);
    v("email", s.email);
    v("title", s.title);
    v("organization", s.organization);
    v("is_primary", s.is_primary);
    v("addresses", s.addresses);
    v("phones", s.phones);
  }
  friend bool operator==(const Person&, const Person&) = default;
};

}  // namespace accord::sdk::model
