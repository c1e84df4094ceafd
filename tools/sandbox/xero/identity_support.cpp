// Helpers for the identity service: hashes, ids, scopes, Xero's error body, state files.
#include <Poco/DigestEngine.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/RandomStream.h>
#include <Poco/SHA2Engine.h>
#include <Poco/UUIDGenerator.h>

#include <sstream>
#include <stdexcept>

#include "sandbox/xero/identity.h"

namespace accord::sandbox::xero {

std::string sha256Hex(const std::string& text) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(text);
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string randomUuid() { return Poco::UUIDGenerator::defaultGenerator().createRandom().toString(); }

std::string randomToken(std::size_t bytes) {
  Poco::RandomInputStream random;
  Poco::DigestEngine::Digest data(bytes);
  for (auto& byte : data) byte = static_cast<unsigned char>(random.get());
  return Poco::DigestEngine::digestToHex(data);
}

bool validScope(const std::string& scope) {
  static const char* kPlain[] = {"openid", "profile", "email", "offline_access"};
  static const char* kPrefixes[] = {"accounting.", "payroll.", "files", "assets", "projects",
                                    "paymentservices", "bankfeeds", "finance.", "app.connections"};
  std::istringstream words(scope);
  std::string word;
  bool any = false;
  while (words >> word) {
    any = true;
    bool known = false;
    for (const char* plain : kPlain) known |= word == plain;
    for (const char* prefix : kPrefixes) known |= word.rfind(prefix, 0) == 0;
    if (!known) return false;
  }
  return any;
}

Response problemResponse(int status, const std::string& title, const std::string& detail) {
  return Response::json(status, "{\"Type\":null,\"Title\":" + jsonQuote(title) +
                                    ",\"Status\":" + std::to_string(status) +
                                    ",\"Detail\":" + jsonQuote(detail) + ",\"Instance\":\"" +
                                    randomUuid() + "\",\"Extensions\":{}}");
}

namespace {

std::int64_t toSeconds(Clock::TimePoint time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}

Clock::TimePoint fromSeconds(std::int64_t seconds) {
  return Clock::TimePoint{std::chrono::seconds{seconds}};
}

Poco::JSON::Array& arrayOf(const Poco::JSON::Object::Ptr& root, const char* key) {
  auto array = root->getArray(key);
  if (!array) throw std::runtime_error(std::string("missing array \"") + key + "\"");
  return *array;
}

}  // namespace

std::string XeroIdentity::saveState() const {
  std::lock_guard lock(mutex_);
  Poco::JSON::Object root;
  Poco::JSON::Array connections, access, refresh;
  for (const Connection& c : connections_) {
    Poco::JSON::Object item;
    item.set("id", c.id);
    item.set("tenantId", c.tenant_id);
    item.set("authEventId", c.auth_event_id);
    item.set("created", toSeconds(c.created));
    item.set("updated", toSeconds(c.updated));
    connections.add(item);
  }
  auto tokens = [](const auto& records, Poco::JSON::Array& out) {
    for (const auto& [hash, record] : records) {
      Poco::JSON::Object item;
      item.set("sha256", hash);
      item.set("expires", toSeconds(record.expires));
      item.set("authEventId", record.auth_event_id);
      item.set("scope", record.scope);
      out.add(item);
    }
  };
  tokens(access_, access);
  tokens(refresh_, refresh);
  root.set("connections", connections);
  root.set("accessTokens", access);
  root.set("refreshTokens", refresh);
  std::ostringstream out;
  root.stringify(out);
  return out.str();
}

bool XeroIdentity::loadState(const std::string& json, std::string* error) {
  try {
    auto root = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    std::vector<Connection> connections;
    for (const auto& value : arrayOf(root, "connections")) {
      auto item = value.extract<Poco::JSON::Object::Ptr>();
      connections.push_back({item->getValue<std::string>("id"),
                             item->getValue<std::string>("tenantId"),
                             item->getValue<std::string>("authEventId"),
                             fromSeconds(item->getValue<std::int64_t>("created")),
                             fromSeconds(item->getValue<std::int64_t>("updated"))});
    }
    auto tokens = [&](const char* key, auto& out) {
      for (const auto& value : arrayOf(root, key)) {
        auto item = value.extract<Poco::JSON::Object::Ptr>();
        auto& record = out[item->getValue<std::string>("sha256")];
        record.expires = fromSeconds(item->getValue<std::int64_t>("expires"));
        record.auth_event_id = item->getValue<std::string>("authEventId");
        record.scope = item->getValue<std::string>("scope");
      }
    };
    std::map<std::string, AccessRecord> access;
    std::map<std::string, RefreshRecord> refresh;
    tokens("accessTokens", access);
    tokens("refreshTokens", refresh);
    std::lock_guard lock(mutex_);
    connections_ = std::move(connections);
    access_ = std::move(access);
    refresh_ = std::move(refresh);
    return true;
  } catch (const std::exception& e) {
    if (error) *error = std::string("identity state: ") + e.what();
    return false;
  }
}

}  // namespace accord::sandbox::xero
