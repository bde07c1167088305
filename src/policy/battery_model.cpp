#include "policy/battery_model.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace aups::policy {
namespace {

// Typical NMC/LCO cell OCV (charge %, volts); piecewise linear between points.
constexpr std::array<std::pair<double, double>, 11> kOcv{{
    {0, 3.00}, {2, 3.30}, {5, 3.45}, {10, 3.55}, {20, 3.63}, {30, 3.68},
    {50, 3.77}, {70, 3.90}, {85, 4.02}, {95, 4.13}, {100, 4.20}}};

// Integral of the OCV curve from 0 to x (% * V).
double ocv_integral(double x) {
  x = std::clamp(x, 0.0, 100.0);
  double sum = 0;
  for (std::size_t i = 1; i < kOcv.size(); ++i) {
    auto [x0, v0] = kOcv[i - 1];
    auto [x1, v1] = kOcv[i];
    if (x <= x0) break;
    double end = std::min(x, x1);
    double v_end = v0 + (v1 - v0) * (end - x0) / (x1 - x0);
    sum += (end - x0) * (v0 + v_end) / 2;
  }
  return sum;
}

}  // namespace

double ocv_per_cell(double charge_pct) {
  charge_pct = std::clamp(charge_pct, 0.0, 100.0);
  for (std::size_t i = 1; i < kOcv.size(); ++i) {
    auto [x0, v0] = kOcv[i - 1];
    auto [x1, v1] = kOcv[i];
    if (charge_pct <= x1) return v0 + (v1 - v0) * (charge_pct - x0) / (x1 - x0);
  }
  return kOcv.back().second;
}

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
  // Resistance rises over the last 15 % (diffusion limits): a generic Li-ion shape.
  auto growth = [](double pct) { return 1.0 + 0.5 * std::clamp((15.0 - pct) / 15.0, 0.0, 1.0); };
  // Anchor the OCV curve to what the pack shows now, so only its slope comes from the model.
  double offset = volts_now + amps_now * r_ohm - m.cells_in_series * ocv_per_cell(from_pct);
  for (double pct = from_pct; pct > 0; pct -= 0.25) {
    double ocv = m.cells_in_series * ocv_per_cell(pct) + offset;
    double r = r_ohm * growth(pct) / growth(from_pct);
    double disc = ocv * ocv - 4 * power_w * r;
    if (disc <= 0) return pct;  // the pack cannot deliver this power at all
    double v = (ocv + std::sqrt(disc)) / 2;
    if (v < m.end_of_discharge_v || power_w / v > m.max_discharge_a) return pct;
  }
  return 0;
}

double usable_energy_wh(const BatteryModel& m, double capacity_ah, double from_pct, double to_pct,
                        double current_a, double temperature_c) {
  if (from_pct <= to_pct || capacity_ah <= 0) return 0;
  double ah = capacity_ah * (from_pct - to_pct) / 100.0;
  double ocv_part = m.cells_in_series * (ocv_integral(from_pct) - ocv_integral(to_pct)) / (from_pct - to_pct);
  double sag = std::max(0.0, current_a) * resistance_at(m, temperature_c);
  double volts = std::max(0.0, ocv_part - sag);
  return ah * volts * temperature_factor(temperature_c);
}

}  // namespace aups::policy
