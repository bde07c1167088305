#pragma once
// A shutdown drill: the real ShutdownPlanner against the simulated UPS on an injected clock
// (1 s steps), with dry-run actions. When the planner starts the shutdown the simulated OS
// takes a given time to be down; then the kill-power path tells the UPS to switch its output
// off after its off delay. A twin simulator that never acts gives the truth: when the battery
// would have reached 2 %, so a decision can be judged too late or needless.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "policy/policy_config.hpp"

namespace aups::drill {

struct DrillOptions {
  std::string scenario = "long-outage";     // name in assets/scenarios, or a path
  double shutdown_s = 60;                   // how long the simulated OS takes to be down
  std::optional<double> load_w;             // constant PC load instead of the scenario's
  std::optional<int> cycles;                // battery age instead of the scenario's
  std::optional<double> start_charge_pct;   // charge at t = 0 instead of the scenario's
  std::optional<bool> sleep_at_5pct;        // UPS setting instead of the device default
  policy::PolicyConfig policy;              // a drill is always a dry run
  double standby_w = 0.0;                   // PC load once the OS is down
};

struct DrillResult {
  std::string scenario;
  double shutdown_s = 0;
  std::optional<double> decision_t_s;       // when the planner decided (none: no action)
  std::string action = "none", reason;      // what it decided and why
  std::string explanation;                  // the plan's words at the decision
  std::optional<double> charge_at_decision_pct;
  std::optional<double> predicted_to_2pct_s, uncertainty_s;  // the plan at the decision
  std::optional<double> os_down_t_s;        // OS down (or asleep)
  std::optional<double> charge_at_os_down_pct;
  std::optional<double> firmware_off_t_s;   // the UPS output went off
  std::optional<double> truth_t_2pct_s;     // the twin (no action) reached 2 % in that outage
  std::optional<double> truth_power_lost_t_s;  // ... or lost its output first (UVP at high load)
  std::optional<double> runtime_left_at_decision_s;  // earlier of the two - decision
  std::optional<double> slack_s;            // earlier of the two - os_down
  bool needless = false;
  bool ok = false;
  double simulated_s = 0;
};

// Throws sim::ScenarioError for an unknown or bad scenario, std::invalid_argument for bad options.
DrillResult run_drill(const DrillOptions& options);
nlohmann::json to_json(const DrillResult& r);

}  // namespace aups::drill
