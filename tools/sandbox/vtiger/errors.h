// vTiger webservice errors as values: {"success":false,"error":{"code","message"}} with the
// codes of WebServiceErrorCode.php (see shared/specs/vtiger/notes.md).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace accord::sandbox::vtiger {

namespace code {
inline constexpr const char* kAccessDenied = "ACCESS_DENIED";
inline constexpr const char* kAuthRequired = "AUTHENTICATION_REQUIRED";
inline constexpr const char* kInvalidSession = "INVALID_SESSIONID";
inline constexpr const char* kInvalidCredentials = "INVALID_USER_CREDENTIALS";
inline constexpr const char* kInvalidToken = "INVALID_AUTH_TOKEN";
inline constexpr const char* kMandatoryMissing = "MANDATORY_FIELDS_MISSING";
inline constexpr const char* kInvalidId = "INVALID_ID_ATTRIBUTE";
inline constexpr const char* kQuerySyntax = "QUERY_SYNTAX_ERROR";
inline constexpr const char* kReferenceInvalid = "REFERENCE_INVALID";
inline constexpr const char* kRecordNotFound = "RECORD_NOT_FOUND";
inline constexpr const char* kUnknownOperation = "UNKNOWN_OPERATION";
inline constexpr const char* kInternal = "INTERNAL_SERVER_ERROR";
inline constexpr const char* kDatabaseError = "DATABASE_QUERY_ERROR";
inline constexpr const char* kTooManyRequests = "TOO_MANY_REQUESTS";
}  // namespace code

// The messages vtiger 7 writes for the common cases, kept in one place.
namespace message {
inline constexpr const char* kOperationDenied = "Permission to perform the operation is denied";
inline constexpr const char* kIdIncorrect = "Id specified is incorrect";
inline constexpr const char* kUnknownError = "Unknown Error while processing request";
}  // namespace message

struct WsError {
  std::string code;
  std::string message;
};

// A value or a WsError; the webservice's own small Result.
template <typename T>
class WsResult {
 public:
  WsResult(T value) : data_(std::in_place_index<0>, std::move(value)) {}     // NOLINT
  WsResult(WsError error) : data_(std::in_place_index<1>, std::move(error)) {}  // NOLINT
  bool ok() const { return data_.index() == 0; }
  T& value() { return std::get<0>(data_); }
  const T& value() const { return std::get<0>(data_); }
  const WsError& error() const { return std::get<1>(data_); }

 private:
  std::variant<T, WsError> data_;
};

inline WsError wsError(const char* code, std::string text) { return {code, std::move(text)}; }

}  // namespace accord::sandbox::vtiger
