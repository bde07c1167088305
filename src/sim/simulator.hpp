#pragma once
// The simulated AUPS2-A20: battery physics, power path, battery protections and the UPS
// firmware's behaviour (manual 1.3-1.5, 4.4), driven by an environment (input voltage, load,
// ambient) and stepped on an injected time step. No I/O except the emulated EEPROM file.
// Thread-compatible: callers that share a Simulator between threads lock around it.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/led.hpp"
#include "core/model.hpp"
#include "core/settings.hpp"

namespace aups::sim {

struct SimConfig {
  double initial_charge_pct = 100.0;  // state of charge at t = 0
  int cycle_count = 0;                // battery age: capacity fades, resistance grows
  double ambient_c = 25.0;            // battery starts at ambient
  std::string eeprom_path;            // settings file; empty = no persistence (defaults)
  double input_voltage = 19.0;        // DC input at t = 0 (12..24 V = mains present)
  double load_w = 0.0;                // PC load on the 12 V output at t = 0
  bool shipping_mode = false;         // shipping switch on: battery disconnected
};

enum class SimEventKind {
  MainsLost, MainsBack,
  ProtectionTrip, ProtectionRelease,  // `protection` says which
  OutputOn, OutputOff,
  Overload, OverloadCleared,          // output above 50 W
  SleepRequested,                     // battery at 5 % on battery (setting enabled)
  ShutdownRequested,                  // battery at 2 %: FSD, output off after the off delay
  ChargeStarted, ChargeComplete, ChargePausedTemperature,
  SettingsChanged, NetworkChanged,
  EepromReset,                        // EEPROM missing fields or corrupt: defaults loaded
  EepromWriteFailed,
};
const char* event_name(SimEventKind kind);  // "mains_lost", "protection_trip", ...

struct SimEvent {
  double t_s = 0;                         // simulator time
  SimEventKind kind{};
  std::optional<Protection> protection;   // for trips and releases
  std::string message;                    // one line for people
};

// Test/drill hook: a faulty charger that regulates to other limits than CC 2.5 A / CV 8.4 V,
// the only way a healthy pack reaches cell OVP or charge OCP.
struct ChargerLimits {
  double cc_current_a = 2.5;
  double cv_voltage_v = 8.4;
};

// Values behind the status a test or the overlay's "hardware" page may want.
struct BatteryDetail {
  double soc = 1.0;             // internal state of charge (may leave 0..1 slightly when abused)
  double ocv_v = 8.4;           // pack open-circuit voltage
  double cell_v = 4.2;          // terminal voltage per cell (2S: pack / 2)
  double resistance_ohm = 0.08; // pack internal resistance now (temperature, age, SoC)
  double temperature_c = 25.0;
  double full_capacity_ah = 5.0;
  double cycles = 0.0;          // fractional cycle counter (whole cycles go to status)
  bool charging_window_ok = true;  // 0..40 degC
  bool charge_fet_on = true, discharge_fet_on = true;
};

class Simulator {
 public:
  explicit Simulator(SimConfig config = {});
  ~Simulator();
  Simulator(Simulator&&) noexcept;
  Simulator& operator=(Simulator&&) noexcept;

  // Advances simulated time; any dt is fine (internally sub-stepped for stable physics).
  void step(double dt_s);
  double time_s() const;

  // Environment.
  void set_input_voltage(double volts);  // 0 = unplugged; 12..24 V = mains present
  void set_load_w(double watts);         // PC load at the 12 V output
  void set_ambient_c(double celsius);
  void press_power_button();             // toggles the DC output (manual 3.7.6)
  // Remote power connector (3.7.3): an external switch in parallel with the DC button; closing
  // it toggles the output like a press.
  void set_remote_switch(bool closed);
  void set_shipping_mode(bool on);       // battery disconnected while on
  void set_charger_fault(std::optional<ChargerLimits> limits);  // nullopt = healthy charger

  // Device view.
  UpsIdentity identity() const;
  UpsStatus status() const;
  LedState leds() const;
  bool buzzer_on() const;  // sounding now (on battery, alarm, overload), when enabled
  BatteryDetail battery() const;
  double input_voltage() const;
  double load_w() const;
  double ambient_c() const;

  // Settings (manual 4.4.3/4.4.4): validated, then persisted atomically to the EEPROM file.
  UpsSettings settings() const;
  NetworkSettings network() const;
  SettingResult<void> apply_settings(const UpsSettings& s);
  SettingResult<void> apply_network(const NetworkSettings& n);

  // Host kill-power: output off after delay_s. With "DC output always on with DC input" the
  // output returns when mains returns (or, if mains is present, after a short power cycle).
  void shutdown_output_after(int delay_s);

  // Firmware flags for the host.
  bool sleep_requested() const;     // 5 % on battery, "System go to sleep" enabled
  bool shutdown_requested() const;  // 2 % on battery, "Shutdown condition" enabled (FSD)

  std::vector<SimEvent> take_events();
  // Increases whenever status or settings visibly change (endpoints push on change).
  std::uint64_t revision() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aups::sim
