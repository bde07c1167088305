#pragma once
// The agent's own estimate of time to 2 % (where the firmware cuts power) and to empty:
// remaining usable energy (charge x full-charge capacity x OCV, less I*R sag, less in the cold,
// scaled by what this pack has been seen to deliver) over a smoothed load. Blends in the
// device's RunTimeToEmpty only once it has proved consistent. Pure: fed checked readings.
#include <optional>
#include <string>
#include <vector>

#include "policy/battery_learning.hpp"
#include "policy/battery_model.hpp"
#include "policy/reading_sanity.hpp"

namespace aups::policy {

struct Estimate {
  std::optional<double> to_2pct_s;    // nullopt: nothing to estimate from
  std::optional<double> to_5pct_s;
  std::optional<double> to_empty_s;
  double cutoff_pct = 2;              // where the pack stops: 2 %, or higher at a high load
  double uncertainty_s = 0;           // one-sided: the truth is rarely shorter than est - unc
  std::optional<double> charge_pct;   // believed charge (device, or extrapolated while held)
  double load_w = 0;                  // smoothed battery discharge power
  double capacity_factor = 1;         // delivered / modelled energy in use now
  bool device_runtime_used = false;
  bool capacity_from_runtime = false; // no capacity known: calibrated from the device's runtime
  // Set when the device raises low battery but the agent's own measurements (battery voltage
  // against the model, the energy left at the measured discharge rate) say it is not: why.
  std::optional<std::string> low_battery_refuted;
  std::vector<std::string> notes;     // distrust and extrapolation, for the explanation
};

class RuntimeEstimator {
 public:
  explicit RuntimeEstimator(BatteryModel model = {}, BatteryLearning learning = {})
      : model_(model), learning_(learning) {}
  // The device behind the readings was identified: its model replaces the one in use.
  void set_model(const BatteryModel& m);
  const BatteryModel& model() const { return model_; }

  Estimate update(const CheckedReading& r);
  // Without new data (link lost): the last estimate run down by the elapsed time, with an
  // uncertainty that grows with it.
  Estimate extrapolate(double now_s) const;
  // The discharge ended (mains back, or the OS went down): learn from it.
  void end_discharge();

  const BatteryLearning& learning() const { return learning_; }
  void set_learning(const BatteryLearning& l) { learning_ = l; }
  // Delivered / modelled energy seen in the current discharge, once the drop says anything.
  std::optional<double> observed_factor() const;

 private:
  struct Discharge {
    double start_charge = 0, last_charge = 0;
    double energy_wh = 0;            // measured energy out of the pack
    double energy_at_change_wh = 0;  // ... when the charge last moved
    double model_wh = 0;             // what the model expected for the drop so far
    int samples = 0;
  };
  void smooth_power(double p, double dt);
  void track_discharge(const CheckedReading& r, double charge, double current_a, double temp_c, double dt);
  double blend_factor() const;
  void blend_device_runtime(const CheckedReading& r, Estimate& e, double dt);
  std::optional<double> capacity_ah(const CheckedReading& r) const;
  void calibrate_from_runtime(const CheckedReading& r, double current_a, double temp_c, double dt);
  std::optional<std::string> refute_low_battery(const CheckedReading& r, const Estimate& e, double current_a,
                                                double temp_c) const;

  BatteryModel model_;
  BatteryLearning learning_;
  std::optional<double> last_t_;
  std::optional<double> power_mean_;
  double power_var_ = 0;
  std::optional<double> charge_;      // believed charge
  std::optional<Discharge> discharge_;
  double device_err_ = 1, device_seen_s_ = 0;  // device runtime's relative error vs ours
  // Internal resistance measured from voltage steps when the current steps (mains lost, load
  // step): the OCV cannot move in a second, so dV/dI is the resistance.
  std::optional<double> resistance_;
  std::optional<double> prev_v_, prev_i_;
  // Capacity implied by the device's runtime, for a pack whose capacity the device does not say.
  std::optional<double> implied_capacity_ah_;
  void measure_resistance(const CheckedReading& r, double dt);
  Estimate last_;
  double last_fresh_t_ = 0;
};

}  // namespace aups::policy
