// Each LED rule of the manual's Table 1-1 / 1-2 on real simulator states (not hand-made
// status structs): green = DC in, yellow on = discharging or full / blinking = charging,
// orange on = full / slow blink 10-94 % / fast blink < 10 %.
#include <catch2/catch.hpp>

#include "sim/simulator.hpp"
#include "sim_test_util.hpp"

using namespace aups;
using namespace aups::sim;

TEST_CASE("LEDs on mains, battery full: green on, yellow on, orange on") {
  Simulator sim(test::Cfg().charge(100).input(19).load(20));
  sim.step(5);
  const auto s = sim.status();
  REQUIRE(s.mains_present);
  REQUIRE_FALSE(s.flags.has(StatusFlag::CHRG));
  CHECK(sim.leds() == LedState{Led::On, Led::On, Led::On});
}

TEST_CASE("LEDs on mains while charging: yellow blinks, orange by level") {
  Simulator sim(test::Cfg().charge(50).input(19).load(20));
  sim.step(5);
  REQUIRE(sim.status().flags.has(StatusFlag::CHRG));
  CHECK(sim.leds() == LedState{Led::On, Led::BlinkSlow, Led::BlinkSlow});

  Simulator low(test::Cfg().charge(5).input(19).load(20));
  low.step(5);
  REQUIRE(low.status().flags.has(StatusFlag::CHRG));
  CHECK(low.leds() == LedState{Led::On, Led::BlinkSlow, Led::BlinkFast});
}

TEST_CASE("LEDs on battery: green off, yellow on, orange full/slow/fast by level") {
  Simulator sim(test::Cfg().charge(100).input(0).load(25));
  sim.step(5);
  REQUIRE(sim.status().flags.has(StatusFlag::DISCHRG));
  CHECK(sim.leds() == LedState{Led::Off, Led::On, Led::On});  // > 94 %: full
  REQUIRE(test::run_until(sim, [&] { return *sim.status().charge_pct <= 94.0; }, 3600, 1.0) >= 0);
  CHECK(sim.leds() == LedState{Led::Off, Led::On, Led::BlinkSlow});
  REQUIRE(test::run_until(sim, [&] { return *sim.status().charge_pct < 10.0; }, 6000, 1.0) >= 0);
  CHECK(sim.leds() == LedState{Led::Off, Led::On, Led::BlinkFast});
  CHECK(sim.status().flags.has(StatusFlag::LB));
}

TEST_CASE("green LED follows the 12-24 V input window") {
  Simulator sim(test::Cfg().charge(80).input(24).load(10));
  sim.step(1);
  CHECK(sim.leds().green == Led::On);
  sim.set_input_voltage(11.0);  // brownout
  sim.step(1);
  CHECK(sim.leds().green == Led::Off);
  CHECK(sim.status().flags.has(StatusFlag::OB));
  sim.set_input_voltage(26.0);  // above the range is not mains either
  sim.step(1);
  CHECK(sim.leds().green == Led::Off);
  sim.set_input_voltage(12.5);
  sim.step(1);
  CHECK(sim.leds().green == Led::On);
}
