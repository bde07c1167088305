#pragma once
// Compares what a host decoded with what the simulator reports, allowing for the resolution
// of the AUPS2-A20's reports (10 mV, 10 mA, 0.01 K, 0.1 W, 1 %, 1 s).
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>

#include "core/model.hpp"
#include "sim/simulator.hpp"

namespace aups::test {

inline void check_close(const char* what, const std::optional<double>& got, const std::optional<double>& want,
                        double tol) {
  INFO(what);
  REQUIRE(got.has_value() == want.has_value());
  if (want) CHECK(std::abs(*got - *want) <= tol);
}

inline void check_matches(const UpsIdentity& id, const UpsStatus& got, const UpsIdentity& want_id,
                          const UpsStatus& want) {
  CHECK(id == want_id);
  CHECK(got.flags.to_string() == want.flags.to_string());
  CHECK(got.mains_present == want.mains_present);
  CHECK(got.output_on == want.output_on);
  CHECK(got.protections == want.protections);
  check_close("input.voltage", got.input_voltage, want.input_voltage, 0.006);
  check_close("output.voltage", got.output_voltage, want.output_voltage, 0.006);
  check_close("ups.realpower", got.output_power_w, want.output_power_w, 0.06);
  check_close("ups.load", got.load_pct, want.load_pct, 0.5);
  check_close("battery.charge", got.charge_pct, want.charge_pct, 0.5);
  check_close("battery.voltage", got.battery_voltage, want.battery_voltage, 0.006);
  check_close("battery.current", got.battery_current, want.battery_current, 0.006);
  check_close("battery.temperature", got.temperature_c, want.temperature_c, 0.006);
  check_close("battery.runtime", got.runtime_s, want.runtime_s ? std::optional(std::min(*want.runtime_s, 65534.0)) : std::nullopt, 0.5);
  check_close("battery.time_to_full", got.time_to_full_s, want.time_to_full_s ? std::optional(std::min(*want.time_to_full_s, 65534.0)) : std::nullopt, 0.5);
  CHECK(got.cycle_count == want.cycle_count);
  check_close("battery.capacity", got.full_charge_capacity_ah, want.full_charge_capacity_ah, 0.0003);
  check_close("battery.capacity.nominal", got.design_capacity_ah, want.design_capacity_ah, 0.0003);
}

}  // namespace aups::test
