#pragma once
// "Real UPSes lie": every device value is checked against physics and its own history before
// the planner uses it. Firmware reports runtime stuck at 65535 s, charge 0 right after an
// outage begins, low battery at 95 % charge, a low-battery threshold of 100 %, or data that
// stays stale after USB drops. Each rejection carries a reason the plan's explanation shows.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/ups_source.hpp"
#include "policy/battery_model.hpp"

namespace aups::policy {

// A reading with only the values that passed the checks.
struct CheckedReading {
  double t_s = 0;                 // clock time of the check
  bool fresh = false;             // connected, not stale, recent
  double age_s = 0;               // seconds since the device last sent data
  bool on_battery = false;        // as last reported (also when not fresh)
  bool forced_shutdown = false;   // FSD: the firmware has reached its shutdown point
  bool low_battery = false;       // LB, when believable
  std::optional<double> charge_pct;
  std::optional<double> runtime_s;      // the device's own time to empty
  std::optional<double> battery_power_w; // discharge power from pack V*I (> 0 discharging)
  std::optional<double> output_power_w;
  std::optional<double> battery_voltage, battery_current, temperature_c, capacity_ah;
  std::optional<double> load_pct, realpower_nominal_w;  // load as % of the nominal power
  std::vector<std::string> rejected;    // why device values were ignored, for people
};

class ReadingSanity {
 public:
  explicit ReadingSanity(BatteryModel model = {}, double stale_after_s = 10)
      : model_(model), stale_after_s_(stale_after_s) {}

  CheckedReading check(const UpsReading& r, double now_s);
  // battery.charge.low, for sources that report one; nullopt when unknown.
  void set_low_battery_threshold(std::optional<double> pct) { lb_threshold_ = pct; }
  // The device behind the readings was identified: its model replaces the one in use.
  void set_model(const BatteryModel& m) { model_ = m; }

 private:
  std::optional<double> check_charge(const UpsStatus& s, double now_s, std::vector<std::string>& why);
  std::optional<double> check_runtime(const UpsStatus& s, bool on_battery, double now_s, std::vector<std::string>& why);
  bool check_low_battery(const UpsStatus& s, std::optional<double> charge, std::vector<std::string>& why) const;
  // A device that answers but whose values do not move while it discharges is as good as lost.
  bool frozen(const UpsStatus& s, bool discharging, double now_s, std::vector<std::string>& why);

  BatteryModel model_;
  double stale_after_s_;
  std::optional<double> lb_threshold_;
  // Charge history: the last believed value, and a jump waiting to be confirmed.
  std::optional<double> charge_, charge_t_;
  std::optional<double> jump_value_, jump_since_;
  // Runtime history: how long the reported value has not moved.
  std::optional<double> runtime_value_;
  double runtime_since_ = 0;
  // Freeze detection: the values that must move on battery, and since when they have not.
  std::optional<std::array<std::optional<double>, 5>> moving_;
  double moving_since_ = 0;
};

}  // namespace aups::policy
