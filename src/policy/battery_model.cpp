#include "policy/battery_model.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <span>
#include <utility>

namespace aups::policy {
namespace {

using OcvPoint = std::pair<double, double>;  // (charge %, volts per cell); piecewise linear

// Typical NMC/LCO cell.
constexpr std::array<OcvPoint, 11> kLiIonOcv{{
    {0, 3.00}, {2, 3.30}, {5, 3.45}, {10, 3.55}, {20, 3.63}, {30, 3.68},
    {50, 3.77}, {70, 3.90}, {85, 4.02}, {95, 4.13}, {100, 4.20}}};
// VRLA cell at rest (a 12 V block: 11.3 V empty .. 12.73 V full).
constexpr std::array<OcvPoint, 11> kLeadAcidOcv{{
    {0, 1.885}, {10, 1.918}, {20, 1.943}, {30, 1.968}, {40, 1.993}, {50, 2.017},
    {60, 2.040}, {70, 2.062}, {80, 2.083}, {90, 2.103}, {100, 2.122}}};

// The figures of a chemistry: a table, not branches through the estimator.
struct ChemistryFigures {
  std::span<const OcvPoint> ocv;
  double nominal_cell_v;     // what "12 V" or "7.4 V" means per cell
  double charged_cell_v;     // on float/charge at full: divides a measured voltage into cells
  double end_cell_v;         // end of discharge under load
  double resting_cell_v;     // a cell resting this high is not at 0..5 %
  double max_cell_v;         // above this the voltage is not this pack's
  double ohm_ah_per_cell;    // internal resistance x capacity, per cell
  double peukert;
  int cells_per_block;       // packs come in blocks of this many cells (12 V lead-acid)
};
constexpr ChemistryFigures kLiIon{kLiIonOcv, 3.7, 4.1, 3.0, 3.65, 4.35, 0.125, 1.0, 1};
constexpr ChemistryFigures kLeadAcid{kLeadAcidOcv, 2.0, 2.26, 1.75, 2.05, 2.45, 0.03, 1.15, 6};

const ChemistryFigures& figures(Chemistry c) { return c == Chemistry::LiIon ? kLiIon : kLeadAcid; }

double ocv_at(std::span<const OcvPoint> t, double x) {
  x = std::clamp(x, 0.0, 100.0);
  for (std::size_t i = 1; i < t.size(); ++i) {
    auto [x0, v0] = t[i - 1];
    auto [x1, v1] = t[i];
    if (x <= x1) return v0 + (v1 - v0) * (x - x0) / (x1 - x0);
  }
  return t.back().second;
}

// Integral of the OCV curve from 0 to x (% * V).
double ocv_integral(std::span<const OcvPoint> t, double x) {
  x = std::clamp(x, 0.0, 100.0);
  double sum = 0;
  for (std::size_t i = 1; i < t.size(); ++i) {
    auto [x0, v0] = t[i - 1];
    auto [x1, v1] = t[i];
    if (x <= x0) break;
    double end = std::min(x, x1);
    double v_end = v0 + (v1 - v0) * (end - x0) / (x1 - x0);
    sum += (end - x0) * (v0 + v_end) / 2;
  }
  return sum;
}

bool contains_word(std::string text, std::string_view word) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text.find(word) != std::string::npos;
}

}  // namespace

bool is_aups2_a20(const UpsIdentity& id) { return contains_word(id.model, "aups2"); }

BatteryModel battery_model_for(const UpsReading& r) {
  if (is_aups2_a20(r.identity)) return BatteryModel{};
  const UpsStatus& s = r.status;
  BatteryModel m;
  // NUT's battery.type ("PbAc", "Li-ion", "LiFePO4"); without it, a UPS is most likely VRLA.
  bool li = contains_word(s.battery_type, "li");
  m.chemistry = li ? Chemistry::LiIon : Chemistry::LeadAcid;
  const ChemistryFigures& f = figures(m.chemistry);
  m.basis = li ? "the device's battery type (Li-ion)"
               : (s.battery_type.empty() ? "lead-acid assumed (the device names no battery type)"
                                         : "the device's battery type (" + s.battery_type + ")");
  // Cells: from the nominal voltage, else from the measured one (whole blocks of cells).
  double block_v = f.cells_per_block;
  if (s.battery_voltage_nominal && *s.battery_voltage_nominal > 0) {
    m.cells_in_series = std::max(1, static_cast<int>(std::lround(*s.battery_voltage_nominal / f.nominal_cell_v)));
    m.basis += ", nominal " + std::to_string(std::lround(*s.battery_voltage_nominal)) + " V";
  } else if (s.battery_voltage && *s.battery_voltage > 0) {
    long blocks = std::max(1L, std::lround(*s.battery_voltage / (block_v * f.charged_cell_v)));
    m.cells_in_series = static_cast<int>(blocks) * f.cells_per_block;
    m.basis += ", " + std::to_string(std::lround(m.cells_in_series * f.nominal_cell_v)) + " V pack from its voltage";
  }
  m.end_of_discharge_v = m.cells_in_series * f.end_cell_v;
  m.peukert = f.peukert;
  m.max_discharge_a.reset();  // no protection figures for an unknown pack
  m.design_capacity_ah.reset();
  m.resistance_ohm = 0;
  std::optional<double> ah = s.full_charge_capacity_ah ? s.full_charge_capacity_ah : s.design_capacity_ah;
  if (ah && *ah > 0 && *ah < 1000) {
    m.design_capacity_ah = *ah;
    m.resistance_ohm = m.cells_in_series * f.ohm_ah_per_cell / *ah;
    m.basis += format_text(", %.1f Ah reported", *ah);
  } else {
    m.basis += "; capacity not reported: the device's runtime calibrates it";
  }
  return m;
}

double ocv_per_cell(const BatteryModel& m, double charge_pct) { return ocv_at(figures(m.chemistry).ocv, charge_pct); }
double resting_cell_v(const BatteryModel& m) { return figures(m.chemistry).resting_cell_v; }
double max_cell_v(const BatteryModel& m) { return figures(m.chemistry).max_cell_v; }

double resistance_at(const BatteryModel& m, double temperature_c) {
  return m.resistance_ohm * (1.0 + 0.02 * std::max(0.0, 25.0 - temperature_c));
}

double temperature_factor(double temperature_c) {
  if (temperature_c >= 20) return 1.0;
  return std::max(0.6, 1.0 - 0.01 * (20.0 - temperature_c));
}

double cutoff_charge_pct(const BatteryModel& m, double from_pct, double volts_now, double amps_now,
                         double power_w, double r_ohm) {
  if (power_w <= 0 || r_ohm <= 0) return 0;
  // Resistance rises over the last 15 % (diffusion limits): a generic shape.
  auto growth = [](double pct) { return 1.0 + 0.5 * std::clamp((15.0 - pct) / 15.0, 0.0, 1.0); };
  // Anchor the OCV curve to what the pack shows now, so only its slope comes from the model.
  double offset = volts_now + amps_now * r_ohm - m.cells_in_series * ocv_per_cell(m, from_pct);
  for (double pct = from_pct; pct > 0; pct -= 0.25) {
    double ocv = m.cells_in_series * ocv_per_cell(m, pct) + offset;
    double r = r_ohm * growth(pct) / growth(from_pct);
    double disc = ocv * ocv - 4 * power_w * r;
    if (disc <= 0) return pct;  // the pack cannot deliver this power at all
    double v = (ocv + std::sqrt(disc)) / 2;
    if (v < m.end_of_discharge_v || (m.max_discharge_a && power_w / v > *m.max_discharge_a)) return pct;
  }
  return 0;
}

double usable_energy_wh(const BatteryModel& m, double capacity_ah, double from_pct, double to_pct,
                        double current_a, double temperature_c) {
  if (from_pct <= to_pct || capacity_ah <= 0) return 0;
  const auto& ocv = figures(m.chemistry).ocv;
  // Peukert: above the rated current the pack delivers less of its rated capacity.
  double rated_a = capacity_ah / m.rated_hours;
  double rate_factor = m.peukert > 1 && current_a > rated_a ? std::pow(rated_a / current_a, m.peukert - 1) : 1.0;
  double ah = capacity_ah * rate_factor * (from_pct - to_pct) / 100.0;
  double ocv_part = m.cells_in_series * (ocv_integral(ocv, from_pct) - ocv_integral(ocv, to_pct)) / (from_pct - to_pct);
  double sag = std::max(0.0, current_a) * resistance_at(m, temperature_c);
  double volts = std::max(0.0, ocv_part - sag);
  return ah * volts * temperature_factor(temperature_c);
}

}  // namespace aups::policy
