// `aupsctl drill --scenario NAME [--shutdown-seconds S] [--load W] [--cycles N] [--charge PCT] [--json]`:
// the real shutdown planner against the simulated UPS on a simulated clock, with dry-run
// actions; says when it decided, when the OS was down, and whether that was in time.
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "drill/drill.hpp"
#include "app/aupsctl/command.hpp"
#include "sim/scenario.hpp"

namespace aups::ctl {
namespace {

std::string at(const std::optional<double>& t) {
  if (!t) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f s", *t);
  return buf;
}

void print_human(const drill::DrillResult& r) {
  std::cout << "scenario " << r.scenario << ", OS shutdown " << r.shutdown_s << " s: " << (r.ok ? "OK" : "FAILED")
            << (r.needless ? " (needless shutdown)" : "") << "\n";
  if (!r.decision_t_s) {
    std::cout << "  no action was taken (" << at(r.simulated_s) << " simulated)\n";
    return;
  }
  std::printf("  decided %s at t=%s (charge %.1f %%, reason %s)\n", r.action.c_str(), at(r.decision_t_s).c_str(),
              r.charge_at_decision_pct.value_or(-1), r.reason.c_str());
  std::printf("  OS down at t=%s (charge %.1f %%), UPS output off at t=%s\n", at(r.os_down_t_s).c_str(),
              r.charge_at_os_down_pct.value_or(-1), at(r.firmware_off_t_s).c_str());
  std::printf("  truth without action: 2 %% at t=%s, output lost at t=%s; runtime left at decision %s, slack %s\n",
              at(r.truth_t_2pct_s).c_str(), at(r.truth_power_lost_t_s).c_str(),
              at(r.runtime_left_at_decision_s).c_str(), at(r.slack_s).c_str());
  std::cout << "  plan: " << r.explanation << "\n";
}

const RegisterCommand reg([](CLI::App& root) {
  auto opts = std::make_shared<drill::DrillOptions>();
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = root.add_subcommand("drill", "run the shutdown planner against a simulated outage (dry run)");
  cmd->add_option("--scenario", opts->scenario, "scenario name (assets/scenarios) or file")->required();
  cmd->add_option("--shutdown-seconds", opts->shutdown_s, "how long the OS takes to shut down (default 60)");
  cmd->add_option("--load", opts->load_w, "constant PC load in W instead of the scenario's");
  cmd->add_option("--cycles", opts->cycles, "battery age in charge cycles instead of the scenario's");
  cmd->add_option("--charge", opts->start_charge_pct, "battery charge in % at the start instead of the scenario's");
  cmd->add_flag("--json", *json, "print the result as JSON");
  cmd->callback([opts, json] {
    try {
      drill::DrillResult r = drill::run_drill(*opts);
      if (*json) std::cout << drill::to_json(r).dump() << "\n";
      else print_human(r);
      set_exit_code(r.ok && !r.needless ? 0 : 1);
    } catch (const sim::ScenarioError& e) {
      std::cerr << "aupsctl drill: " << e.what() << "\n";
      set_exit_code(2);
    } catch (const std::invalid_argument& e) {
      std::cerr << "aupsctl drill: " << e.what() << "\n";
      set_exit_code(2);
    }
  });
});

}  // namespace
}  // namespace aups::ctl
