#include "sim/battery.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

#include "sim/device_spec.hpp"

namespace aups::sim {
namespace {

// Typical NMC 18650 OCV-SoC points (rested cell, 25 degC). Mean over 0..1 is ~3.74 V, so the
// pack holds 2 x 3.74 V x 5 Ah = 37.4 Wh, matching 7.4 V x 5000 mAh.
constexpr std::array<std::pair<double, double>, 17> kOcv{{
    {-0.05, 2.40}, {-0.02, 2.75}, {0.00, 3.00}, {0.05, 3.30}, {0.10, 3.45}, {0.20, 3.55},
    {0.30, 3.62}, {0.40, 3.68}, {0.50, 3.74}, {0.60, 3.81}, {0.70, 3.89}, {0.80, 3.98},
    {0.90, 4.07}, {1.00, 4.20}, {1.02, 4.26}, {1.05, 4.35}, {1.10, 4.50}}};

// Pack resistance when new at 25 degC and mid charge: 4 cells of ~60 mOhm in 2S2P (60 mOhm)
// plus protection FETs, fuse and wiring (~20 mOhm).
constexpr double kR0 = 0.080;
constexpr double kResistanceGrowthPerCycle = 0.5 / 300;  // +50 % after 300 cycles
// Thermal: ~250 J/K (four cells plus their share of the case) and 6 K/W to ambient: a time
// constant of 25 minutes, +7 K at a steady 4 A.
constexpr double kHeatCapacityJPerK = 250.0;
constexpr double kThermalResistanceKPerW = 6.0;

}  // namespace

double cell_ocv(double soc) {
  if (soc <= kOcv.front().first) return kOcv.front().second;
  if (soc >= kOcv.back().first) return kOcv.back().second;
  for (std::size_t i = 1; i < kOcv.size(); ++i) {
    if (soc <= kOcv[i].first) {
      const auto [s0, v0] = kOcv[i - 1];
      const auto [s1, v1] = kOcv[i];
      return v0 + (v1 - v0) * (soc - s0) / (s1 - s0);
    }
  }
  return kOcv.back().second;
}

BatteryPack::BatteryPack(double soc, double cycles, double temp_c)
    : q_ah_(0), cycles_(std::max(0.0, cycles)), temp_c_(temp_c) {
  q_ah_ = std::clamp(soc, 0.0, 1.0) * full_capacity_ah();
}

double BatteryPack::full_capacity_ah() const {
  const double fade_per_cycle = (1.0 - spec::kCapacityAfter300Cycles) / 300.0;
  return spec::kDesignCapacityAh * std::max(0.2, 1.0 - fade_per_cycle * cycles_);
}

double BatteryPack::ocv() const { return spec::kCellsInSeries * cell_ocv(soc()); }

double BatteryPack::resistance() const {
  const double age = 1.0 + kResistanceGrowthPerCycle * cycles_;
  // Electrolyte conductivity: roughly doubles per 23 K of cooling.
  const double temp = std::clamp(std::exp(0.03 * (25.0 - temp_c_)), 0.7, 5.0);
  // The last 15 % of charge sees rising resistance (diffusion limits).
  const double low = 1.0 + std::clamp((0.15 - soc()) / 0.15, 0.0, 2.0) * 0.5;
  return kR0 * age * temp * low;
}

double BatteryPack::discharge_current_for(double p_w) const {
  if (p_w <= 0) return 0;
  const double v = ocv(), r = resistance();
  const double disc = v * v - 4 * r * p_w;
  if (disc <= 0) return v / (2 * r);
  return (v - std::sqrt(disc)) / (2 * r);
}

void BatteryPack::advance(double current_a, double ambient_c, double dt_s) {
  const double dq = current_a * dt_s / 3600.0;
  q_ah_ += dq;
  if (dq < 0) {
    discharged_ah_ -= dq;
    // A cycle is one full-charge-capacity worth of discharge (Smart Battery convention).
    const double fcc = full_capacity_ah();
    while (discharged_ah_ >= fcc) {
      discharged_ah_ -= fcc;
      cycles_ += 1.0;
    }
  }
  const double heat_w = current_a * current_a * resistance();
  const double flow_w = (ambient_c - temp_c_) / kThermalResistanceKPerW;
  temp_c_ += (heat_w + flow_w) * dt_s / kHeatCapacityJPerK;
}

}  // namespace aups::sim
