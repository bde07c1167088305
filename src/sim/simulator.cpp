// Simulator's public face: environment setters, the device view and settings.
#include "sim/simulator.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/device_spec.hpp"
#include "sim/firmware_state.hpp"
#include "sim/power_path.hpp"

namespace aups::sim {
namespace {

constexpr double kSubstepS = 0.1;           // physics step: delays of 3 s resolve to 0.1 s
constexpr double kMaxEstimateS = 99 * 3600;  // estimates are capped like a gauge's display

}  // namespace

const char* event_name(SimEventKind kind) {
  switch (kind) {
    case SimEventKind::MainsLost: return "mains_lost";
    case SimEventKind::MainsBack: return "mains_back";
    case SimEventKind::ProtectionTrip: return "protection_trip";
    case SimEventKind::ProtectionRelease: return "protection_release";
    case SimEventKind::OutputOn: return "output_on";
    case SimEventKind::OutputOff: return "output_off";
    case SimEventKind::Overload: return "overload";
    case SimEventKind::OverloadCleared: return "overload_cleared";
    case SimEventKind::SleepRequested: return "sleep_requested";
    case SimEventKind::ShutdownRequested: return "shutdown_requested";
    case SimEventKind::ChargeStarted: return "charge_started";
    case SimEventKind::ChargeComplete: return "charge_complete";
    case SimEventKind::ChargePausedTemperature: return "charge_paused_temperature";
    case SimEventKind::SettingsChanged: return "settings_changed";
    case SimEventKind::NetworkChanged: return "network_changed";
    case SimEventKind::EepromReset: return "eeprom_reset";
    case SimEventKind::EepromWriteFailed: return "eeprom_write_failed";
  }
  return "unknown";
}

Simulator::Simulator(SimConfig config) : impl_(std::make_unique<Impl>(config)) {}
Simulator::~Simulator() = default;
Simulator::Simulator(Simulator&&) noexcept = default;
Simulator& Simulator::operator=(Simulator&&) noexcept = default;

void Simulator::step(double dt_s) {
  if (!(dt_s > 0) || !std::isfinite(dt_s)) return;
  const double end = impl_->t + dt_s;
  while (impl_->t < end - 1e-9) impl_->substep(std::min(kSubstepS, end - impl_->t));
  impl_->t = end;  // no drift from summing sub-steps
  impl_->touch();
}

double Simulator::time_s() const { return impl_->t; }

void Simulator::set_input_voltage(double volts) {
  impl_->input_v = std::isfinite(volts) ? std::max(0.0, volts) : 0.0;
}
void Simulator::set_load_w(double watts) {
  impl_->load_w = std::isfinite(watts) ? std::max(0.0, watts) : 0.0;
}
void Simulator::set_ambient_c(double celsius) {
  if (std::isfinite(celsius)) impl_->ambient_c = std::clamp(celsius, -40.0, 120.0);
}

void Simulator::press_power_button() {
  auto& d = *impl_;
  d.pending_off.reset();
  if (d.output_on) {
    d.switch_on = false;
    d.update_output("DC output button");
  } else {
    d.switch_on = true;
    d.off_latched = false;
    d.update_output("DC output button");
  }
  d.touch();
}

void Simulator::set_remote_switch(bool closed) {
  if (closed && !impl_->remote_closed) press_power_button();
  impl_->remote_closed = closed;
}

void Simulator::set_shipping_mode(bool on) {
  impl_->shipping = on;
  impl_->update_output(on ? "shipping mode" : nullptr);
  impl_->touch();
}

void Simulator::set_charger_fault(std::optional<ChargerLimits> limits) {
  impl_->charger_fault = limits;
}

UpsIdentity Simulator::identity() const { return spec::identity(); }

UpsStatus Simulator::Impl::status() const {
  UpsStatus s;
  s.mains_present = mains;
  s.input_voltage = input_v;
  s.output_on = output_on;
  s.output_voltage = output_on ? spec::kOutputV : 0.0;
  s.output_power_w = output_on ? load_w : 0.0;
  s.load_pct = *s.output_power_w / spec::kMaxOutputW * 100.0;
  const double fcc = pack.full_capacity_ah();
  // The gauge reports in 0.01 % steps; everything derived (LEDs, LB) uses the reported value.
  const double pct = std::round(std::clamp(pack.soc() * 100.0, 0.0, 100.0) * 100.0) / 100.0;
  s.charge_pct = pct;
  s.battery_voltage = pack.terminal_voltage(battery_a);
  s.battery_current = battery_a;
  s.temperature_c = pack.temperature_c();
  // The firmware's own estimate: charge left above empty over the averaged draw (on mains, the
  // draw the present load would cause).
  const double left_ah = std::max(0.0, pack.charge_ah());
  const double draw_a = mains ? pack.discharge_current_for(*s.output_power_w + boost_loss_w(*s.output_power_w)) : avg_discharge_a;
  s.runtime_s = draw_a > 0.01 ? std::min(kMaxEstimateS, left_ah / draw_a * 3600.0) : kMaxEstimateS;
  const double to_fill_ah = std::max(0.0, fcc - pack.charge_ah());
  if (charge == ChargeState::Full) s.time_to_full_s = 0.0;
  else {
    const double rate = charge == ChargeState::Charging ? std::max(avg_charge_a, 0.25)
                                                        : spec::kChargeCurrentA;
    s.time_to_full_s = std::min(kMaxEstimateS, to_fill_ah / rate * 3600.0);
  }
  s.cycle_count = static_cast<int>(pack.cycles());
  s.full_charge_capacity_ah = fcc;
  s.design_capacity_ah = spec::kDesignCapacityAh;
  s.protections = protections.trips();

  auto& f = s.flags;
  f.set(StatusFlag::OL, mains);
  f.set(StatusFlag::OB, !mains);
  f.set(StatusFlag::LB, !mains && pct < spec::kLowBatteryPct);
  f.set(StatusFlag::CHRG, battery_a > 0.001);
  f.set(StatusFlag::DISCHRG, battery_a < -0.001);
  f.set(StatusFlag::OFF, !output_on);
  f.set(StatusFlag::OVER, overload);
  f.set(StatusFlag::FSD, shutdown_req);
  f.set(StatusFlag::ALARM, s.protections.any());
  // End of life as the manual defines it: below 70 % of design capacity.
  f.set(StatusFlag::RB, fcc < 0.7 * spec::kDesignCapacityAh);
  return s;
}

UpsStatus Simulator::status() const { return impl_->status(); }
LedState Simulator::leds() const { return derive_leds(impl_->status()); }

bool Simulator::buzzer_on() const {
  const auto& d = *impl_;
  return d.eeprom.settings.buzzer &&
         ((!d.mains && d.output_on) || d.protections.trips().any() || d.overload);
}

BatteryDetail Simulator::battery() const {
  const auto& d = *impl_;
  BatteryDetail b;
  b.soc = d.pack.soc();
  b.ocv_v = d.pack.ocv();
  b.cell_v = d.pack.terminal_voltage(d.battery_a) / spec::kCellsInSeries;
  b.resistance_ohm = d.pack.resistance();
  b.temperature_c = d.pack.temperature_c();
  b.full_capacity_ah = d.pack.full_capacity_ah();
  b.cycles = d.pack.cycles();
  b.charging_window_ok = d.charge != ChargeState::PausedTemperature;
  b.charge_fet_on = d.protections.fet_on(Fet::Charge);
  b.discharge_fet_on = d.protections.fet_on(Fet::Discharge);
  return b;
}

double Simulator::input_voltage() const { return impl_->input_v; }
double Simulator::load_w() const { return impl_->load_w; }
double Simulator::ambient_c() const { return impl_->ambient_c; }

UpsSettings Simulator::settings() const { return impl_->eeprom.settings; }
NetworkSettings Simulator::network() const { return impl_->eeprom.network; }

SettingResult<void> Simulator::apply_settings(const UpsSettings& s) {
  if (auto valid = check_settings(s); !valid) return valid;
  auto& d = *impl_;
  const bool output_setting_changed = s.dc_output != d.eeprom.settings.dc_output;
  d.eeprom.settings = s;
  d.persist();
  if (output_setting_changed) {
    if (s.dc_output) {
      d.pending_off.reset();
      d.switch_on = true;
      d.off_latched = false;
      d.update_output("DC output enabled in settings");
    } else {
      d.pending_off = PendingOff{d.t + s.dc_output_off_delay_s, PendingOff::Reason::Setting};
    }
  }
  d.emit(SimEventKind::SettingsChanged, "settings changed");
  d.touch();
  return {};
}

SettingResult<void> Simulator::apply_network(const NetworkSettings& n) {
  if (auto valid = check_network(n); !valid) return valid;
  impl_->eeprom.network = n;
  impl_->persist();
  impl_->emit(SimEventKind::NetworkChanged, "network settings changed");
  impl_->touch();
  return {};
}

void Simulator::shutdown_output_after(int delay_s) {
  auto& d = *impl_;
  const int delay = std::clamp(delay_s, 0, kMaxOffDelayS);
  d.pending_off = PendingOff{d.t + delay, PendingOff::Reason::Host};
  if (delay == 0) d.execute_pending_off();
  d.touch();
}

bool Simulator::sleep_requested() const { return impl_->sleep_req; }
bool Simulator::shutdown_requested() const { return impl_->shutdown_req; }

std::vector<SimEvent> Simulator::take_events() {
  std::vector<SimEvent> out;
  out.swap(impl_->events);
  return out;
}

std::uint64_t Simulator::revision() const { return impl_->revision; }

// What an observer can see, rounded to what a device report resolves.
std::string Simulator::Impl::visible_key() const {
  const auto s = status();
  const auto& st = eeprom.settings;
  char buf[320];
  std::snprintf(buf, sizeof buf,
                "%u|%u|%d|%.1f|%.0f|%.1f|%.2f|%.2f|%.1f|%.0f|%.0f|%d|%d%d%d%d%d%d%d|%s%d%s%s%s%s",
                s.flags.bits(), s.protections.bits, s.output_on, *s.input_voltage,
                *s.charge_pct, *s.output_power_w, *s.battery_voltage, *s.battery_current,
                *s.temperature_c, *s.runtime_s / 60.0, *s.time_to_full_s / 60.0, *s.cycle_count,
                st.buzzer, st.lan, st.dc_output, st.dc_output_always_on_with_input,
                st.dc_output_off_delay_s, st.sleep_at_5pct, st.shutdown_at_2pct,
                eeprom.network.hostname.c_str(), eeprom.network.dhcp, eeprom.network.ip.c_str(),
                eeprom.network.netmask.c_str(), eeprom.network.gateway.c_str(),
                eeprom.network.dns.c_str());
  return buf;
}

void Simulator::Impl::touch() {
  auto key = visible_key();
  if (key != last_key) {
    last_key = std::move(key);
    ++revision;
  }
}

}  // namespace aups::sim
