// aupsctl status [--json] and aupsctl plan [--json]: what the agent sees and what it will do.
#include <cstdio>

#include "app/aupsctl/agent_call.hpp"
#include "core/text.hpp"
#include "core/ups_vars.hpp"

namespace aups::ctl {
namespace {
using nlohmann::json;

void print_status(const json& s) {
  const json& ups = s["ups"];
  const json& src = s["source"];
  // Values by model field: names and units come from core/ups_vars.hpp.
  auto v = [&](auto field) {
    std::string key = var_name(field);
    return ups.contains(key) ? text_of(ups[key]) : std::string("-");
  };
  auto with_unit = [&](auto field) { return v(field) + " " + std::string(ups_var(field).unit); };
  std::printf("UPS:      %s %s (firmware %s)%s\n", v(&UpsIdentity::manufacturer).c_str(), v(&UpsIdentity::model).c_str(),
              v(&UpsIdentity::firmware).c_str(), src.value("simulated", false) ? "  [SIMULATED]" : "");
  std::printf("Source:   %s (%s), %s%s\n", text_of(src["uri"]).c_str(), text_of(src["transport"]).c_str(),
              src.value("connected", false) ? "connected" : "NOT CONNECTED", src.value("stale", true) ? ", data stale" : "");
  std::printf("Status:   %s   mains %s\n", v(&UpsStatus::flags).c_str(),
              ups.value(var_name(&UpsStatus::mains_present), false) ? "present" : "ABSENT");
  std::printf("Battery:  %s, %s, %s, %s, runtime %s\n", with_unit(&UpsStatus::charge_pct).c_str(),
              with_unit(&UpsStatus::battery_voltage).c_str(), with_unit(&UpsStatus::battery_current).c_str(),
              with_unit(&UpsStatus::temperature_c).c_str(), with_unit(&UpsStatus::runtime_s).c_str());
  std::printf("Load:     %s (%s)\n", with_unit(&UpsStatus::output_power_w).c_str(), with_unit(&UpsStatus::load_pct).c_str());
  const json& plan = s["plan"];
  std::printf("Plan:     %s%s — %s\n", text_of(plan["state"]).c_str(), plan.value("dry_run", false) ? " (dry run)" : "",
              text_of(plan["explanation"]).c_str());
}

// One line for live displays (the demo, watch): status, charge, load, runtime, what the agent will do.
void print_status_line(const json& s) {
  const json& ups = s["ups"];
  const json& plan = s["plan"];
  auto num = [&](auto field, const char* fmt) {
    std::string key = var_name(field);
    char buf[32] = "-";
    if (ups.contains(key) && ups[key].is_number()) std::snprintf(buf, sizeof buf, fmt, ups[key].get<double>());
    return std::string(buf);
  };
  auto duration = [](const json& obj, const std::string& key) {
    return obj.contains(key) && obj[key].is_number() ? duration_text(obj[key].get<double>()) : std::string("-");
  };
  // The UPS's own runtime and the agent's estimate side by side: they may disagree (and the
  // agent's is the one it acts on).
  std::string runtime = duration(ups, var_name(&UpsStatus::runtime_s)) + " (UPS), 2 % in " + duration(plan, "runtime_to_2pct_s") + " (agent)";
  std::string action = text_of(plan["state"]);
  if (plan.contains("action_in_s") && plan["action_in_s"].is_number())
    action += ", " + text_of(plan["action"]) + " in " + duration_text(plan["action_in_s"].get<double>());
  std::printf("%s%s | %s %% | %s W | runtime %s | plan: %s%s\n",
              s["source"].value("simulated", false) ? "[SIMULATED] " : "", text_of(ups[var_name(&UpsStatus::flags)]).c_str(),
              num(&UpsStatus::charge_pct, "%.1f").c_str(), num(&UpsStatus::output_power_w, "%.1f").c_str(), runtime.c_str(),
              action.c_str(), s["source"].value("stale", false) ? " | DATA STALE" : "");
}

void print_plan(const json& p) {
  std::printf("State:        %s%s\n", text_of(p["state"]).c_str(), p.value("dry_run", false) ? " (dry run)" : "");
  std::printf("Action:       %s", text_of(p["action"]).c_str());
  if (p.contains("action_in_s") && p["action_in_s"].is_number())
    std::printf(" in %s", duration_text(p["action_in_s"].get<double>()).c_str());
  std::printf("\nReason:       %s\n", text_of(p["reason"]).c_str());
  auto dur = [&](const char* key) {
    return p.contains(key) && p[key].is_number() ? duration_text(p[key].get<double>()) : std::string("-");
  };
  std::printf("To 2 %%:       %s (uncertainty %s)\n", dur("runtime_to_2pct_s").c_str(), dur("uncertainty_s").c_str());
  std::printf("To empty:     %s\n", dur("runtime_to_empty_s").c_str());
  std::printf("Why:          %s\n", text_of(p["explanation"]).c_str());
}

RegisterCommand reg([](CLI::App& root) {
  struct Opts { std::shared_ptr<std::string> socket = std::make_shared<std::string>(); bool json = false, line = false; };
  auto st = std::make_shared<Opts>();
  auto* status = root.add_subcommand("status", "The UPS and the agent's plan, from aupsd");
  add_socket_option(status, st->socket);
  status->add_flag("--json", st->json, "print the snapshot (NUT variable names) as JSON");
  status->add_flag("--line", st->line, "one summary line (for live displays)");
  status->callback([st] {
    auto r = ask_agent(*st->socket, {{"cmd", "status"}}, "status");
    if (!r) return;
    if (st->json) std::printf("%s\n", (*r)["snapshot"].dump(1).c_str());
    else if (st->line) print_status_line((*r)["snapshot"]);
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
