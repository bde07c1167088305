// The firmware behaviours of manual 3.7 and 4.4.3: sleep at 5 %, shutdown at 2 %, DC output
// off delay, always on with DC input, DC button, remote switch, shipping mode, overload,
// kill power from the host, revision numbers.
#include <catch2/catch.hpp>

#include "sim/scenario.hpp"
#include "sim_test_util.hpp"

using namespace aups;
using namespace aups::sim;

TEST_CASE("sleep at 5 %, then shutdown at 2 %: FSD, output off after the DC output off delay") {
  Simulator sim(test::Cfg().charge(8).input(0).load(25));
  REQUIRE(test::run_until(sim, [&] { return sim.sleep_requested(); }, 3600, 1.0) >= 0);
  CHECK(*sim.status().charge_pct <= 5.0);
  CHECK(*sim.status().charge_pct > 4.8);
  CHECK_FALSE(sim.shutdown_requested());
  CHECK(test::has_event(sim.take_events(), SimEventKind::SleepRequested));

  REQUIRE(test::run_until(sim, [&] { return sim.shutdown_requested(); }, 3600, 1.0) >= 0);
  CHECK(*sim.status().charge_pct <= 2.0);
  CHECK(sim.status().flags.has(StatusFlag::FSD));
  CHECK(sim.status().output_on);
  const double t_request = sim.time_s();
  REQUIRE(test::run_until(sim, [&] { return !sim.status().output_on; }, 600, 0.1) >= 0);
  CHECK(sim.time_s() - t_request == Approx(sim.settings().dc_output_off_delay_s).margin(1.1));
  CHECK(sim.status().flags.has(StatusFlag::OFF));

  // Mains back: flags clear, the output returns (always on with DC input), charging starts.
  sim.set_input_voltage(19);
  sim.step(12);
  CHECK_FALSE(sim.shutdown_requested());
  CHECK_FALSE(sim.sleep_requested());
  CHECK(sim.status().output_on);
  CHECK(sim.status().flags.has(StatusFlag::CHRG));
}

TEST_CASE("with sleep and shutdown disabled the firmware neither asks nor switches off") {
  Simulator sim(test::Cfg().charge(6).input(0).load(25));
  auto s = sim.settings();
  s.sleep_at_5pct = false;
  s.shutdown_at_2pct = false;
  REQUIRE(sim.apply_settings(s).ok());
  REQUIRE(test::run_until(sim, [&] { return *sim.status().charge_pct <= 1.0; }, 3600, 1.0) >= 0);
  CHECK_FALSE(sim.sleep_requested());
  CHECK_FALSE(sim.shutdown_requested());
  CHECK(sim.status().output_on);
}

TEST_CASE("mains returning during the off delay cancels the shutdown condition") {
  Simulator sim(test::Cfg().charge(2.5).input(0).load(25));
  REQUIRE(test::run_until(sim, [&] { return sim.shutdown_requested(); }, 600, 1.0) >= 0);
  sim.step(10);
  sim.set_input_voltage(19);
  sim.step(120);
  CHECK(sim.status().output_on);
  CHECK_FALSE(sim.status().flags.has(StatusFlag::FSD));
}

TEST_CASE("kill power from the host: off after the delay, back when mains returns") {
  Simulator sim(test::Cfg().charge(60).input(0).load(20));
  sim.shutdown_output_after(30);
  sim.step(29);
  CHECK(sim.status().output_on);
  sim.step(2);
  CHECK_FALSE(sim.status().output_on);
  sim.step(300);
  CHECK_FALSE(sim.status().output_on);  // stays off on battery
  sim.set_input_voltage(19);
  sim.step(1);
  CHECK(sim.status().output_on);
}

TEST_CASE("kill power while mains is present power-cycles the PC") {
  Simulator sim(test::Cfg().charge(100).input(19).load(20));
  sim.shutdown_output_after(5);
  sim.step(6);
  CHECK_FALSE(sim.status().output_on);
  sim.step(5);
  CHECK_FALSE(sim.status().output_on);  // off long enough for the PC to notice
  sim.step(10);
  CHECK(sim.status().output_on);
}

TEST_CASE("without 'always on with DC input' the output waits for the button") {
  Simulator sim(test::Cfg().charge(60).input(0).load(20));
  auto s = sim.settings();
  s.dc_output_always_on_with_input = false;
  REQUIRE(sim.apply_settings(s).ok());
  sim.shutdown_output_after(0);
  CHECK_FALSE(sim.status().output_on);
  sim.set_input_voltage(19);
  sim.step(60);
  CHECK_FALSE(sim.status().output_on);
  sim.press_power_button();
  CHECK(sim.status().output_on);
}

TEST_CASE("DC button and remote switch toggle the output") {
  Simulator sim(test::Cfg().charge(80).input(19).load(20));
  REQUIRE(sim.status().output_on);
  sim.press_power_button();
  CHECK_FALSE(sim.status().output_on);
  sim.step(5);
  CHECK_FALSE(sim.status().output_on);  // the user's choice holds on mains
  sim.press_power_button();
  CHECK(sim.status().output_on);
  sim.set_remote_switch(true);
  CHECK_FALSE(sim.status().output_on);
  sim.set_remote_switch(true);  // held: no second toggle
  CHECK_FALSE(sim.status().output_on);
  sim.set_remote_switch(false);
  sim.set_remote_switch(true);
  CHECK(sim.status().output_on);
}

TEST_CASE("DC output setting off: output off after the off delay") {
  Simulator sim(test::Cfg().charge(80).input(19).load(20));
  auto s = sim.settings();
  s.dc_output = false;
  s.dc_output_off_delay_s = 20;
  REQUIRE(sim.apply_settings(s).ok());
  sim.step(19);
  CHECK(sim.status().output_on);
  sim.step(2);
  CHECK_FALSE(sim.status().output_on);
  s.dc_output = true;
  REQUIRE(sim.apply_settings(s).ok());
  CHECK(sim.status().output_on);
}

TEST_CASE("shipping mode: no output and no charging from the disconnected battery") {
  Simulator sim(test::Cfg().charge(50).input(19).load(20));
  sim.set_shipping_mode(true);
  sim.step(5);
  CHECK(sim.status().output_on);  // fed from the input
  CHECK(*sim.status().battery_current == 0.0);
  sim.set_input_voltage(0);
  sim.step(1);
  CHECK_FALSE(sim.status().output_on);
  sim.set_shipping_mode(false);
  sim.set_input_voltage(19);
  sim.step(15);
  CHECK(sim.status().output_on);
  CHECK(sim.status().flags.has(StatusFlag::CHRG));
}

TEST_CASE("overload above 50 W shows OVER and an event; buzzer follows the setting") {
  Simulator sim(test::Cfg().charge(100).input(19).load(50));
  sim.step(1);
  CHECK_FALSE(sim.status().flags.has(StatusFlag::OVER));
  CHECK_FALSE(sim.buzzer_on());
  sim.set_load_w(55);
  sim.step(1);
  CHECK(sim.status().flags.has(StatusFlag::OVER));
  CHECK(sim.buzzer_on());
  CHECK(test::has_event(sim.take_events(), SimEventKind::Overload));
  auto s = sim.settings();
  s.buzzer = false;
  REQUIRE(sim.apply_settings(s).ok());
  CHECK_FALSE(sim.buzzer_on());
}

TEST_CASE("status carries every field; identity is the vendor app's Main Info") {
  Simulator sim(test::Cfg().charge(70).cycles(12).input(19).load(20));
  sim.step(2);
  const auto s = sim.status();
  CHECK(s.input_voltage);
  CHECK(*s.output_voltage == 12.0);
  CHECK(*s.output_power_w == 20.0);
  CHECK(*s.load_pct == Approx(40.0));
  CHECK(s.battery_voltage);
  CHECK(s.temperature_c);
  CHECK(*s.runtime_s > 60 * 60);
  CHECK(*s.time_to_full_s > 0);
  CHECK(*s.cycle_count == 12);
  CHECK(*s.full_charge_capacity_ah < 5.0);
  CHECK(*s.design_capacity_ah == 5.0);
  CHECK(s.flags.to_string() == "OL CHRG");
  CHECK(sim.identity() ==
        UpsIdentity{"IEI Integration Corp.", "AUPS2-A20", "1.0.7", "AUPS2", "SBZ1V101-23B477"});
}

TEST_CASE("revision moves on visible change only") {
  Simulator sim(test::Cfg().charge(100).input(19).load(0));
  sim.step(30);
  const auto r0 = sim.revision();
  sim.step(30);
  CHECK(sim.revision() == r0);  // full, idle, on mains: nothing changes
  sim.set_input_voltage(0);
  sim.step(1);
  CHECK(sim.revision() > r0);
  const auto r1 = sim.revision();
  auto s = sim.settings();
  s.buzzer = !s.buzzer;
  REQUIRE(sim.apply_settings(s).ok());
  CHECK(sim.revision() > r1);
}

TEST_CASE("events carry simulated time") {
  Simulator sim(test::Cfg().charge(100).input(19).load(10));
  sim.step(100);
  sim.set_input_voltage(0);
  sim.step(10);
  const auto events = sim.take_events();
  REQUIRE(test::has_event(events, SimEventKind::MainsLost));
  for (const auto& e : events)
    if (e.kind == SimEventKind::MainsLost) CHECK(e.t_s == Approx(100).margin(0.2));
  CHECK(sim.take_events().empty());
}

TEST_CASE("overload when the pack is pushed past 7.5 A for 5 s (heavy load, nearly empty)") {
  Simulator sim(test::Cfg().charge(100).input(0).load(45));
  sim.step(10);
  CHECK(-*sim.status().battery_current < 7.5);
  CHECK_FALSE(sim.status().flags.has(StatusFlag::OVER));  // 45 W on a full pack is fine
  auto s = sim.settings();
  s.shutdown_at_2pct = false;
  REQUIRE(sim.apply_settings(s).ok());
  REQUIRE(test::run_until(sim, [&] { return -*sim.status().battery_current > 7.5; }, 4000, 0.1) >= 0);
  CHECK_FALSE(sim.status().flags.has(StatusFlag::OVER));
  const double t = test::run_until(sim, [&] { return sim.status().flags.has(StatusFlag::OVER); }, 30, 0.1);
  CHECK(t == Approx(5.0).margin(0.25));
}
