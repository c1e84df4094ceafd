// accord connection add ORG PLUGIN --config FILE | list [ORG] | enable | disable | remove
//                  | authorize ORG CONN [--redirect-uri URI] | complete ORG CONN --code CODE ...
#include <ostream>
#include <sstream>

#include <Poco/JSON/Object.h>

#include "cli/cli.h"
#include "cli/config_file.h"
#include "cli/context.h"
#include "cli/output.h"
#include "net/host_context.h"
#include "net/waiter.h"
#include "plugin_host/plugin_host.h"
#include "runtime/oauth_connect.h"
#include "runtime/runtime.h"
#include "store/store.h"

namespace accord::cli {
namespace {

// The redirect an app registration for a hub without its own web page uses: the admin copies
// the code from the browser's address bar.
constexpr const char* kDefaultRedirectUri = "http://localhost/accord/oauth/callback";

std::string valueText(const sdk::ConfigValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::string>) {
          return v;
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          std::string out;
          for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
          return out;
        } else {
          return std::to_string(v);
        }
      },
      value);
}

Poco::Dynamic::Var toJsonValue(const sdk::ConfigValue& value) {
  return std::visit(
      [](const auto& v) -> Poco::Dynamic::Var {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
          for (const auto& s : v) array->add(s);
          return array;
        } else {
          return v;
        }
      },
      value);
}

// Splits a validated config: secret options are sealed in the store, the rest is plain JSON.
std::pair<std::string, store::SecretMap> splitSecrets(const sdk::Config& config,
                                                      const sdk::ConfigSchema& schema) {
  Poco::JSON::Object plain(Poco::JSON_PRESERVE_KEY_ORDER);
  store::SecretMap secrets;
  for (const auto& [key, value] : config.values()) {
    bool secret = false;
    for (const auto& o : schema) secret = secret || (o.key == key && o.secret);
    if (secret) {
      secrets[key] = valueText(value);
    } else {
      plain.set(key, toJsonValue(value));
    }
  }
  std::ostringstream json;
  plain.stringify(json);
  return {json.str(), secrets};
}

// Asks the plugin itself (formats, ranges) after the schema checks passed.
void checkWithPlugin(Context& ctx, const plugin_host::LoadedPlugin& plugin,
                     const sdk::Config& config, const std::string& file) {
  auto connector = orFail(plugin.createConnector());
  std::string message;
  for (const auto& e : connector->validateConfig(config)) {
    message += (message.empty() ? "" : "\n") + file + ": key '" + e.key + "': " + e.message;
  }
  (void)ctx;
  if (!message.empty()) throw Failure(message);
}

int addConnection(Context& ctx, const Invocation& inv) {
  const auto file = inv.value("config");
  if (!file) throw UsageError("--config FILE is required");
  const auto org = orFail(ctx.store().organisations().get(inv.args[0]));
  const auto plugin = ctx.plugin(inv.args[1]);
  const auto& schema = plugin->manifest().config;
  const sdk::Config config = orFail(loadConfigFile(*file, schema));
  checkWithPlugin(ctx, *plugin, config, *file);

  auto [config_json, secrets] = splitSecrets(config, schema);
  store::NewConnection spec;
  spec.org_id = org.id;
  spec.plugin = plugin->name();
  spec.name = inv.value("name").value_or("");
  spec.config_json = config_json;
  spec.secrets = secrets;
  std::optional<store::SecretBox> box;
  if (!secrets.empty()) box.emplace(ctx.secretBox(true));
  const auto added = orFail(ctx.store().connections().add(spec, box ? &*box : nullptr));
  ctx.out() << "added connection " << added.label() << " (id " << added.id << ", plugin " << added.plugin
            << (secrets.empty() ? "" : ", " + std::to_string(secrets.size()) + " secret(s) sealed")
            << ")\n";
  return kExitOk;
}

// The health column: "healthy", "backing off (2)", "recovery (6) until 2026-...".
std::string statusText(const store::ConnectionStatus& status) {
  if (status.state == store::HealthState::healthy) return "healthy";
  std::string text = status.state == store::HealthState::recovery ? "recovery" : "backing off";
  text += " (" + std::to_string(status.consecutive_failures) + ")";
  if (status.retry_at) text += " until " + status.retry_at->toString();
  return text;
}

int listConnections(Context& ctx, const Invocation& inv) {
  std::optional<store::OrgId> org = ctx.visibleOrg();
  if (!inv.args.empty()) org = orFail(ctx.store().organisations().get(inv.args[0])).id;
  // Id: what webhook URLs name (/webhooks/PLUGIN/ID) and the app's developer console needs.
  Table table{{"Id", "Org", "Name", "Plugin", "Enabled", "Status", "Secrets", "Config"}, {}};
  for (const auto& c : orFail(ctx.store().connections().list(org))) {
    const auto status = orFail(ctx.store().connectionStatuses().get(c.id));
    table.rows.push_back({std::to_string(c.id), c.org_slug, c.name, c.plugin, c.enabled ? "yes" : "no",
                          statusText(status), c.has_secrets ? "sealed" : "-", c.config_json});
  }
  if (inv.json) {
    printJson(ctx.out(), tableToJson(table));
  } else {
    printTable(ctx.out(), table);
  }
  return kExitOk;
}

store::Connection findConnection(Context& ctx, const Invocation& inv) {
  const auto org = orFail(ctx.store().organisations().get(inv.args[0]));
  return orFail(ctx.store().connections().get(org.id, inv.args[1]));
}

int enableConnection(Context& ctx, const Invocation& inv) {
  const auto c = findConnection(ctx, inv);
  orFail(ctx.store().connections().setEnabled(c.id, true));
  ctx.out() << "enabled " << c.label() << "\n";
  return kExitOk;
}

int disableConnection(Context& ctx, const Invocation& inv) {
  const auto c = findConnection(ctx, inv);
  orFail(ctx.store().connections().setEnabled(c.id, false));
  ctx.out() << "disabled " << c.label() << "\n";
  return kExitOk;
}

int removeConnection(Context& ctx, const Invocation& inv) {
  const auto c = findConnection(ctx, inv);
  orFail(ctx.store().connections().remove(c.id));
  ctx.out() << "removed " << c.label() << "\n";
  return kExitOk;
}

// A runtime for one OAuth2 step: real time, warnings to stderr.
struct ConsentServices {
  store::SystemClock clock;
  net::StderrLogger log{sdk::LogLevel::warn};
  net::SleepingWaiter waiter;
  std::unique_ptr<runtime::Runtime> runtime;

  explicit ConsentServices(Context& ctx) {
    runtime = std::make_unique<runtime::Runtime>(ctx.store(), ctx.plugins(), ctx.secretBox(true),
                                                 clock, log, waiter);
  }
};

int authorizeConnection(Context& ctx, const Invocation& inv) {
  const auto c = findConnection(ctx, inv);
  ConsentServices services(ctx);
  const auto redirect = inv.value("redirect-uri").value_or(kDefaultRedirectUri);
  const auto consent = orFail(runtime::beginConsent(*services.runtime, c, redirect));
  ctx.out() << "Open this URL, consent, and copy the code from the address you are sent to:\n"
            << consent.url << "\n"
            << "then: accord connection complete " << c.org_slug << " " << c.name
            << " --code CODE --state " << consent.state << "\n";
  return kExitOk;
}

int completeConnection(Context& ctx, const Invocation& inv) {
  const auto c = findConnection(ctx, inv);
  const auto code = inv.value("code").value_or("");
  const auto tenant = inv.value("tenant");
  if (code.empty() && !tenant) throw UsageError("--code CODE is required (or --tenant ID alone)");
  ConsentServices services(ctx);
  const auto done =
      orFail(runtime::completeConsent(*services.runtime, c, code, inv.value("state"), tenant));
  ctx.out() << (code.empty() ? "" : "authorised " + c.label() + " (tokens sealed)\n");
  if (done.tenant) {
    ctx.out() << "tenant: " << done.tenant->name << " (" << done.tenant->id << ")\n";
  }
  return kExitOk;
}

}  // namespace

std::vector<Command> connectionCommands() {
  return {
      {{"connection", "add"}, "ORG PLUGIN", "connect an app: checks the config file against the "
       "plugin's schema, seals its secrets",
       {{"config", "FILE", "the connection's config (JSON)"},
        {"name", "NAME", "name of the connection (default: the plugin name)"}},
       2, 2, addConnection},
      {{"connection", "list"}, "[ORG]", "list connections (secrets are never shown)", {}, 0, 1,
       listConnections},
      {{"connection", "enable"}, "ORG CONNECTION", "include a connection in syncs", {}, 2, 2,
       enableConnection},
      {{"connection", "disable"}, "ORG CONNECTION", "leave a connection out of syncs", {}, 2, 2,
       disableConnection},
      {{"connection", "remove"}, "ORG CONNECTION", "remove a connection and its id map", {}, 2, 2,
       removeConnection},
      {{"connection", "authorize"}, "ORG CONNECTION", "start an OAuth2 consent: prints the URL "
       "to open (the random state is kept)",
       {{"redirect-uri", "URI", std::string("where the app sends the code (default ") +
                                    kDefaultRedirectUri + ")"}},
       2, 2, authorizeConnection},
      {{"connection", "complete"}, "ORG CONNECTION", "finish an OAuth2 consent: exchanges the "
       "code, seals the tokens, selects the tenant",
       {{"code", "CODE", "the code from the redirect"},
        {"state", "STATE", "the state from the redirect (checked against authorize's)"},
        {"tenant", "ID", "the tenant to sync when the login has several"}},
       2, 2, completeConnection},
  };
}

}  // namespace accord::cli
