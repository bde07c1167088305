// aupsctl settings get [--json] | settings set KEY=VALUE... [--pin PIN]: UPS settings (NUT/aups
// keys, e.g. ups.delay.shutdown=120), network (aups.net.*) and policy (policy.margin_s=180).
#include <cstdio>

#include "app/aupsctl/agent_call.hpp"

namespace aups::ctl {
namespace {
using nlohmann::json;

// "120" -> 120, "true" -> true, "enabled" -> "enabled": typed as JSON when it parses as JSON.
json typed(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_discarded() || j.is_object() || j.is_array() ? json(text) : j;
}

std::optional<json> build_set(const std::vector<std::string>& pairs) {
  json req = {{"cmd", "settings.set"}};
  for (const auto& p : pairs) {
    auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      std::fprintf(stderr, "aupsctl settings set: \"%s\" is not KEY=VALUE\n", p.c_str());
      return std::nullopt;
    }
    std::string key = p.substr(0, eq);
    json value = typed(p.substr(eq + 1));
    if (key.rfind("policy.", 0) == 0) req["policy"][key.substr(7)] = value;
    else if (key.rfind("aups.net.", 0) == 0) req["network"][key] = value;
    else req["settings"][key] = value;
  }
  return req;
}

void print_group(const char* prefix, const json& obj) {
  for (auto& [k, v] : obj.items()) std::printf("%s%s = %s\n", prefix, k.c_str(), v.is_string() ? v.get<std::string>().c_str() : v.dump().c_str());
}

RegisterCommand reg([](CLI::App& root) {
  auto* settings = root.add_subcommand("settings", "UPS, network and shutdown-policy settings, through aupsd");
  settings->require_subcommand(1);
  struct Opts {
    std::shared_ptr<std::string> socket = std::make_shared<std::string>();
    std::vector<std::string> pairs;
    std::string pin;
    bool json = false;
  };
  auto go = std::make_shared<Opts>();
  auto* get = settings->add_subcommand("get", "Show the current settings");
  add_socket_option(get, go->socket);
  get->add_flag("--json", go->json, "print {settings, network, policy, privileged} as JSON");
  get->callback([go] {
    auto r = ask_agent(*go->socket, {{"cmd", "settings.get"}}, "settings get");
    if (!r) return;
    if (go->json)
      return (void)std::printf("%s\n", json{{"settings", (*r)["settings"]}, {"network", (*r)["network"]},
                                            {"policy", (*r)["policy"]}, {"privileged", r->value("privileged", false)}}
                                           .dump(1).c_str());
    print_group("", (*r)["settings"]);
    print_group("", (*r)["network"]);
    print_group("policy.", (*r)["policy"]);
  });

  auto so = std::make_shared<Opts>();
  auto* set = settings->add_subcommand("set", "Change settings (needs root, the aups-admin group or the kiosk PIN)");
  add_socket_option(set, so->socket);
  set->add_option("pairs", so->pairs, "KEY=VALUE, e.g. ups.delay.shutdown=120 ups.beeper.status=disabled policy.margin_s=180")->required();
  set->add_option("--pin", so->pin, "the kiosk PIN (or set AUPS_PIN)")->envname("AUPS_PIN");
  set->add_flag("--json", so->json, "print the read-back settings as JSON");
  set->callback([so] {
    auto req = build_set(so->pairs);
    if (!req) return set_exit_code(2);
    if (!so->pin.empty()) (*req)["pin"] = so->pin;
    auto r = ask_agent(*so->socket, *req, "settings set");
    if (!r) return;
    if (so->json) return (void)std::printf("%s\n", json{{"settings", (*r)["settings"]}, {"network", (*r)["network"]}, {"policy", (*r)["policy"]}}.dump(1).c_str());
    std::printf("applied; read back from the UPS:\n");
    print_group("", (*r)["settings"]);
    print_group("policy.", (*r)["policy"]);
  });
});

}  // namespace
}  // namespace aups::ctl
