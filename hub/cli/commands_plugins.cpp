// accord plugins list | inspect NAME
#include <ostream>

#include <Poco/JSON/Parser.h>

#include "accord/sdk/manifest.h"
#include "cli/cli.h"
#include "cli/context.h"
#include "cli/output.h"
#include "plugin_host/plugin_host.h"

namespace accord::cli {
namespace {

template <typename T>
std::string joined(const std::vector<T>& items, const char* separator = ",") {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    if constexpr (std::is_same_v<T, std::string>) {
      out += item;
    } else {
      out += std::string(sdk::toString(item));
    }
  }
  return out;
}

std::string entitySummary(const sdk::Manifest& m) {
  std::string out;
  for (const auto& e : m.entities) {
    if (!out.empty()) out += "; ";
    out += std::string(sdk::model::toString(e.entity)) + " (" + joined(e.operations) + ")";
  }
  return out;
}

int listPlugins(Context& ctx, const Invocation& inv) {
  Table table{{"Name", "Version", "Entities"}, {}};
  for (const auto& p : ctx.plugins().plugins()) {
    table.rows.push_back({p->name(), p->version(), entitySummary(p->manifest())});
  }
  if (inv.json) {
    printJson(ctx.out(), tableToJson(table));
  } else {
    printTable(ctx.out(), table);
  }
  for (const auto& r : ctx.pluginRefusals()) ctx.err() << "refused: " << r << '\n';
  return kExitOk;
}

std::string optionalInt(const std::optional<int>& v) { return v ? std::to_string(*v) : "-"; }

void printLimits(std::ostream& out, const sdk::RateLimits& l) {
  out << "limits: " << optionalInt(l.per_minute) << "/min, " << optionalInt(l.per_hour) << "/hour, "
      << optionalInt(l.per_day) << "/day, " << optionalInt(l.concurrent)
      << " concurrent, page " << l.max_page_size << ", batch " << l.max_batch_size << "\n";
}

void printEntities(std::ostream& out, const sdk::Manifest& m) {
  Table entities{{"Entity", "Operations", "Sync modes"}, {}};
  Table rules{{"Entity", "Field", "Rule", "Why"}, {}};
  for (const auto& e : m.entities) {
    const std::string name{sdk::model::toString(e.entity)};
    entities.rows.push_back({name, joined(e.operations), joined(e.sync_modes)});
    for (const auto& r : e.field_rules) {
      std::vector<std::string> what;
      if (r.required) what.push_back("required");
      if (r.read_only) what.push_back("read-only");
      if (r.max_items) what.push_back("at most " + std::to_string(*r.max_items));
      if (!r.immutable_when_status.empty()) {
        what.push_back("immutable when " + joined(r.immutable_when_status, "|"));
      }
      rules.rows.push_back({name, r.field, joined(what, ", "), r.note});
    }
    for (const auto& f : e.unsupported_fields) rules.rows.push_back({name, f, "not held", ""});
  }
  out << "\n";
  printTable(out, entities);
  out << "\nfield rules:\n";
  printTable(out, rules);
}

void printConfigSchema(std::ostream& out, const sdk::ConfigSchema& schema) {
  Table config{{"Key", "Type", "Required", "Secret", "Description"}, {}};
  for (const auto& o : schema) {
    config.rows.push_back({o.key, std::string(sdk::toString(o.type)), o.required ? "yes" : "no",
                           o.secret ? "yes" : "no", o.description});
  }
  out << "\nconfig:\n";
  printTable(out, config);
}

int inspectPlugin(Context& ctx, const Invocation& inv) {
  const auto plugin = ctx.plugin(inv.args[0]);
  const sdk::Manifest& m = plugin->manifest();
  if (inv.json) {
    printJson(ctx.out(), Poco::JSON::Parser().parse(sdk::manifestToJson(m)));
    return kExitOk;
  }
  std::ostream& out = ctx.out();
  out << m.name << " " << m.version << " — " << m.display_name << "\n" << m.description << "\n\n"
      << "file: " << plugin->file().string() << "\n"
      << "auth: " << sdk::toString(m.auth)
      << (m.oauth_scopes.empty() ? "" : " (scopes: " + joined(m.oauth_scopes, " ") + ")") << "\n"
      << "regions: " << (m.regions.empty() ? "everywhere" : joined(m.regions)) << "\n";
  printLimits(out, m.limits);
  printEntities(out, m);
  printConfigSchema(out, m.config);
  return kExitOk;
}

}  // namespace

std::vector<Command> pluginCommands() {
  return {
      {{"plugins", "list"}, "", "list the plugins found, with their entities and operations",
       {}, 0, 0, listPlugins},
      {{"plugins", "inspect"}, "NAME", "show a plugin's manifest: limits, entities, config schema",
       {}, 1, 1, inspectPlugin},
  };
}

}  // namespace accord::cli
