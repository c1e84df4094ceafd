// A company the business deals with: customer, supplier or both (Xero Contact, vTiger Account).
#pragma once

#include <string>
#include <vector>

#include "accord/sdk/model/common.h"
#include "accord/sdk/model/entity.h"

namespace accord::sdk::model {

struct Organization {
  static constexpr EntityType kType = EntityType::organization;
  RecordMeta meta;
  std::string name;
  std::string email;           // billing email
  std::string account_number;  // the business's own unique id for it (Xero AccountNumber)
  std::string tax_number;
  std::string website;
  std::string currency;  // ISO 4217 default currency
  bool is_customer = false;
  bool is_supplier = false;
  std::vector<Address> addresses;
  std::vector<Phone> phones;
  std::vector<Ref> people;  // ordered; the first is the primary person

  template <typename Self, typename V>
  static void describe(Self& s, V& v) {
    v("name", s.name);
    v("email", s.email);
    v("account_number", s.account_number);
    v("tax_number", s.tax_number);
    v("website", s.website);
    v("currency", s.currency, kCurrencyRule);
    v("is_customer", s.is_customer);
    v("is_supplier", s.is_supplier);
    v("addresses", s.addresses);
    v("phones", s.phones);
    v("people", s.people);
  }
  friend bool operator==(const Organization&, const Organization&) = default;
};

}  // namespace accord::sdk::model
