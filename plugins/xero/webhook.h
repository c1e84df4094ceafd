// Xero webhooks (specs/xero/xero-webhooks.yaml): x-xero-signature is base64(HMAC-SHA256(body,
// webhook key)). A bad signature gets 401 and no changes; a good one 200 and the changed ids
// (the intent-to-receive check is the same call with no events).
#pragma once

#include "accord/sdk/connector.h"

namespace accord::plugins::xero {

// `key` is the webhook signing key; `tenant_id` limits the changes to this connection's
// tenant when set (one webhook URL may serve several organisations).
sdk::Result<sdk::WebhookResult> decodeWebhook(const std::string& key, const std::string& tenant_id,
                                              const sdk::WebhookRequest& request);

// base64(HMAC-SHA256(body, key)), as Xero signs.
std::string webhookSignature(const std::string& key, const std::string& body);

}  // namespace accord::plugins::xero
