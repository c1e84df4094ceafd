// Reading one field out of a record's JSON text without building the whole Poco object: list
// filters (`where`, `order`) touch a field or two of every record, and records are stored as
// text (store.h), so a scan that skips what it does not need is many times cheaper than a parse.
#pragma once

#include <string_view>

#include <Poco/Dynamic/Var.h>

namespace accord::sandbox::xero {

// The value at a dotted path ("Contact.ContactID") of a JSON object's text, typed as Poco's
// parser would type it (string, Int64, double, bool; objects and arrays as Poco objects); an
// empty Var when absent, null, or the text is not an object.
Poco::Dynamic::Var jsonTextField(std::string_view json, std::string_view path);

}  // namespace accord::sandbox::xero
