#pragma once
// What the estimator knows about a pack before it has measured anything. The default is the
// AUPS2-A20's figures (manual Table 1-3: 2S2P Li-ion, 5000 mAh, 7.4 V nominal); any other
// device gets a model built from what it reports (battery_model_for): its chemistry, nominal
// voltage and capacity where it says them, and nothing guessed where it does not - then the
// estimator leans on the device's own runtime and low-battery flag. Device knowledge as data;
// the estimator corrects it as it learns.
#include <optional>
#include <string>

#include "core/ups_source.hpp"

namespace aups::policy {

enum class Chemistry { LiIon, LeadAcid };

struct BatteryModel {
  Chemistry chemistry = Chemistry::LiIon;
  int cells_in_series = 2;
  // Capacity at the rated (slow) discharge; nullopt: unknown, the device's runtime calibrates it.
  std::optional<double> design_capacity_ah = 5.0;
  double resistance_ohm = 0.10;         // pack internal resistance at 25 degC; 0: unknown
  double converter_efficiency = 0.92;   // output power -> battery power when V*I is not reported
  double end_of_discharge_v = 5.5;      // Table 1-3; the cells' UVP trips lower (2 x 2.55 V)
  std::optional<double> max_discharge_a = 10.04;  // Table 1-3: discharge over-current protection
  double peukert = 1.0;                 // lead-acid: delivered capacity falls with the rate
  double rated_hours = 20;              // the rate design_capacity_ah is given at (C20)
  std::string basis = "AUPS2-A20 product figures";  // where the figures came from, for people
  bool operator==(const BatteryModel&) const = default;
};

// The AUPS2-A20 keeps its product model; any other device gets one from its own figures.
bool is_aups2_a20(const UpsIdentity& id);
BatteryModel battery_model_for(const UpsReading& r);

// Open-circuit voltage of one cell of the model's chemistry at a state of charge (0..100 %).
double ocv_per_cell(const BatteryModel& m, double charge_pct);
inline double ocv_per_cell(double charge_pct) { return ocv_per_cell(BatteryModel{}, charge_pct); }
// A cell resting at or above this voltage is not at 0..5 % (and below the max, fits this pack).
double resting_cell_v(const BatteryModel& m);
double max_cell_v(const BatteryModel& m);

// Energy (Wh) the pack delivers going from charge from_pct down to to_pct while current_a
// flows: the OCV integral minus the I*R sag (less usable energy at high current), and for
// lead-acid less again at a rate above the rated one (Peukert).
double usable_energy_wh(const BatteryModel& m, double capacity_ah, double from_pct, double to_pct,
                        double current_a, double temperature_c);

// Fraction of the capacity a pack delivers at a temperature (cold -> less).
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
