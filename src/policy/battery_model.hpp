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

}  // namespace aups::policy
