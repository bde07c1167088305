// The simulated UPS firmware: power path, charger, output control and the 5 % / 2 % rules.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/device_spec.hpp"
#include "sim/firmware_state.hpp"
#include "sim/power_path.hpp"

namespace aups::sim {
namespace {

// Mains comes back only 0.2 V inside the 12..24 V window, so a sagging input does not chatter.
constexpr double kMainsHysteresisV = 0.2;
// A firmware-switched-off output stays off at least this long: a kill-power command while mains
// is present must still power-cycle the PC (aups's choice; the manual gives no figure).
constexpr double kPowerCycleS = 10.0;
// Charger: pre-charge at C/10 below 3.0 V per cell, terminate when the CV current tapers to
// C/20, restart below 95 % (common Li-ion charger practice).
constexpr double kPrechargeCellV = 3.0, kPrechargeA = 0.25, kCutoffA = 0.25, kRechargeSoc = 0.95;
constexpr double kChargeResumeMarginC = 2.0;  // hysteresis for the 0..40 degC window
constexpr double kAverageTauS = 60.0;         // firmware's averaging of battery current

ChargerLimits charger_limits(const std::optional<ChargerLimits>& fault) {
  return fault.value_or(ChargerLimits{spec::kChargeCurrentA, spec::kChargeV});
}

}  // namespace

Simulator::Impl::Impl(const SimConfig& c)
    : config(c), input_v(c.input_voltage), load_w(std::max(0.0, c.load_w)),
      ambient_c(c.ambient_c), shipping(c.shipping_mode),
      pack(std::clamp(c.initial_charge_pct, 0.0, 100.0) / 100.0, c.cycle_count, c.ambient_c) {
  auto loaded = load_eeprom(c.eeprom_path);
  eeprom = loaded.content;
  if (loaded.problem) {
    emit(SimEventKind::EepromReset, "EEPROM unusable, factory defaults loaded: " + *loaded.problem);
    persist();
  }
  switch_on = eeprom.settings.dc_output;
  mains = input_v >= spec::kMinInputV && input_v <= spec::kMaxInputV;
  if (mains && pack.soc() >= kRechargeSoc) charge = ChargeState::Full;
  output_on = switch_on && (mains || !shipping);
  last_key = visible_key();
}

void Simulator::Impl::emit(SimEventKind kind, std::string message, std::optional<Protection> p) {
  events.push_back({t, kind, p, std::move(message)});
}

void Simulator::Impl::persist() {
  if (auto saved = save_eeprom(config.eeprom_path, eeprom); !saved)
    emit(SimEventKind::EepromWriteFailed, "EEPROM write failed: " + saved.error().message);
}

void Simulator::Impl::update_mains() {
  const double margin = mains ? 0.0 : kMainsHysteresisV;
  const bool now = input_v >= spec::kMinInputV + margin && input_v <= spec::kMaxInputV - margin;
  if (now == mains) return;
  mains = now;
  char msg[64];
  std::snprintf(msg, sizeof msg, "DC input %.1f V", input_v);
  if (!mains) {
    emit(SimEventKind::MainsLost, std::string("mains lost: ") + msg);
    avg_discharge_a = demand_a;  // start the runtime average from the present draw
    return;
  }
  emit(SimEventKind::MainsBack, std::string("mains back: ") + msg);
  sleep_req = shutdown_req = false;
  if (pending_off && pending_off->reason == PendingOff::Reason::ShutdownCondition) pending_off.reset();
  if (eeprom.settings.dc_output_always_on_with_input && eeprom.settings.dc_output) switch_on = true;
}

void Simulator::Impl::update_output(const char* why) {
  // "DC output always on with DC input": firmware switch-offs end once the input is back.
  if (off_latched && mains && eeprom.settings.dc_output_always_on_with_input && !pending_off &&
      t >= latch_until_s)
    off_latched = false;
  const bool battery_ok = !shipping && protections.fet_on(Fet::Discharge);
  const bool powered = mains || battery_ok;
  const bool on = switch_on && !off_latched && powered;
  if (on == output_on) return;
  if (!on && switch_on && !off_latched) {  // lost its source: stays off until mains or button
    off_latched = true;
    latch_until_s = t + kPowerCycleS;
    why = shipping ? "battery disconnected (shipping mode)" : "battery cut off by protection";
  }
  output_on = on;
  emit(on ? SimEventKind::OutputOn : SimEventKind::OutputOff,
       std::string(on ? "DC output on" : "DC output off") + (why ? std::string(": ") + why : ""));
}

double Simulator::Impl::charger_current() const {
  if (charge != ChargeState::Charging) return 0;
  const auto lim = charger_limits(charger_fault);
  double i = std::min(lim.cc_current_a, (lim.cv_voltage_v - pack.ocv()) / pack.resistance());
  if (pack.ocv() / spec::kCellsInSeries < kPrechargeCellV) i = std::min(i, kPrechargeA);
  return std::max(0.0, i);
}

void Simulator::Impl::update_charge_state() {
  const double temp = pack.temperature_c();
  const bool can = mains && !shipping && protections.fet_on(Fet::Charge);
  if (!can) {
    if (charge == ChargeState::Charging || charge == ChargeState::PausedTemperature)
      charge = ChargeState::Idle;
    if (!mains) charge = ChargeState::Idle;
    return;
  }
  const bool too_hot = temp > spec::kChargeMaxC, too_cold = temp < spec::kChargeMinC;
  if (charge == ChargeState::PausedTemperature) {
    if (temp < spec::kChargeMaxC - kChargeResumeMarginC &&
        temp > spec::kChargeMinC + kChargeResumeMarginC)
      charge = ChargeState::Idle;
    else return;
  }
  if (too_hot || too_cold) {
    if (charge != ChargeState::Full || pack.soc() < kRechargeSoc) {
      charge = ChargeState::PausedTemperature;
      emit(SimEventKind::ChargePausedTemperature,
           too_hot ? "charging paused: battery above 40 C" : "charging paused: battery below 0 C");
    }
    return;
  }
  if (charge == ChargeState::Full && pack.soc() < kRechargeSoc) charge = ChargeState::Idle;
  if (charge == ChargeState::Idle) {
    charge = ChargeState::Charging;
    emit(SimEventKind::ChargeStarted, "charging started");
  }
  if (charge == ChargeState::Charging) {
    const auto lim = charger_limits(charger_fault);
    const double i = charger_current();
    if (pack.terminal_voltage(i) >= lim.cv_voltage_v - 0.01 && i < kCutoffA) {
      charge = ChargeState::Full;
      pack.mark_full();
      emit(SimEventKind::ChargeComplete, "battery full");
    }
  }
}

void Simulator::Impl::check_battery_levels() {
  if (mains) return;
  const double pct = std::clamp(pack.soc() * 100.0, 0.0, 100.0);
  if (!sleep_req && eeprom.settings.sleep_at_5pct && pct <= spec::kSleepPct) {
    sleep_req = true;
    emit(SimEventKind::SleepRequested, "battery at 5 %: system sleep requested");
  }
  if (!shutdown_req && eeprom.settings.shutdown_at_2pct && pct <= spec::kShutdownPct) {
    shutdown_req = true;
    const int delay = eeprom.settings.dc_output_off_delay_s;
    emit(SimEventKind::ShutdownRequested, "battery at 2 %: shutdown condition, DC output off in " +
                                              std::to_string(delay) + " s");
    if (!pending_off || pending_off->at_s > t + delay)
      pending_off = PendingOff{t + delay, PendingOff::Reason::ShutdownCondition};
  }
}

void Simulator::Impl::execute_pending_off() {
  if (!pending_off || t < pending_off->at_s - 1e-9) return;
  const auto reason = pending_off->reason;
  pending_off.reset();
  if (reason == PendingOff::Reason::Setting) {
    switch_on = false;
    update_output("DC output disabled in settings");
    return;
  }
  off_latched = true;
  latch_until_s = t + kPowerCycleS;
  update_output(reason == PendingOff::Reason::Host ? "kill power from host" : "shutdown condition");
}

void Simulator::Impl::substep(double dt) {
  update_mains();
  execute_pending_off();
  update_charge_state();
  update_output(nullptr);

  // Currents of this step.
  const double out_w = output_on ? load_w : 0.0;
  const double self_w = kControllerW + (eeprom.settings.lan ? kLanW : 0.0);
  demand_a = shipping ? 0.0 : pack.discharge_current_for(load_w + boost_loss_w(load_w) + self_w);
  if (mains) battery_a = shipping ? 0.0 : charger_current();
  else if (shipping || !protections.fet_on(Fet::Discharge)) battery_a = 0;  // unit unpowered
  else battery_a = -pack.discharge_current_for(out_w + boost_loss_w(out_w) + self_w);

  PackReading r;
  const double cell_v = pack.terminal_voltage(battery_a) / spec::kCellsInSeries;
  r.max_cell_v = r.min_cell_v = cell_v;
  r.charge_a = std::max(0.0, battery_a);
  r.discharge_a = std::max(0.0, -battery_a);
  r.demand_a = demand_a;
  r.temp_c = pack.temperature_c();
  r.charger_present = mains && !shipping;
  for (const auto& change : protections.update(r, dt)) {
    char msg[96];
    std::snprintf(msg, sizeof msg, "%s %s (cell %.2f V, %.2f A, %.1f C)",
                  protection_name(change.which), change.tripped ? "tripped" : "released", cell_v,
                  battery_a, r.temp_c);
    emit(change.tripped ? SimEventKind::ProtectionTrip : SimEventKind::ProtectionRelease, msg,
         change.which);
  }

  pack.advance(battery_a, ambient_c, dt);
  const double k = std::min(1.0, dt / kAverageTauS);
  avg_discharge_a += (std::max(0.0, -battery_a) - avg_discharge_a) * k;
  avg_charge_a += (std::max(0.0, battery_a) - avg_charge_a) * k;

  // Overload: above the 50 W output rating, or the pack pushed past its ratings (7.5 A
  // continuous, 9.36 A for less than 5 s) — a heavy load on a nearly empty pack.
  const double out_a = std::max(0.0, -battery_a);
  over_rating_s = out_a > spec::kContinuousDischargeA ? over_rating_s + dt : 0.0;
  const bool over = out_w > spec::kMaxOutputW || out_a > spec::kPeakDischargeA ||
                    over_rating_s >= spec::kPeakDurationS;
  if (over != overload) {
    overload = over;
    emit(over ? SimEventKind::Overload : SimEventKind::OverloadCleared,
         over ? "overload: output above 50 W or battery above its current rating"
              : "overload cleared");
  }
  check_battery_levels();
  t += dt;
}

}  // namespace aups::sim
