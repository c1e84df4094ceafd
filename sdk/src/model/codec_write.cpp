// toJson and contentHash: one writer walks describe() and emits compact JSON in field order.
#include <Poco/DigestEngine.h>
#include <Poco/JSONString.h>
#include <Poco/SHA2Engine.h>

#include "accord/sdk/model/codec.h"
#include "codec_internal.h"
#include "traits.h"

namespace accord::sdk::model {
namespace detail {
namespace {

// exact: each value as stored (toJson). equality: one spelling per value as operator== sees
// it, decimals without trailing zeros and times in UTC (contentHash).
enum class Spelling { exact, equality };

template <typename T>
void appendValue(std::string& out, const T& value, Spelling spelling);

class FieldWriter {
 public:
  FieldWriter(std::string& out, Spelling spelling) : out_(out), spelling_(spelling) {}
  template <typename T>
  void operator()(std::string_view key, const T& value, const StringRule& = {}) {
    if (!first_) out_ += ',';
    first_ = false;
    appendJsonString(out_, key);
    out_ += ':';
    appendValue(out_, value, spelling_);
  }

 private:
  std::string& out_;
  Spelling spelling_;
  bool first_ = true;
};

template <typename T>
void appendValue(std::string& out, const T& value, Spelling spelling) {
  [[maybe_unused]] const bool exact = spelling == Spelling::exact;
  if constexpr (std::is_same_v<T, std::string>) {
    appendJsonString(out, value);
  } else if constexpr (std::is_same_v<T, bool>) {
    out += value ? "true" : "false";
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    out += std::to_string(value);
  } else if constexpr (std::is_same_v<T, Decimal>) {
    appendJsonString(out, exact ? value.toString() : value.normalized().toString());
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    appendJsonString(out, exact ? value.toString() : Timestamp(value.epochMillis(), 0).toString());
  } else if constexpr (std::is_same_v<T, Date>) {
    appendJsonString(out, value.toString());
  } else if constexpr (std::is_same_v<T, Ref>) {
    appendJsonString(out, value.id);
  } else if constexpr (IsOptional<T>::value) {
    if (value) {
      appendValue(out, *value, spelling);
    } else {
      out += "null";
    }
  } else if constexpr (IsVector<T>::value) {
    out += '[';
    for (size_t i = 0; i < value.size(); ++i) {
      if (i > 0) out += ',';
      appendValue(out, value[i], spelling);
    }
    out += ']';
  } else if constexpr (Described<T>) {
    out += '{';
    FieldWriter writer(out, spelling);
    T::describe(value, writer);
    out += '}';
  } else {
    static_assert(kUnsupported<T>, "describe() lists a field type the codec does not know");
  }
}

void appendRemoteData(std::string& out, const std::string& remote_data) {
  if (remote_data.empty()) {
    out += "{}";
  } else if (isJsonObject(remote_data)) {
    out += remote_data;
  } else {
    // A producer broke the contract (remote_data must be an object's text). Keep its bytes
    // rather than drop them or emit JSON nobody can read back.
    out += "{\"_unparsed\":";
    appendJsonString(out, remote_data);
    out += '}';
  }
}

}  // namespace

void appendJsonString(std::string& out, std::string_view text) {
  out += Poco::toJSON(std::string(text), Poco::JSON_WRAP_STRINGS);
}

void appendFields(std::string& out, const Record& record, bool exact) {
  std::visit(
      [&](const auto& entity) {
        appendValue(out, entity, exact ? Spelling::exact : Spelling::equality);
      },
      record);
}

}  // namespace detail

std::string toJson(const Record& record) {
  using detail::appendJsonString;
  const RecordMeta& meta = metaOf(record);
  std::string out = "{\"type\":";
  appendJsonString(out, toString(typeOf(record)));
  out += ",\"id\":";
  appendJsonString(out, meta.id);
  for (const auto& [key, time] : {std::pair{",\"created_at\":", &meta.created_at},
                                  std::pair{",\"updated_at\":", &meta.updated_at}}) {
    out += key;
    if (*time) {
      appendJsonString(out, (*time)->toString());
    } else {
      out += "null";
    }
  }
  out += ",\"status\":";
  appendJsonString(out, toString(meta.status));
  out += ",\"remote_data\":";
  detail::appendRemoteData(out, meta.remote_data);
  out += ",\"fields\":";
  detail::appendFields(out, record, true);
  out += '}';
  return out;
}

std::string contentHash(const Record& record) {
  // The type is included so that two different entities with no fields never collide.
  std::string canonical = "{\"type\":";
  detail::appendJsonString(canonical, toString(typeOf(record)));
  canonical += ",\"status\":";
  detail::appendJsonString(canonical, toString(metaOf(record).status));
  canonical += ",\"fields\":";
  detail::appendFields(canonical, record, false);
  canonical += '}';
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(canonical);
  return Poco::DigestEngine::digestToHex(sha.digest());
}

Result<void> validate(const Record& record) {
  const std::string& remote_data = metaOf(record).remote_data;
  if (!remote_data.empty() && !detail::isJsonObject(remote_data)) {
    return makeError(ErrorKind::permanent, "remote_data: not the text of a JSON object",
                     "remote_data");
  }
  auto parsed = fromJson(toJson(record));
  if (!parsed.ok()) return std::move(parsed).error();
  return {};
}

}  // namespace accord::sdk::model
