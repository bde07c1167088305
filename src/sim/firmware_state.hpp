#pragma once
// Internal state of the simulated firmware (not part of the public API; see simulator.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/battery.hpp"
#include "sim/eeprom.hpp"
#include "sim/protection.hpp"
#include "sim/simulator.hpp"

namespace aups::sim {

enum class ChargeState { Idle, Charging, Full, PausedTemperature };

struct PendingOff {
  double at_s;
  enum class Reason { Host, ShutdownCondition, Setting } reason;
};

struct Simulator::Impl {
  explicit Impl(const SimConfig& c);

  void substep(double dt);
  void update_mains();
  void update_output(const char* why);
  double charger_current() const;
  void update_charge_state();
  void check_battery_levels();
  void execute_pending_off();
  void emit(SimEventKind kind, std::string message, std::optional<Protection> p = std::nullopt);
  void persist();
  std::string visible_key() const;
  void touch();  // bump the revision if anything visible changed

  UpsStatus status() const;

  SimConfig config;
  double t = 0;
  double input_v, load_w, ambient_c;
  bool shipping;
  bool remote_closed = false;
  std::optional<ChargerLimits> charger_fault;

  BatteryPack pack;
  ProtectionUnit protections;
  EepromContent eeprom;

  bool mains = false;
  bool switch_on = true;      // the DC output switch (button, remote, DC output setting)
  bool off_latched = false;   // switched off by firmware (shutdown, kill power, cut-off)
  double latch_until_s = 0;   // a latched output stays off at least until then
  bool output_on = false;
  std::optional<PendingOff> pending_off;
  ChargeState charge = ChargeState::Idle;
  double battery_a = 0;       // + charging, - discharging
  double demand_a = 0;        // what the load would draw from the pack
  double avg_discharge_a = 0, avg_charge_a = 0;
  bool overload = false;
  double over_rating_s = 0;   // how long the pack has delivered more than 7.5 A
  bool sleep_req = false, shutdown_req = false;

  std::vector<SimEvent> events;
  std::uint64_t revision = 1;
  std::string last_key;
};

}  // namespace aups::sim
