// aupsctl status [--json] and aupsctl plan [--json]: what the agent sees and what it will do.
#include <cstdio>

#include "app/aupsctl/agent_call.hpp"
#include "policy/plan.hpp"

namespace aups::ctl {
namespace {
using nlohmann::json;

void print_status(const json& s) {
  const json& ups = s["ups"];
  const json& src = s["source"];
  auto v = [&](const char* key) { return ups.contains(key) ? text_of(ups[key]) : std::string("-"); };
  std::printf("UPS:      %s %s (firmware %s)%s\n", v("ups.mfr").c_str(), v("ups.model").c_str(), v("ups.firmware").c_str(),
              src.value("simulated", false) ? "  [SIMULATED]" : "");
  std::printf("Source:   %s (%s), %s%s\n", text_of(src["uri"]).c_str(), text_of(src["transport"]).c_str(),
              src.value("connected", false) ? "connected" : "NOT CONNECTED", src.value("stale", true) ? ", data stale" : "");
  std::printf("Status:   %s   mains %s\n", v("ups.status").c_str(),
              ups.value("aups.mains", false) ? "present" : "ABSENT");
  std::printf("Battery:  %s %%, %s V, %s A, %s degC, runtime %s s\n", v("battery.charge").c_str(),
              v("battery.voltage").c_str(), v("battery.current").c_str(), v("battery.temperature").c_str(),
              v("battery.runtime").c_str());
  std::printf("Load:     %s W (%s %%)\n", v("ups.realpower").c_str(), v("ups.load").c_str());
  const json& plan = s["plan"];
  std::printf("Plan:     %s%s — %s\n", text_of(plan["state"]).c_str(), plan.value("dry_run", false) ? " (dry run)" : "",
              text_of(plan["explanation"]).c_str());
}

void print_plan(const json& p) {
  std::printf("State:        %s%s\n", text_of(p["state"]).c_str(), p.value("dry_run", false) ? " (dry run)" : "");
  std::printf("Action:       %s", text_of(p["action"]).c_str());
  if (p.contains("action_in_s") && p["action_in_s"].is_number())
    std::printf(" in %s", policy::format_duration(p["action_in_s"].get<double>()).c_str());
  std::printf("\nReason:       %s\n", text_of(p["reason"]).c_str());
  auto dur = [&](const char* key) {
    return p.contains(key) && p[key].is_number() ? policy::format_duration(p[key].get<double>()) : std::string("-");
  };
  std::printf("To 2 %%:       %s (uncertainty %s)\n", dur("runtime_to_2pct_s").c_str(), dur("uncertainty_s").c_str());
  std::printf("To empty:     %s\n", dur("runtime_to_empty_s").c_str());
  std::printf("Why:          %s\n", text_of(p["explanation"]).c_str());
}

RegisterCommand reg([](CLI::App& root) {
  struct Opts { std::shared_ptr<std::string> socket = std::make_shared<std::string>(); bool json = false; };
  auto st = std::make_shared<Opts>();
  auto* status = root.add_subcommand("status", "The UPS and the agent's plan, from aupsd");
  add_socket_option(status, st->socket);
  status->add_flag("--json", st->json, "print the snapshot (NUT variable names) as JSON");
  status->callback([st] {
    auto r = ask_agent(*st->socket, {{"cmd", "status"}}, "status");
    if (!r) return;
    if (st->json) std::printf("%s\n", (*r)["snapshot"].dump(1).c_str());
    else print_status((*r)["snapshot"]);
  });

  auto pl = std::make_shared<Opts>();
  auto* plan = root.add_subcommand("plan", "Why and when the agent will act");
  add_socket_option(plan, pl->socket);
  plan->add_flag("--json", pl->json, "print the plan object as JSON");
  plan->callback([pl] {
    auto r = ask_agent(*pl->socket, {{"cmd", "plan"}}, "plan");
    if (!r) return;
    if (pl->json) std::printf("%s\n", (*r)["plan"].dump(1).c_str());
    else print_plan((*r)["plan"]);
  });
});

}  // namespace
}  // namespace aups::ctl
