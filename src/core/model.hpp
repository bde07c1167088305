#pragma once
// The UPS model: what any source (HID, SNMP, simulator) reports, in SI units.
// Values a device may not report are optional; absent means "not known", never 0.
#include <cstdint>
#include <optional>
#include <string>

#include "core/status_flags.hpp"

namespace aups {

// The vendor app's Main Info page (manual 4.4.1).
struct UpsIdentity {
  std::string manufacturer;  // ups.mfr
  std::string model;         // ups.model
  std::string firmware;      // ups.firmware
  std::string name;          // ups.id (the "Name" field, e.g. "AUPS2")
  std::string serial;        // ups.serial
  bool operator==(const UpsIdentity&) const = default;
};

// Battery protection trips of the smart battery (manual Table 1-3).
enum class Protection : std::uint8_t {
  CellOverVoltage = 1u << 0,
  CellUnderVoltage = 1u << 1,
  DischargeOverCurrent = 1u << 2,
  ChargeOverCurrent = 1u << 3,
  ChargeOverTemperature = 1u << 4,
  DischargeOverTemperature = 1u << 5,
};
inline constexpr Protection kAllProtections[] = {
    Protection::CellOverVoltage,       Protection::CellUnderVoltage,
    Protection::DischargeOverCurrent,  Protection::ChargeOverCurrent,
    Protection::ChargeOverTemperature, Protection::DischargeOverTemperature};
const char* protection_name(Protection p);  // "cell_ovp", "discharge_otp", ...

struct ProtectionTrips {
  std::uint8_t bits = 0;
  bool has(Protection p) const { return bits & static_cast<std::uint8_t>(p); }
  void set(Protection p, bool on) {
    bits = on ? (bits | static_cast<std::uint8_t>(p)) : (bits & ~static_cast<std::uint8_t>(p));
  }
  bool any() const { return bits != 0; }
  bool operator==(const ProtectionTrips&) const = default;
};

struct UpsStatus {
  bool mains_present = false;                    // DC input within 12-24 V
  std::optional<double> input_voltage;           // input.voltage, V
  bool output_on = false;                        // DC output switched on
  std::optional<double> output_voltage;          // output.voltage, V
  std::optional<double> output_power_w;          // ups.realpower, W
  std::optional<double> load_pct;                // ups.load, % of nominal power
  std::optional<double> charge_pct;              // battery.charge, %
  std::optional<double> battery_voltage;         // battery.voltage, V
  std::optional<double> battery_current;         // battery.current, A (+ charging, - discharging)
  std::optional<double> temperature_c;           // battery.temperature, degC
  std::optional<double> runtime_s;               // battery.runtime, s to empty
  std::optional<double> time_to_full_s;          // battery.charge.time_to_full (aups), s
  std::optional<int> cycle_count;                // battery.cycle.count
  std::optional<double> full_charge_capacity_ah; // battery.capacity.full (aups), Ah
  std::optional<double> design_capacity_ah;      // battery.capacity.nominal, Ah
  // Nominal figures a device may state (UPS-MIB upsConfig*, HID Config*): the battery model's
  // inputs, not measurements. battery_type is NUT's battery.type ("PbAc", "Li-ion"), "" unknown.
  std::optional<double> battery_voltage_nominal;  // battery.voltage.nominal, V
  std::optional<double> realpower_nominal_w;      // ups.realpower.nominal, W
  std::string battery_type;                       // battery.type
  ProtectionTrips protections;                   // aups.protection.*
  StatusFlags flags;                             // ups.status
  bool operator==(const UpsStatus&) const = default;
};

}  // namespace aups
