#include "policy/runtime_estimator.hpp"
#include "core/text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace aups::policy {
namespace {

constexpr double kRiseTauS = 3;        // a load step counts almost at once
constexpr double kFallTauS = 60;       // a load drop is believed slowly
constexpr double kMinLoadW = 0.5;
constexpr double kMaxGapS = 30;        // longer gaps are not integrated
constexpr double kDeviceTrustErr = 0.15;
constexpr double kDeviceTrustAfterS = 120;
constexpr double kExtrapolationDoubt = 0.5;  // unc grows this many s per s without data
constexpr double kCalibrationTauS = 120;     // the implied capacity follows the device's runtime slowly
constexpr double kMinCalibrationPct = 10;    // below, runtime / charge says too little
constexpr double kMinMeasuredDropPct = 3;    // a discharge measured over this drop is evidence

double ewma_alpha(double dt, double tau) { return 1.0 - std::exp(-std::max(0.0, dt) / tau); }

template <class... Args>
std::string note(const char* format, Args... args) { return format_text(format, static_cast<double>(args)...); }

}  // namespace

void RuntimeEstimator::set_model(const BatteryModel& m) {
  if (m == model_) return;
  model_ = m;
  resistance_.reset();  // measured on another pack's terms
  implied_capacity_ah_.reset();
}

void RuntimeEstimator::measure_resistance(const CheckedReading& r, double dt) {
  if (!r.battery_voltage || !r.battery_current) return;
  if (prev_v_ && dt > 0 && dt <= 2 && std::abs(*r.battery_current - *prev_i_) >= 1.0) {
    double ohm = (*r.battery_voltage - *prev_v_) / (*r.battery_current - *prev_i_);
    // Plausible per cell: Li-ion 10..250 mOhm, lead-acid (large cells) from 1 mOhm.
    double lo = (model_.chemistry == Chemistry::LiIon ? 0.01 : 0.001) * model_.cells_in_series;
    double hi = 0.25 * model_.cells_in_series;
    if (ohm >= lo && ohm <= hi) resistance_ = resistance_ ? 0.5 * (*resistance_ + ohm) : ohm;
  }
  prev_v_ = r.battery_voltage;
  prev_i_ = r.battery_current;
}

void RuntimeEstimator::smooth_power(double p, double dt) {
  if (!power_mean_) {
    power_mean_ = p;
    return;
  }
  double a = ewma_alpha(dt, p > *power_mean_ ? kRiseTauS : kFallTauS);
  double dev = p - *power_mean_;
  *power_mean_ += a * dev;
  power_var_ += ewma_alpha(dt, kFallTauS) * (dev * dev - power_var_);
}

void RuntimeEstimator::track_discharge(const CheckedReading& r, double charge, double current_a, double temp_c,
                                       double dt) {
  if (!discharge_) {
    discharge_ = Discharge{charge, charge, 0, 0, 0, 0};
    return;
  }
  Discharge& d = *discharge_;
  ++d.samples;
  if (power_mean_ && dt <= kMaxGapS) d.energy_wh += (r.battery_power_w ? *r.battery_power_w : *power_mean_) * dt / 3600;
  if (r.charge_pct && *r.charge_pct < d.last_charge) {
    double cap = capacity_ah(r).value_or(0);
    d.model_wh += usable_energy_wh(model_, cap, d.last_charge, *r.charge_pct, current_a, temp_c);
    d.last_charge = *r.charge_pct;
    d.energy_at_change_wh = d.energy_wh;
  }
}

std::optional<double> RuntimeEstimator::observed_factor() const {
  if (!discharge_ || discharge_->model_wh <= 0) return std::nullopt;
  return std::clamp(discharge_->energy_at_change_wh / discharge_->model_wh, 0.3, 1.5);
}

double RuntimeEstimator::blend_factor() const {
  auto observed = observed_factor();
  if (!observed) return learning_.capacity_factor;
  double drop = discharge_->start_charge - discharge_->last_charge;
  double w = drop / (drop + 5);  // a 1 % step of a quantised gauge says little; 30 % says much
  return w * *observed + (1 - w) * learning_.capacity_factor;
}

void RuntimeEstimator::end_discharge() {
  if (auto f = observed_factor()) learning_.learn_discharge(*f, discharge_->start_charge - discharge_->last_charge);
  discharge_.reset();
}

std::optional<double> RuntimeEstimator::capacity_ah(const CheckedReading& r) const {
  if (r.capacity_ah) return r.capacity_ah;
  if (model_.design_capacity_ah) return model_.design_capacity_ah;
  return implied_capacity_ah_;
}

// A pack whose capacity nobody stated: the capacity that makes the model agree with the
// device's own runtime at the present load. Its runtime then leads; the agent's model only
// adds what the device's figure leaves out (load changes at once, the cut-off, learning).
void RuntimeEstimator::calibrate_from_runtime(const CheckedReading& r, double current_a, double temp_c, double dt) {
  if (r.capacity_ah || model_.design_capacity_ah || !r.runtime_s || !charge_ || *charge_ < kMinCalibrationPct ||
      !power_mean_ || *power_mean_ < kMinLoadW)
    return;
  double want_wh = *r.runtime_s * *power_mean_ / 3600 / learning_.capacity_factor;
  double cap = implied_capacity_ah_.value_or(1.0);
  for (int i = 0; i < 8; ++i) {  // Peukert makes energy per Ah depend on the capacity: iterate
    double per_ah = usable_energy_wh(model_, cap, *charge_, 0, current_a, temp_c) / cap;
    if (per_ah <= 0) return;
    cap = want_wh / per_ah;
  }
  if (!std::isfinite(cap) || cap <= 0) return;
  implied_capacity_ah_ = implied_capacity_ah_ ? *implied_capacity_ah_ + ewma_alpha(dt, kCalibrationTauS) * (cap - *implied_capacity_ah_)
                                              : cap;
}

std::optional<std::string> RuntimeEstimator::refute_low_battery(const CheckedReading& r, const Estimate& e,
                                                                double current_a, double temp_c) const {
  if (!r.low_battery || !r.on_battery || e.capacity_from_runtime || !e.to_2pct_s || !r.battery_voltage || !charge_)
    return std::nullopt;
  // Loaded voltage plus the sag is the open-circuit voltage. Near the pack's end of discharge
  // the flag stands whatever else is known.
  double ohm = std::max(resistance_.value_or(0), resistance_at(model_, temp_c));
  double ocv = *r.battery_voltage + current_a * ohm;
  if (ocv < model_.end_of_discharge_v + 0.1 * model_.cells_in_series) return std::nullopt;
  // Evidence the pack is not near its end: its voltage clearly above the model's at the 2 %
  // cut point, or this discharge's own energy count over a real drop.
  bool voltage_says = ocv >= model_.cells_in_series * (ocv_per_cell(model_, 2) + 0.05);
  bool rate_says = observed_factor() && discharge_->start_charge - discharge_->last_charge >= kMinMeasuredDropPct;
  if (!voltage_says && !rate_says) return std::nullopt;
  return note("low battery flag at %.0f %% overruled: battery %.2f V at %.0f W leaves %.0f s to 2 %% by the agent's "
              "measurements",
              *charge_, *r.battery_voltage, e.load_w, *e.to_2pct_s);
}

Estimate RuntimeEstimator::update(const CheckedReading& r) {
  if (!r.fresh) return extrapolate(r.t_s);
  double dt = last_t_ ? std::clamp(r.t_s - *last_t_, 0.0, kMaxGapS) : 0;
  last_t_ = r.t_s;
  last_fresh_t_ = r.t_s;
  Estimate e;
  e.notes = r.rejected;

  // Load: what the pack delivers (on mains: what it would deliver).
  std::optional<double> p;
  if (r.on_battery && r.battery_power_w) p = *r.battery_power_w;
  else if (r.output_power_w) p = *r.output_power_w / model_.converter_efficiency;
  else if (r.load_pct && r.realpower_nominal_w) p = *r.load_pct / 100 * *r.realpower_nominal_w / model_.converter_efficiency;
  if (p && std::isfinite(*p) && *p >= 0) smooth_power(*p, dt);
  else e.notes.push_back("load power not reported");

  measure_resistance(r, dt);
  double temp = r.temperature_c.value_or(25.0);
  std::optional<double> known_cap = capacity_ah(r);
  double cap = known_cap.value_or(0);
  bool charge_measured = r.charge_pct.has_value();
  if (charge_measured) {
    charge_ = r.charge_pct;
  } else if (charge_ && r.on_battery && power_mean_ && known_cap) {
    double wh_per_pct = usable_energy_wh(model_, cap, *charge_ + 0.5, *charge_ - 0.5, 0, temp) * blend_factor();
    if (wh_per_pct > 0) charge_ = std::max(0.0, *charge_ - *power_mean_ * dt / 3600 / wh_per_pct);
  }
  e.charge_pct = charge_;
  if (!power_mean_ || !charge_) {
    last_ = e;
    return e;
  }
  double load = std::max(kMinLoadW, *power_mean_);
  double volts = r.battery_voltage.value_or(model_.cells_in_series * ocv_per_cell(model_, *charge_));
  // The pack current: as reported, unless it cannot be the load's (a UPS-MIB agent's 0 A).
  double current = load / std::max(1.0, volts);
  if (r.battery_current && r.on_battery && std::abs(*r.battery_current) >= 0.2 * current)
    current = std::abs(*r.battery_current);
  calibrate_from_runtime(r, current, temp, dt);
  e.capacity_from_runtime = !r.capacity_ah && !model_.design_capacity_ah && implied_capacity_ah_;
  known_cap = capacity_ah(r);
  cap = known_cap.value_or(0);
  if (!known_cap) {
    e.notes.push_back("battery capacity unknown and no device runtime: no estimate; acting on the UPS's "
                      "low-battery flag");
    last_ = e;
    return e;
  }
  if (e.capacity_from_runtime)
    e.notes.push_back(note("battery capacity not reported: %.1f Ah implied by the device's runtime", cap));
  if (r.on_battery) track_discharge(r, *charge_, current, temp, dt);
  else if (discharge_) end_discharge();

  double f = blend_factor();
  e.capacity_factor = f;
  e.load_w = *power_mean_;
  auto seconds_to = [&](double pct) { return usable_energy_wh(model_, cap, *charge_, pct, current, temp) * f * 3600 / load; };
  // At a high load the pack's voltage or current limit ends the discharge before 2 %.
  double cut = 2;
  if (r.on_battery && r.battery_voltage && current > 0.5) {
    double ohm = std::max(resistance_.value_or(0), resistance_at(model_, temp));
    cut = std::max(2.0, cutoff_charge_pct(model_, *charge_, *r.battery_voltage, current, load, ohm));
    if (cut > 2.5) e.notes.push_back(note("at %.0f W the pack reaches its cut-off near %.0f %%", load, cut));
  }
  e.cutoff_pct = cut;
  e.to_2pct_s = seconds_to(cut);
  e.to_5pct_s = seconds_to(std::max(5.0, cut));
  e.to_empty_s = seconds_to(cut > 2 ? cut : 0);

  // Uncertainty: model floor + doubt about the capacity factor + load variance + missing data.
  double drop = discharge_ ? discharge_->start_charge - discharge_->last_charge : 0;
  double w = observed_factor() ? drop / (drop + 5) : 0;
  int samples = discharge_ ? discharge_->samples : 0;
  double rel = 0.03 + (1 - w) * (learning_.discharges_learned > 0 ? 0.08 : 0.20) +
               0.3 / std::sqrt(1.0 + samples) + 0.5 * std::sqrt(power_var_) / load;
  if (!charge_measured) rel += 0.10;
  if (!p) rel += 0.10;
  blend_device_runtime(r, e, dt);
  if (e.device_runtime_used) rel -= 0.02;
  e.uncertainty_s = 5 + rel * *e.to_2pct_s;
  e.low_battery_refuted = refute_low_battery(r, e, current, temp);
  if (e.low_battery_refuted) e.notes.push_back(*e.low_battery_refuted);
  last_ = e;
  return e;
}

void RuntimeEstimator::blend_device_runtime(const CheckedReading& r, Estimate& e, double dt) {
  if (!r.runtime_s || !r.on_battery || !e.to_empty_s || *e.to_empty_s <= 0) return;
  double ours = *e.to_empty_s;
  double ratio = *r.runtime_s / ours;
  if (ratio > 3 || ratio < 1.0 / 3) {
    e.notes.push_back(note("device runtime %.0f s contradicts charge %.0f %% (model: %.0f s)", *r.runtime_s,
                           e.charge_pct.value_or(0), ours));
    device_seen_s_ = 0;
    device_err_ = 1;
    return;
  }
  double err = std::abs(ratio - 1);
  device_err_ = device_seen_s_ == 0 ? err : device_err_ + ewma_alpha(dt, 120) * (err - device_err_);
  device_seen_s_ += dt;
  if (device_seen_s_ < kDeviceTrustAfterS || device_err_ >= kDeviceTrustErr) return;
  // Trusted: give it up to half the say, less the further it has strayed from what we see.
  double w = 0.5 * (1 - device_err_ / kDeviceTrustErr);
  double blended = (1 - w) * ours + w * *r.runtime_s;
  double scale = blended / ours;
  e.to_empty_s = blended;
  *e.to_2pct_s *= scale;
  *e.to_5pct_s *= scale;
  e.device_runtime_used = true;
}

Estimate RuntimeEstimator::extrapolate(double now_s) const {
  Estimate e = last_;
  double elapsed = std::max(0.0, now_s - last_fresh_t_);
  auto run_down = [&](std::optional<double>& t) { if (t) t = std::max(0.0, *t - elapsed); };
  run_down(e.to_2pct_s);
  run_down(e.to_5pct_s);
  run_down(e.to_empty_s);
  e.uncertainty_s += kExtrapolationDoubt * elapsed;
  e.device_runtime_used = false;
  e.notes.push_back(note("no fresh data for %.0f s; last estimate extrapolated", elapsed));
  return e;
}

}  // namespace aups::policy
