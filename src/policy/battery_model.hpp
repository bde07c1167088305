#pragma once
// What the estimator knows about the pack before it has measured anything: the AUPS2-A20's
// figures (manual Table 1-3: 2S2P Li-ion, 5000 mAh, 7.4 V nominal) and a generic Li-ion
// open-circuit-voltage curve. Device knowledge as data; the estimator corrects it as it learns.
namespace aups::policy {

struct BatteryModel {
  int cells_in_series = 2;
  double design_capacity_ah = 5.0;
  double resistance_ohm = 0.10;         // pack internal resistance at 25 degC
  double converter_efficiency = 0.92;   // output power -> battery power when V*I is not reported
  double end_of_discharge_v = 5.5;      // Table 1-3; the cells' UVP trips lower (2 x 2.55 V)
  double max_discharge_a = 10.04;       // Table 1-3: discharge over-current protection
};

// Open-circuit voltage of one Li-ion cell at a state of charge (0..100 %).
double ocv_per_cell(double charge_pct);

// Energy (Wh) the pack delivers going from charge from_pct down to to_pct while current_a
// flows: the OCV integral minus the I*R sag (less usable energy at high current).
double usable_energy_wh(const BatteryModel& m, double capacity_ah, double from_pct, double to_pct,
                        double current_a, double temperature_c);

// Fraction of the capacity a Li-ion pack delivers at a temperature (cold -> less).
double temperature_factor(double temperature_c);

// Internal resistance grows in the cold.
double resistance_at(const BatteryModel& m, double temperature_c);

// At high load the pack stops before 2 %: its voltage sags below the end of discharge, or the
// current to hold the power trips the over-current protection. The highest charge at or below
// from_pct where that happens for a constant power_w, predicted from the pack's state now
// (terminal volts_now at amps_now discharge, internal resistance r_ohm); 0 when it never does.
double cutoff_charge_pct(const BatteryModel& m, double from_pct, double volts_now, double amps_now,
                         double power_w, double r_ohm);

}  // namespace aups::policy
