// The connector interface: the whole contract between the hub and a plugin.
//
// Small on purpose (Kafka Connect's SourceTask/SinkTask): read one page, write one batch,
// decode one webhook, and the app-specific halves of auth. The hub owns everything else:
// cursors, retries, pacing, token storage and refresh, id mapping, merging.
//
// Ids: records a plugin returns carry the app's own ids in meta.id and in every Ref; records the
// hub passes to write() carry the target app's ids (already mapped) in Refs, and in meta.id for
// updates, archives and removals.
//
// Threading: the hub may call one Connector instance from several threads at once (different
// connections), so an implementation keeps no mutable state. Every call gets its HostContext.
// Exceptions: none may escape. The ACCORD_PLUGIN export (plugin.h) wraps the connector so that
// one that does becomes a plugin_bug error naming the plugin and method.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accord/sdk/config.h"
#include "accord/sdk/host_context.h"
#include "accord/sdk/model/record.h"
#include "accord/sdk/result.h"

namespace accord::sdk {

struct ReadRequest {
  model::EntityType entity = model::EntityType::organization;
  std::string cursor;  // opaque, from the previous Page; empty means from the beginning
  int page_size = 100;  // chosen by the hub, never above the manifest's max_page_size
  bool full = false;    // a full re-read rather than changes since the cursor
  std::vector<std::string> ids;  // when set: fetch exactly these app ids (after a webhook)
};

// A record the app reports as gone or archived since the cursor.
struct Removal {
  std::string id;  // the app's id
  model::RecordStatus status = model::RecordStatus::deleted;
  std::optional<Timestamp> at;
};

// A record the plugin could not translate. The rest of the page still counts.
struct RecordError {
  std::string id;  // the app's id, when it could be read
  Error error;     // names the field at fault
};

struct Page {
  std::vector<model::Record> records;
  std::vector<Removal> removals;
  std::vector<RecordError> errors;
  std::string next_cursor;  // saved with this page, in the same transaction
  bool more = false;        // true: there is another page right now
};

enum class WriteKind { create, update, archive, remove };
std::string_view toString(WriteKind kind) noexcept;

struct WriteOp {
  WriteKind kind = WriteKind::create;
  model::Record record;
};

struct WriteBatch {
  model::EntityType entity = model::EntityType::organization;
  std::vector<WriteOp> ops;  // never more than the manifest's max_batch_size
  // Deterministic for the batch's content: the same retried batch carries the same key, so an
  // app that honours idempotency keys never creates twice.
  std::string idempotency_key;
};

// The outcome of one WriteOp, in the same position as the op.
struct WriteOutcome {
  std::string id;  // the app's id of the record written (new id for creates)
  std::optional<Error> error;
  std::vector<std::string> warnings;  // the app accepted it, with a remark
  std::optional<Timestamp> updated_at;  // the app's modified time after the write, if returned
  bool ok() const { return !error.has_value(); }
};

struct WebhookRequest {
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct WebhookChange {
  model::EntityType entity = model::EntityType::organization;
  std::string id;  // the app's id of the changed record
};

struct WebhookResult {
  int http_status = 200;  // what to answer the app (401 for a bad signature)
  std::string response_body;
  std::vector<WebhookChange> changes;
};

struct TokenGrant {
  enum class Kind { authorization_code, refresh_token } kind = Kind::authorization_code;
  std::string value;  // the code or the refresh token
  std::string redirect_uri;
};

struct TokenSet {
  std::string access_token;
  std::string refresh_token;
  std::optional<Timestamp> expires_at;
  std::vector<std::string> scopes;
};

struct Tenant {
  std::string id;
  std::string name;
  std::string kind;  // "ORGANISATION", ...
};

struct Session {
  std::string id;
  std::optional<Timestamp> expires_at;
};

class Connector {
 public:
  virtual ~Connector() = default;

  // Checks beyond the declared schema (which the hub has already applied): formats, ranges,
  // combinations. Returns one FieldError per problem; never throws.
  virtual std::vector<FieldError> validateConfig(const Config& config) const {
    (void)config;
    return {};
  }

  // One page of one entity from the cursor.
  virtual Result<Page> read(HostContext& ctx, const ReadRequest& request) = 0;

  // One batch; an outcome per op. An Error only when the whole call failed (the batch as a
  // whole may be retried with the same idempotency key).
  virtual Result<std::vector<WriteOutcome>> write(HostContext& ctx, const WriteBatch& batch) = 0;

  // Verifies and decodes an incoming webhook call.
  virtual Result<WebhookResult> handleWebhook(HostContext& ctx, const WebhookRequest& request) {
    (void)ctx, (void)request;
    return makeError(ErrorKind::not_supported, "webhooks are not supported");
  }

  // OAuth2: the consent URL to send an admin to.
  virtual Result<std::string> authorizationUrl(const Config& config, const std::string& state,
                                               const std::string& redirect_uri) const {
    (void)config, (void)state, (void)redirect_uri;
    return makeError(ErrorKind::not_supported, "OAuth2 is not supported");
  }

  // OAuth2: exchange a code or a refresh token. The hub serialises refreshes per connection
  // and persists the new tokens before anything uses them.
  virtual Result<TokenSet> requestToken(HostContext& ctx, const TokenGrant& grant) {
    (void)ctx, (void)grant;
    return makeError(ErrorKind::not_supported, "OAuth2 is not supported");
  }

  // OAuth2 apps that serve several tenants per login (Xero's /connections).
  virtual Result<std::vector<Tenant>> listTenants(HostContext& ctx) {
    (void)ctx;
    return makeError(ErrorKind::not_supported, "tenants are not supported");
  }

  // Session-based auth (vTiger): log in and return the session for the hub to keep.
  virtual Result<Session> login(HostContext& ctx) {
    (void)ctx;
    return makeError(ErrorKind::not_supported, "session login is not supported");
  }
};

}  // namespace accord::sdk
