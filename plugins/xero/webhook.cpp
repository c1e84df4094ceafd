#include "webhook.h"

#include <Poco/Base64Encoder.h>
#include <Poco/HMACEngine.h>
#include <Poco/SHA2Engine.h>

#include <set>
#include <sstream>

#include "json_util.h"

namespace accord::plugins::xero {
namespace {

using sdk::model::EntityType;

// HMACEngine needs the digest's sizes as constants.
class Sha256 : public Poco::SHA2Engine {
 public:
  enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
  Sha256() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

bool sameText(const std::string& a, const std::string& b) {
  // Compared in full whatever the content, so timing says nothing about the signature.
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string header(const sdk::WebhookRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (toLower(key) == name) return value;
  }
  return {};
}

sdk::WebhookResult refused() {
  sdk::WebhookResult result;
  result.http_status = 401;
  return result;
}

}  // namespace

std::string webhookSignature(const std::string& key, const std::string& body) {
  Poco::HMACEngine<Sha256> hmac(key);
  hmac.update(body);
  const Poco::DigestEngine::Digest& digest = hmac.digest();
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder.write(reinterpret_cast<const char*>(digest.data()),
                static_cast<std::streamsize>(digest.size()));
  encoder.close();
  return out.str();
}

sdk::Result<sdk::WebhookResult> decodeWebhook(const std::string& key, const std::string& tenant_id,
                                              const sdk::WebhookRequest& request) {
  if (key.empty()) {
    return sdk::makeError(sdk::ErrorKind::invalid_config,
                          "webhooks.key is not set: copy the signing key from the Xero app's "
                          "webhook settings",
                          "webhooks.key");
  }
  std::string signature = header(request, "x-xero-signature");
  if (signature.empty() || !sameText(signature, webhookSignature(key, request.body))) {
    return refused();
  }
  std::string problem;
  JsonObject payload = parseObject(request.body, &problem);
  if (!payload) return refused();
  sdk::WebhookResult result;
  JsonArray events = payload->has("events") && payload->isArray("events")
                         ? payload->getArray("events")
                         : JsonArray(new Poco::JSON::Array());
  std::set<std::pair<EntityType, std::string>> seen;
  auto add = [&](EntityType entity, const std::string& id) {
    if (seen.insert({entity, id}).second) result.changes.push_back({entity, id});
  };
  for (std::size_t i = 0; i < events->size(); ++i) {
    JsonObject event = events->getObject(static_cast<unsigned>(i));
    if (!event) continue;
    Reader r(*event, "webhook event " + std::to_string(i));
    std::string category = r.str("eventCategory"), id = r.str("resourceId");
    std::string tenant = r.str("tenantId");
    if (id.empty() || (!tenant_id.empty() && toLower(tenant) != toLower(tenant_id))) continue;
    if (category == "CONTACT") {
      add(EntityType::organization, id);
      add(EntityType::person, id);  // read(person, ids={contact}) gives its people
    } else if (category == "INVOICE") {
      add(EntityType::invoice, id);
    } else if (category == "CREDITNOTE") {
      add(EntityType::credit_note, id);
    }
  }
  return result;
}

}  // namespace accord::plugins::xero
