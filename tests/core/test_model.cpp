#include <catch2/catch.hpp>

#include "core/led.hpp"
#include "core/nut_json.hpp"

using namespace aups;

TEST_CASE("status flags print and parse as NUT words") {
  StatusFlags f;
  f.set(StatusFlag::OB);
  f.set(StatusFlag::DISCHRG);
  f.set(StatusFlag::LB);
  CHECK(f.to_string() == "OB LB DISCHRG");
  auto back = StatusFlags::parse("OB  LB DISCHRG");
  REQUIRE(back);
  CHECK(*back == f);
  CHECK_FALSE(StatusFlags::parse("OB BOGUS"));
  CHECK(StatusFlags::parse("")->bits() == 0);
}

namespace {
UpsStatus status(bool mains, bool charging, bool discharging, double charge) {
  UpsStatus s;
  s.mains_present = mains;
  s.charge_pct = charge;
  s.flags.set(StatusFlag::CHRG, charging);
  s.flags.set(StatusFlag::DISCHRG, discharging);
  return s;
}
}  // namespace

TEST_CASE("LEDs follow the manual's Table 1-1 and 1-2") {
  // Green: DC power in / out.
  CHECK(derive_leds(status(true, true, false, 50)).green == Led::On);
  CHECK(derive_leds(status(false, false, true, 50)).green == Led::Off);
  // Yellow: blinking while charging, on while discharging or full.
  CHECK(derive_leds(status(true, true, false, 50)).yellow == Led::BlinkSlow);
  CHECK(derive_leds(status(false, false, true, 50)).yellow == Led::On);
  CHECK(derive_leds(status(true, false, false, 100)).yellow == Led::On);
  // Orange: on when full (> 94 %), slow blink 10..94 %, fast blink below 10 %.
  CHECK(derive_leds(status(true, false, false, 100)).orange == Led::On);
  CHECK(derive_leds(status(false, false, true, 94)).orange == Led::BlinkSlow);
  CHECK(derive_leds(status(false, false, true, 10)).orange == Led::BlinkSlow);
  CHECK(derive_leds(status(false, false, true, 9.9)).orange == Led::BlinkFast);
  CHECK(derive_leds(status(false, false, true, 94.1)).orange == Led::On);
}

TEST_CASE("LED blink phases") {
  CHECK(led_lit(Led::On, 0.7));
  CHECK_FALSE(led_lit(Led::Off, 0.2));
  CHECK(led_lit(Led::BlinkSlow, 0.2));
  CHECK_FALSE(led_lit(Led::BlinkSlow, 0.7));
  CHECK(led_lit(Led::BlinkFast, 0.1));
  CHECK_FALSE(led_lit(Led::BlinkFast, 0.2));
}

TEST_CASE("status JSON uses NUT names and round-trips") {
  UpsStatus s = status(false, false, true, 42.5);
  s.runtime_s = 1800;
  s.battery_voltage = 7.3;
  s.flags.set(StatusFlag::OB);
  s.protections.set(Protection::DischargeOverTemperature, true);
  auto j = to_nut_json(s);
  CHECK(j["battery.charge"] == 42.5);
  CHECK(j["battery.runtime"] == 1800);
  CHECK(j["ups.status"] == "OB DISCHRG");
  CHECK(j["aups.led.orange"] == "blink_slow");
  CHECK_FALSE(j.contains("input.voltage"));  // unknown values are omitted, not 0
  CHECK(status_from_nut_json(j) == s);

  UpsIdentity id{"IEI Integration Corp.", "AUPS2-A20", "1.0.7", "AUPS2", "SBZ1V101-23B477"};
  CHECK(to_nut_json(id)["ups.mfr"] == "IEI Integration Corp.");
  CHECK(identity_from_nut_json(to_nut_json(id)) == id);
}

TEST_CASE("status JSON rounds conversion noise to 4 decimals") {
  UpsStatus s;
  s.temperature_c = 25.000000000000057;
  s.battery_voltage = 7.41234567;
  auto j = to_nut_json(s);
  CHECK(j["battery.temperature"].get<double>() == 25.0);
  CHECK(j["battery.voltage"].get<double>() == Approx(7.4123).margin(1e-12));
}
