#include "policy/plan.hpp"

#include <cmath>

#include "core/text.hpp"

namespace aups::policy {

const char* name(PlanState s) {
  switch (s) {
    case PlanState::Online: return "online";
    case PlanState::OnBattery: return "on_battery";
    case PlanState::Warning: return "warning";
    case PlanState::Critical: return "critical";
    case PlanState::ShutdownStarted: return "shutdown_started";
    case PlanState::PoweroffArmed: return "poweroff_armed";
  }
  return "?";
}

const char* name(PlanAction a) {
  switch (a) {
    case PlanAction::None: return "none";
    case PlanAction::Sleep: return "sleep";
    case PlanAction::Shutdown: return "shutdown";
  }
  return "?";
}

const char* name(PlanReason r) {
  switch (r) {
    case PlanReason::Runtime: return "runtime";
    case PlanReason::ChargeFloor: return "charge_floor";
    case PlanReason::RuntimeFloor: return "runtime_floor";
    case PlanReason::SleepAt5pct: return "sleep_at_5pct";
    case PlanReason::ShutdownAt2pct: return "shutdown_at_2pct";
    case PlanReason::CommLost: return "comm_lost";
    case PlanReason::LowBatteryFlag: return "low_battery_flag";
  }
  return "?";
}

std::string format_duration(double seconds) { return duration_text(seconds); }

nlohmann::json to_json(const Plan& p) {
  auto opt = [](const std::optional<double>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {{"state", name(p.state)},
          {"action", name(p.action)},
          {"reason", p.reason ? nlohmann::json(name(*p.reason)) : nlohmann::json(nullptr)},
          {"explanation", p.explanation},
          {"action_in_s", opt(p.action_in_s)},
          {"runtime_to_2pct_s", opt(p.runtime_to_2pct_s)},
          {"runtime_to_empty_s", opt(p.runtime_to_empty_s)},
          {"uncertainty_s", p.uncertainty_s},
          {"charge_pct", opt(p.charge_pct)},
          {"dry_run", p.dry_run}};
}

}  // namespace aups::policy
