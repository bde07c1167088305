#pragma once
// The shutdown policy's knobs, with defaults that keep a kiosk up as long as safely possible,
// and validation that names what is wrong (a bad policy is refused, the old one is kept).
#include <optional>
#include <variant>

#include <nlohmann/json.hpp>

#include "core/settings.hpp"

namespace aups::policy {

struct PolicyConfig {
  double margin_s = 120;            // added to the OS shutdown duration: the OS is down this early
  double charge_floor_pct = 3;      // act at or below this charge whatever the estimate (0 = off)
  double runtime_floor_s = 0;       // act when predicted time to 2 % falls to this (0 = off)
  double debounce_s = 5;            // outages shorter than this raise no alarm
  double comm_dead_time_s = 30;     // no fresh data this long while on battery counts as critical
  double warning_lead_s = 300;      // warning this long before the action
  double critical_lead_s = 60;      // critical in the last minute before the action
  double shutdown_duration_s = 60;  // OS shutdown duration until one has been measured
  double sleep_duration_s = 15;     // time for (hybrid) sleep to complete
  // No dry_run here: a dry run is the agent's, fixed at its start (AgentConfig), never settable.
  bool operator==(const PolicyConfig&) const = default;
};

std::optional<SettingError> validate(const PolicyConfig& c);

// Policy as JSON ("policy" object of settings.get/set), and a partial update of it.
nlohmann::json to_json(const PolicyConfig& c);
// Applies the keys present in j to base; unknown keys or wrong types are an error.
std::variant<PolicyConfig, SettingError> apply_policy_json(PolicyConfig base, const nlohmann::json& j);

}  // namespace aups::policy
