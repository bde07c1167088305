// The battery and power path against the manual's figures (Tables 1-2, 1-3).
#include <catch2/catch.hpp>

#include "sim/battery.hpp"
#include "sim/scenario.hpp"
#include "sim_test_util.hpp"

using namespace aups;
using namespace aups::sim;

TEST_CASE("long-outage at 25 W runs 65-90 min, consistent with 37 Wh and the DC-DC efficiency") {
  ScenarioRunner run(Scenario::load_named("long-outage"));
  double lost_at = -1, off_at = -1, battery_wh = 0;
  while (!run.finished()) {
    run.step(1.0);
    const auto s = run.sim().status();
    if (!s.mains_present && lost_at < 0) lost_at = run.time_s();
    if (!s.mains_present) battery_wh -= *s.battery_voltage * *s.battery_current / 3600.0;
    if (!s.output_on && off_at < 0) off_at = run.time_s();
  }
  REQUIRE(lost_at == Approx(61).margin(1));
  REQUIRE(off_at > 0);
  const double minutes = (off_at - lost_at) / 60.0;
  // 37 Wh nominal x ~0.90 DC-DC efficiency ~ 33 Wh at the output, less ~4 % I2R loss in the
  // pack and the 2 % left at the shutdown condition: about 76-80 min at 25 W. The issue's
  // window 65-90 min leaves room for the +-10 % a real pack shows.
  INFO("runtime at 25 W: " << minutes << " min; battery energy " << battery_wh << " Wh");
  CHECK(minutes >= 65.0);
  CHECK(minutes <= 90.0);
  const double output_wh = 25.0 * minutes / 60.0;
  // Energy drawn from the pack: 37 Wh nominal, less ~2 % left at shutdown; more than 30 Wh.
  CHECK(battery_wh > 30.0);
  CHECK(battery_wh < 37.4);
  // DC-DC efficiency at 25 W: the model's ~90 %; 0.85-0.93 is the band the issue calls ~90 %.
  CHECK(output_wh / battery_wh > 0.85);
  CHECK(output_wh / battery_wh < 0.93);
}

TEST_CASE("empty to full takes what CC 2.5 A / CV 8.4 V implies") {
  Simulator sim(test::Cfg().charge(0).ambient(25).input(19).load(10));
  double max_a = 0, max_v = 0, cv_start = -1;
  bool complete = false;
  while (sim.time_s() < 4 * 3600 && !complete) {
    sim.step(1.0);
    const auto s = sim.status();
    max_a = std::max(max_a, *s.battery_current);
    max_v = std::max(max_v, *s.battery_voltage);
    if (cv_start < 0 && *s.battery_voltage >= 8.39) cv_start = sim.time_s();
    complete = test::has_event(sim.take_events(), SimEventKind::ChargeComplete);
  }
  REQUIRE(complete);
  const double hours = sim.time_s() / 3600.0;
  INFO("charge time " << hours << " h");
  // CC phase: ~93 % of 5 Ah at 2.5 A = 1.86 h; CV taper to C/20 adds ~0.3 h. 2.0-2.5 h.
  CHECK(hours >= 2.0);
  CHECK(hours <= 2.5);
  CHECK(max_a == Approx(2.5).margin(0.01));   // CC current never exceeded
  CHECK(max_v <= 8.4 + 0.005);                // CV voltage never exceeded
  CHECK(cv_start / 3600.0 > 1.6);             // most of the charge goes in at constant current
  const auto s = sim.status();
  CHECK(*s.charge_pct == 100.0);
  CHECK(*s.time_to_full_s == 0.0);
  CHECK(!s.flags.has(StatusFlag::CHRG));
}

TEST_CASE("capacity fades with cycles: 300 cycles still above 70 %") {
  BatteryPack fresh(1.0, 0, 25), aged(1.0, 300, 25);
  CHECK(fresh.full_capacity_ah() == Approx(5.0));
  CHECK(aged.full_capacity_ah() / 5.0 > 0.70);
  CHECK(aged.full_capacity_ah() / 5.0 < 0.80);
  CHECK(aged.resistance() > fresh.resistance());
}

TEST_CASE("voltage sags more under load when cold or aged") {
  const BatteryPack warm(0.5, 0, 25), cold(0.5, 0, 0), aged(0.5, 300, 25);
  const double p = 40.0;
  const double sag_warm = warm.ocv() - warm.terminal_voltage(-warm.discharge_current_for(p));
  const double sag_cold = cold.ocv() - cold.terminal_voltage(-cold.discharge_current_for(p));
  const double sag_aged = aged.ocv() - aged.terminal_voltage(-aged.discharge_current_for(p));
  CHECK(sag_warm > 0.2);  // ~5.4 A x 80 mOhm
  CHECK(sag_cold > 1.5 * sag_warm);
  CHECK(sag_aged > 1.3 * sag_warm);
}

TEST_CASE("OCV curve: 8.4 V full, 7.4 V nominal mid-range, end of discharge near 5.5 V") {
  CHECK(2 * cell_ocv(1.0) == Approx(8.4));
  CHECK(2 * cell_ocv(0.5) == Approx(7.48).margin(0.1));
  for (double s = 0; s < 1.0; s += 0.01) CHECK(cell_ocv(s + 0.01) > cell_ocv(s));
  // Loaded voltage at the end of a 25 W discharge sits near the manual's 5.5 V end point.
  const BatteryPack empty(0.005, 0, 25);
  const double v = empty.terminal_voltage(-empty.discharge_current_for(27.8));
  CHECK(v == Approx(5.5).margin(0.25));
}

TEST_CASE("the pack heats under load with a time constant, and cools to ambient") {
  Simulator sim(test::Cfg().charge(100).input(0).load(45));
  sim.step(600);
  const double after_10min = sim.battery().temperature_c;
  sim.step(1200);
  const double after_30min = sim.battery().temperature_c;
  CHECK(after_10min > 26.0);
  CHECK(after_30min > after_10min);  // still rising: tens of minutes time constant
  CHECK(after_30min < 45.0);
  sim.set_load_w(0);
  sim.step(4 * 3600);
  CHECK(sim.battery().temperature_c == Approx(25.0).margin(0.5));
}

TEST_CASE("aged battery: shorter runtime, roughly in proportion to its capacity") {
  auto runtime = [](int cycles) {
    ScenarioRunner run(Scenario::load_named("long-outage"),
                       test::Cfg().charge(100).cycles(cycles));
    while (!run.finished()) run.step(1.0);
    return run.time_s() - 60;
  };
  const double fresh = runtime(0), aged = runtime(250);
  const double capacity_ratio = BatteryPack(1, 250, 25).full_capacity_ah() / 5.0;
  // Higher resistance costs a little more than the capacity alone: within 5 % of the ratio.
  CHECK(aged / fresh == Approx(capacity_ratio).epsilon(0.05));
  CHECK(aged < fresh);
}

TEST_CASE("cycle count grows by one per full-capacity worth of discharge") {
  Simulator sim(test::Cfg().charge(100).cycles(7).input(19).load(20));
  CHECK(*sim.status().cycle_count == 7);
  for (int i = 0; i < 2; ++i) {
    sim.set_input_voltage(0);
    test::run_until(sim, [&] { return *sim.status().charge_pct < 3; }, 6 * 3600, 5.0);
    sim.set_input_voltage(19);
    test::run_until(sim, [&] { return *sim.status().charge_pct == 100.0; }, 6 * 3600, 5.0);
  }
  CHECK(*sim.status().cycle_count == 8);  // 2 x 97 % discharged = 1.94 cycles
}
