#include "policy/reading_sanity.hpp"
#include "core/text.hpp"

#include <cmath>
#include <cstdio>

namespace aups::policy {
namespace {

constexpr double kRuntimeSentinelS = 65535;   // "unknown" in many firmwares (0xFFFF)
constexpr double kRuntimeStuckS = 60;         // unchanged this long on battery: stuck
constexpr double kMaxDrainPctPerMin = 3;      // 50 W from a 37 Wh pack drains ~2.3 %/min
constexpr double kJumpSlackPct = 5;
constexpr double kJumpConfirmS = 120;         // a jump that persists this long is believed
constexpr double kLbBelievableBelowPct = 30;
constexpr double kMinFrozenS = 300;           // values may rest this long on battery at any load
constexpr double kFrozenSteps = 3;            // ... or this many 1 % steps' worth at the present load
constexpr double kFrozenUnknownS = 600;       // when nothing tells how fast the charge should move

template <class... Args>
std::string fmt(const char* format, Args... args) { return format_text(format, static_cast<double>(args)...); }

}  // namespace

CheckedReading ReadingSanity::check(const UpsReading& r, double now_s) {
  CheckedReading out;
  out.t_s = now_s;
  out.age_s = std::max(0.0, now_s - r.updated_s);
  const UpsStatus& s = r.status;
  out.on_battery = s.flags.has(StatusFlag::OB) || (!s.mains_present && !s.flags.has(StatusFlag::OL));
  out.fresh = r.connected && !r.stale && out.age_s <= stale_after_s_;
  if (out.fresh && frozen(s, out.on_battery, now_s, out.rejected)) out.fresh = false;
  if (!out.fresh) {
    if (out.rejected.empty()) out.rejected.push_back(fmt("device data is stale (%.0f s old)", out.age_s));
    return out;  // nothing in it is current; the planner extrapolates
  }
  out.forced_shutdown = s.flags.has(StatusFlag::FSD);
  out.output_power_w = s.output_power_w;
  out.battery_voltage = s.battery_voltage;
  out.battery_current = s.battery_current;
  out.temperature_c = s.temperature_c;
  out.capacity_ah = s.full_charge_capacity_ah ? s.full_charge_capacity_ah : s.design_capacity_ah;
  out.load_pct = s.load_pct;
  out.realpower_nominal_w = s.realpower_nominal_w;
  if (out.capacity_ah && !(*out.capacity_ah > 0 && *out.capacity_ah < 1000)) {
    out.rejected.push_back(fmt("capacity %.1f Ah is implausible", *out.capacity_ah));
    out.capacity_ah.reset();
  }
  if (s.battery_voltage && s.battery_current && *s.battery_current < 0)
    out.battery_power_w = *s.battery_voltage * -*s.battery_current;
  out.charge_pct = check_charge(s, now_s, out.rejected);
  out.runtime_s = check_runtime(s, out.on_battery, now_s, out.rejected);
  out.low_battery = check_low_battery(s, out.charge_pct, out.rejected);
  return out;
}

std::optional<double> ReadingSanity::check_charge(const UpsStatus& s, double now_s, std::vector<std::string>& why) {
  if (!s.charge_pct) return std::nullopt;
  double c = *s.charge_pct;
  if (!std::isfinite(c) || c < 0 || c > 100) {
    why.push_back(fmt("charge %.0f %% is out of range", c));
    return std::nullopt;
  }
  // A pack far above its empty voltage is not empty (only when the voltage fits this pack).
  double cells = model_.cells_in_series;
  if (c <= 5 && s.battery_voltage && *s.battery_voltage >= cells * resting_cell_v(model_) &&
      *s.battery_voltage <= cells * max_cell_v(model_)) {
    why.push_back(fmt("charge %.0f %% contradicts battery voltage %.2f V", c, *s.battery_voltage));
    return std::nullopt;
  }
  if (charge_ && charge_t_) {
    double minutes = std::max(0.0, now_s - *charge_t_) / 60.0;
    double change = c - *charge_;
    bool implausible = -change > kJumpSlackPct + kMaxDrainPctPerMin * minutes ||
                       (s.flags.has(StatusFlag::OB) && change > kJumpSlackPct);
    if (implausible) {
      if (!jump_value_ || std::abs(*jump_value_ - c) > 2) jump_value_ = c, jump_since_ = now_s;
      if (now_s - *jump_since_ < kJumpConfirmS) {
        why.push_back(fmt("charge jumped from %.0f %% to %.0f %%; holding %.0f s for confirmation", *charge_, c,
                          kJumpConfirmS));
        return std::nullopt;
      }
    }
  }
  jump_value_.reset();
  charge_ = c;
  charge_t_ = now_s;
  return c;
}

std::optional<double> ReadingSanity::check_runtime(const UpsStatus& s, bool on_battery, double now_s,
                                                   std::vector<std::string>& why) {
  if (!s.runtime_s) return std::nullopt;
  double rt = *s.runtime_s;
  if (!std::isfinite(rt) || rt < 0) {
    why.push_back(fmt("runtime %.0f s is negative", rt));
    return std::nullopt;
  }
  if (rt >= kRuntimeSentinelS) {
    why.push_back(fmt("runtime %.0f s is the firmware's 'unknown' sentinel", rt));
    return std::nullopt;
  }
  if (!runtime_value_ || std::abs(*runtime_value_ - rt) >= 0.5 || !on_battery) {
    runtime_value_ = rt;
    runtime_since_ = now_s;
  } else if (now_s - runtime_since_ >= kRuntimeStuckS) {
    why.push_back(fmt("runtime stuck at %.0f s for %.0f s on battery", rt, now_s - runtime_since_));
    return std::nullopt;
  }
  if (s.charge_pct && *s.charge_pct >= 20 && rt == 0) {
    why.push_back(fmt("runtime 0 s contradicts charge %.0f %%", *s.charge_pct));
    return std::nullopt;
  }
  return rt;
}

bool ReadingSanity::frozen(const UpsStatus& s, bool on_battery, double now_s, std::vector<std::string>& why) {
  std::array<std::optional<double>, 5> now{s.charge_pct, s.battery_voltage, s.battery_current, s.runtime_s,
                                           s.output_power_w};
  bool reports_any = s.charge_pct || s.battery_voltage;
  if (!on_battery || !reports_any || !moving_ || *moving_ != now) {
    moving_ = now;
    moving_since_ = now_s;
    return false;
  }
  // How long one 1 % step takes at the present load: from the device's runtime, else from the
  // model's energy; the values may rest a few steps' worth (a slow gauge at a light load).
  std::optional<double> per_pct_s;
  if (s.runtime_s && s.charge_pct && *s.charge_pct > 1) per_pct_s = *s.runtime_s / *s.charge_pct;
  else if (model_.design_capacity_ah && s.output_power_w && *s.output_power_w > 0)
    per_pct_s = *model_.design_capacity_ah * model_.cells_in_series * ocv_per_cell(model_, 50) * 36 / *s.output_power_w;
  double allowed = per_pct_s ? std::max(kMinFrozenS, kFrozenSteps * *per_pct_s) : kFrozenUnknownS;
  double held = now_s - moving_since_;
  if (held <= allowed) return false;
  why.push_back(fmt("charge and voltage unchanged for %.0f s on battery (allowed %.0f s): the device answers but "
                    "its values are frozen; treated as lost",
                    held, allowed));
  return true;
}

bool ReadingSanity::check_low_battery(const UpsStatus& s, std::optional<double> charge,
                                      std::vector<std::string>& why) const {
  if (lb_threshold_ && (*lb_threshold_ >= 50 || *lb_threshold_ <= 0)) {
    why.push_back(fmt("low-battery threshold of %.0f %% is implausible; low battery flag ignored", *lb_threshold_));
    return false;
  }
  if (!s.flags.has(StatusFlag::LB)) return false;
  if (charge && *charge > kLbBelievableBelowPct) {
    why.push_back(fmt("low battery flag at %.0f %% charge ignored", *charge));
    return false;
  }
  return true;
}

}  // namespace aups::policy
