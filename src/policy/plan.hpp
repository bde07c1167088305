#pragma once
// The shutdown plan: where the planner's state machine stands, what it will do, when and why,
// in words for people (aupsctl plan, the overlay) and as the IPC "plan" object (docs/ipc.md).
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace aups::policy {

// online -> on_battery -> warning -> critical -> shutdown_started -> poweroff_armed.
// shutdown_started is the point of no return.
enum class PlanState { Online, OnBattery, Warning, Critical, ShutdownStarted, PoweroffArmed };
enum class PlanAction { None, Sleep, Shutdown };
enum class PlanReason { Runtime, ChargeFloor, RuntimeFloor, SleepAt5pct, ShutdownAt2pct, CommLost, LowBatteryFlag };

const char* name(PlanState s);   // "online", "on_battery", ...
const char* name(PlanAction a);  // "none", "sleep", "shutdown"
const char* name(PlanReason r);  // "runtime", "charge_floor", ...

struct Plan {
  PlanState state = PlanState::Online;
  PlanAction action = PlanAction::None;   // what will be (or was) done
  std::optional<PlanReason> reason;       // why; absent when nothing is planned
  std::string explanation;
  std::optional<double> action_in_s;      // 0 once decided
  std::optional<double> runtime_to_2pct_s, runtime_to_empty_s;
  double uncertainty_s = 0;
  std::optional<double> charge_pct;       // believed charge
  bool dry_run = false;

  bool decided() const { return state == PlanState::ShutdownStarted || state == PlanState::PoweroffArmed; }
  bool operator==(const Plan&) const = default;
};

nlohmann::json to_json(const Plan& p);

// core/text.hpp duration_text, under the name the policy module uses.
std::string format_duration(double seconds);

}  // namespace aups::policy
