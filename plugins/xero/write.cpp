#include "write.h"

#include <Poco/DigestStream.h>
#include <Poco/SHA2Engine.h>

#include <map>

namespace accord::plugins::xero {
namespace {

using sdk::WriteKind;
using sdk::model::EntityType;

constexpr std::size_t kMaxKeyLength = 128;

std::string sha256(const std::string& text) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(text);
  return Poco::DigestEngine::digestToHex(engine.digest());
}

// Where an op goes: most resources take creates and updates in one POST; payments are PUT,
// and deleted one by one (POST /Payments/{PaymentID}); new tax rates are PUT; accounts take one
// element per call, addressed by AccountID (`target`).
std::pair<std::string, std::string> route(EntityType entity, const sdk::WriteOp& op,
                                          const Resource& resource, const std::string& target) {
  if (entity == EntityType::payment) {
    if (op.kind == WriteKind::remove) return {"POST", "Payments/" + target};
    return {"PUT", resource.path};
  }
  if (entity == EntityType::tax_code && op.kind == WriteKind::create) return {"PUT", "TaxRates"};
  if (entity == EntityType::account) {
    if (op.kind == WriteKind::create) return {"PUT", "Accounts"};
    return {"POST", "Accounts/" + target};
  }
  return {"POST", resource.path};
}

// Account records carry their Code (what documents refer to), but Xero addresses an account
// by its AccountID (POST /Accounts/{AccountID}): one GET for the batch maps codes to ids.
sdk::Result<std::map<std::string, std::string>> accountIdsByCode(XeroClient& client,
                                                                 const sdk::WriteBatch& batch) {
  std::map<std::string, std::string> ids;
  if (batch.entity != EntityType::account) return ids;
  std::string where;
  for (const sdk::WriteOp& op : batch.ops) {
    const std::string& code = sdk::model::metaOf(op.record).id;
    if (op.kind == WriteKind::create || code.empty() || looksLikeGuid(code) ||
        code.find('"') != std::string::npos) {
      continue;
    }
    where += (where.empty() ? "" : " OR ") + std::string("Code==\"") + code + "\"";
  }
  if (where.empty()) return ids;
  auto envelope = client.get("Accounts", {{"where", where}});
  if (!envelope.ok()) return envelope.error();
  JsonArray accounts = envelopeArray(*envelope.value(), "Accounts");
  for (std::size_t i = 0; i < accounts->size(); ++i) {
    JsonObject account = accounts->getObject(static_cast<unsigned>(i));
    if (account) ids[textField(*account, "Code")] = textField(*account, "AccountID");
  }
  return ids;
}

// The id an op's call is addressed to: the record's own, or for an account its AccountID.
sdk::Result<std::string> targetOf(const sdk::WriteOp& op,
                                  const std::map<std::string, std::string>& account_ids) {
  const std::string& id = sdk::model::metaOf(op.record).id;
  if (sdk::model::typeOf(op.record) != EntityType::account || op.kind == WriteKind::create ||
      looksLikeGuid(id)) {
    return id;
  }
  auto found = account_ids.find(id);
  if (found == account_ids.end() || found->second.empty()) {
    return sdk::makeError(sdk::ErrorKind::permanent,
                          "Account " + id + ": no Xero account has this Code", "code");
  }
  return found->second;
}

std::string messagesOf(const Poco::JSON::Object& element, const std::string& key) {
  std::string out;
  if (!element.has(key) || !element.isArray(key)) return out;
  JsonArray list = element.getArray(key);
  for (std::size_t i = 0; i < list->size(); ++i) {
    JsonObject item = list->getObject(static_cast<unsigned>(i));
    if (!item || !item->has("Message")) continue;
    out += (out.empty() ? "" : "; ") + item->get("Message").toString();
  }
  return out;
}

void fillOutcome(const Resource& resource, const Poco::JSON::Object& element,
                 sdk::WriteOutcome& outcome) {
  std::string errors = messagesOf(element, "ValidationErrors");
  if (!errors.empty()) {
    outcome.error = sdk::makeError(sdk::ErrorKind::permanent, "Xero refused it: " + errors);
    return;
  }
  std::string warnings = messagesOf(element, "Warnings");
  if (!warnings.empty()) outcome.warnings.push_back("Xero: " + warnings);
  // Accounts without a code are known by their AccountID (as decode names them).
  std::string id_field = resource.id_field;
  if (resource.path == "Accounts" && !textField(element, "Code").empty()) {
    id_field = "Code";
  }
  if (element.has(id_field)) outcome.id = element.get(id_field).toString();
  if (element.has("UpdatedDateUTC")) {
    outcome.updated_at = parseXeroTimestamp(element.get("UpdatedDateUTC").toString());
  }
}

}  // namespace

std::string idempotencyKey(const std::string& batch_key, std::size_t call, std::size_t calls,
                           const std::string& body) {
  std::string key = batch_key.empty() ? "accord-" + sha256(body) : batch_key;
  if (calls > 1) key += "/" + std::to_string(call);
  return key.size() <= kMaxKeyLength ? key : "accord-" + sha256(key);
}

sdk::Result<void> sendCall(XeroClient& client, const Resource& resource, const Call& call,
                           const std::string& idempotency_key,
                           std::vector<sdk::WriteOutcome>& outcomes) {
  const std::string envelope_key = call.path.substr(0, call.path.find('/'));
  Poco::JSON::Object body;
  JsonArray list = new Poco::JSON::Array();
  for (const JsonObject& element : call.elements) list->add(element);
  body.set(envelope_key, list);
  // Xero's PUT/POST /Accounts takes one Account object, not an envelope, and so does a call
  // addressed to one record (POST /Payments/{PaymentID}).
  const bool single = envelope_key == "Accounts" || call.path.find('/') != std::string::npos;
  std::string text = single && call.elements.size() == 1
                         ? stringify(*call.elements.front())
                         : stringify(body);
  auto response = client.send(call.method, call.path, {{"summarizeErrors", "false"}}, text,
                              idempotency_key.empty() ? idempotencyKey("", 0, 1, text)
                                                      : idempotency_key);
  if (!response.ok()) {
    if (response.error().kind != sdk::ErrorKind::permanent) return response.error();
    for (std::size_t op : call.ops) outcomes[op].error = response.error();
    return {};
  }
  JsonArray answered = envelopeArray(*response.value(), envelope_key);
  for (std::size_t i = 0; i < call.ops.size(); ++i) {
    JsonObject element = i < answered->size() ? answered->getObject(static_cast<unsigned>(i))
                                              : nullptr;
    if (!element) {
      outcomes[call.ops[i]].error = sdk::makeError(
          sdk::ErrorKind::retryable, "Xero's answer to " + call.method + " " + call.path +
                                         " has no element " + std::to_string(i));
      continue;
    }
    fillOutcome(resource, *element, outcomes[call.ops[i]]);
  }
  return {};
}

sdk::Result<std::vector<sdk::WriteOutcome>> writeBatch(XeroClient& client,
                                                       const sdk::WriteBatch& batch) {
  const Resource* resource = resourceFor(batch.entity);
  if (!resource) {
    return sdk::makeError(sdk::ErrorKind::not_supported,
                          "xero does not write " + std::string(sdk::model::toString(batch.entity)));
  }
  if (batch.entity == EntityType::person) return writePeople(client, batch);
  std::vector<sdk::WriteOutcome> outcomes(batch.ops.size());
  auto account_ids = accountIdsByCode(client, batch);
  if (!account_ids.ok()) return account_ids.error();
  std::vector<Call> calls;
  std::map<std::pair<std::string, std::string>, std::size_t> by_route;
  for (std::size_t i = 0; i < batch.ops.size(); ++i) {
    const sdk::WriteOp& op = batch.ops[i];
    outcomes[i].id = sdk::model::metaOf(op.record).id;
    if (sdk::model::typeOf(op.record) != batch.entity) {
      outcomes[i].error = sdk::makeError(sdk::ErrorKind::plugin_bug,
                                         "op " + std::to_string(i) + " holds another entity");
      continue;
    }
    auto encoded = encode(op);
    auto target = targetOf(op, account_ids.value());
    if (!encoded.ok() || !target.ok()) {
      outcomes[i].error = encoded.ok() ? target.error() : encoded.error();
      continue;
    }
    outcomes[i].warnings = encoded->warnings;
    auto key = route(batch.entity, op, *resource, target.value());
    auto [it, added] = by_route.try_emplace(key, calls.size());
    // Accounts take one element per call.
    if (added || batch.entity == EntityType::account) {
      it->second = calls.size();
      calls.push_back(Call{key.first, key.second, {}, {}});
    }
    calls[it->second].ops.push_back(i);
    calls[it->second].elements.push_back(encoded->element);
  }
  for (std::size_t c = 0; c < calls.size(); ++c) {
    auto sent = sendCall(client, *resource, calls[c],
                         batch.idempotency_key.empty()
                             ? std::string()
                             : idempotencyKey(batch.idempotency_key, c, calls.size(), ""),
                         outcomes);
    if (!sent.ok()) return sent.error();
  }
  return outcomes;
}

}  // namespace accord::plugins::xero
