#include "policy/policy_config.hpp"

#include <cmath>
#include <string>

namespace aups::policy {
namespace {

struct Field {
  const char* key;
  double PolicyConfig::*member;
  double min, max;
  const char* unit;
};
// Ranges: wide enough for any kiosk, narrow enough to catch typos (ms for s, % for fraction).
constexpr Field kFields[] = {
    {"margin_s", &PolicyConfig::margin_s, 0, 3600, "s"},
    {"charge_floor_pct", &PolicyConfig::charge_floor_pct, 0, 90, "%"},
    {"runtime_floor_s", &PolicyConfig::runtime_floor_s, 0, 7200, "s"},
    {"debounce_s", &PolicyConfig::debounce_s, 0, 300, "s"},
    {"comm_dead_time_s", &PolicyConfig::comm_dead_time_s, 1, 3600, "s"},
    {"warning_lead_s", &PolicyConfig::warning_lead_s, 0, 7200, "s"},
    {"critical_lead_s", &PolicyConfig::critical_lead_s, 0, 3600, "s"},
    {"shutdown_duration_s", &PolicyConfig::shutdown_duration_s, 1, 1800, "s"},
    {"sleep_duration_s", &PolicyConfig::sleep_duration_s, 1, 600, "s"},
};

std::string fmt(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

std::optional<SettingError> validate(const PolicyConfig& c) {
  for (const Field& f : kFields) {
    double v = c.*f.member;
    if (!std::isfinite(v) || v < f.min || v > f.max)
      return SettingError{f.key, fmt(v) + " " + f.unit + " is outside " + fmt(f.min) + ".." + fmt(f.max) + " " + f.unit};
  }
  if (c.charge_floor_pct != 0 && c.charge_floor_pct <= 2)
    return SettingError{"charge_floor_pct", "must be above 2 % (the UPS cuts power there) or 0 to disable"};
  if (c.critical_lead_s > c.warning_lead_s)
    return SettingError{"critical_lead_s", "must not exceed warning_lead_s"};
  return std::nullopt;
}

nlohmann::json to_json(const PolicyConfig& c) {
  nlohmann::json j = nlohmann::json::object();
  for (const Field& f : kFields) j[f.key] = c.*f.member;
  return j;
}

std::variant<PolicyConfig, SettingError> apply_policy_json(PolicyConfig base, const nlohmann::json& j) {
  if (!j.is_object()) return SettingError{"policy", "must be an object"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "dry_run")  // no client may turn a dry run into real power actions
      return SettingError{"dry_run", "cannot be changed here: a dry run is chosen when aupsd starts "
                                     "(dry_run in its config file, or --dry-run)"};
    const Field* field = nullptr;
    for (const Field& f : kFields)
      if (it.key() == f.key) field = &f;
    if (!field) return SettingError{it.key(), "is not a policy setting"};
    if (!it->is_number()) return SettingError{it.key(), "must be a number"};
    base.*field->member = it->get<double>();
  }
  if (auto err = validate(base)) return *err;
  return base;
}

}  // namespace aups::policy
