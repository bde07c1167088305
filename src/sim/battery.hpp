#pragma once
// The 2S2P Li-ion pack: charge bookkeeping, open-circuit voltage, internal resistance,
// temperature and ageing. Pure physics; the protections and firmware decide what flows.
#include <optional>

namespace aups::sim {

// Open-circuit voltage of one Li-ion (NMC) cell at state of charge soc (0 = the pack's rated
// empty, 1 = full at 4.2 V). Slightly outside 0..1 the curve continues steeply (over-discharge,
// over-charge) so the protections can be reached.
double cell_ocv(double soc);

class BatteryPack {
 public:
  BatteryPack(double soc, double cycles, double temp_c);

  double full_capacity_ah() const;  // fades linearly with cycles
  double soc() const { return q_ah_ / full_capacity_ah(); }
  double charge_ah() const { return q_ah_; }
  double ocv() const;                // pack, V
  double resistance() const;         // pack, ohm: higher when cold, aged or nearly empty
  double terminal_voltage(double current_a) const { return ocv() + current_a * resistance(); }
  double temperature_c() const { return temp_c_; }
  double cycles() const { return cycles_; }

  // Discharge current (A, positive) that delivers p_w from the pack terminals; at the pack's
  // maximum-power point when it cannot deliver that much (the voltage collapses).
  double discharge_current_for(double p_w) const;

  // current_a: + charging, - discharging. Updates charge, cycle count and temperature.
  void advance(double current_a, double ambient_c, double dt_s);
  // The fuel gauge learns "full" at charge termination.
  void mark_full() { q_ah_ = full_capacity_ah(); }

 private:
  double q_ah_;        // charge above the rated empty point
  double cycles_;
  double temp_c_;
  double discharged_ah_ = 0;  // since the last whole cycle
};

}  // namespace aups::sim
