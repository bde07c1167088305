// Scenario files: the required set exists and behaves; bad files name file, line and field.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sim/scenario.hpp"
#include "sim_test_util.hpp"

using namespace aups;
using namespace aups::sim;

namespace {

std::string error_of(const std::string& text) {
  try {
    Scenario::parse(text, "bad.toml");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

const char* kHead = "[end]\nuntil = \"never\"\n[[keyframe]]\nt_s = 0\n";

}  // namespace

TEST_CASE("the required scenarios are all there and load") {
  const auto names = Scenario::builtin_names();
  for (const char* n : {"kiosk-day", "long-outage", "blips", "load-step", "hot-cabinet",
                        "aged-battery", "brownout-input"}) {
    INFO(n);
    CHECK(std::find(names.begin(), names.end(), n) != names.end());
    CHECK(Scenario::load_named(n).name() == n);
  }
}

TEST_CASE("bad scenario files name file, line and field") {
  CHECK(error_of("[end]\nuntil = \"never\"\n[[keyframe]]\nt_s = 0\nload_w = \"lots\"\n") ==
        "bad.toml:5: keyframe[0].load_w: must be a number");
  CHECK(error_of(std::string(kHead) + "input_v = 19\nloadw = 3\n") ==
        "bad.toml:6: keyframe[0].loadw: unknown key (expected one of: ambient_c, input_v, load_w, ramp, t_s)");
  CHECK(error_of(std::string(kHead) + "[[keyframe]]\nt_s = -4\n").starts_with(
        "bad.toml:6: keyframe[1].t_s: out of range"));
  CHECK(error_of(std::string(kHead) + "[[keyframe]]\nt_s = 50\n[[keyframe]]\nt_s = 40\n") ==
        "bad.toml:8: keyframe[2].t_s: keyframes must be in time order");
  CHECK(error_of("[end]\nuntil = \"soon\"\n[[keyframe]]\nt_s = 0\n") ==
        "bad.toml:2: end.until: must be \"time\", \"output_off\" or \"never\"");
  CHECK(error_of("[start]\ncharge_pct = 140\n[end]\nuntil = \"never\"\n[[keyframe]]\nt_s = 0\n") ==
        "bad.toml:2: start.charge_pct: out of range 0..100 (got 140)");
  CHECK(error_of("[end]\nuntil = \"time\"\n[[keyframe]]\nt_s = 0\n").starts_with("bad.toml:1: end.at_s:"));
  CHECK(error_of("[end]\nuntil = \"never\"\n").starts_with("bad.toml:1: keyframe:"));
  // TOML syntax errors carry toml++'s position.
  CHECK(error_of("[end]\nuntil = \"never\"\n[[keyframe]]\nt_s = = 0\n").starts_with("bad.toml:4: toml:"));
  CHECK_THROWS_AS(Scenario::load("/nonexistent/x.toml"), ScenarioError);
  CHECK_THROWS_WITH(Scenario::load_named("no-such-scenario"), Catch::Contains("no such scenario"));
}

TEST_CASE("keyframes hold, or ramp when asked") {
  const auto s = Scenario::parse(
      "[start]\nambient_c = 20\n[end]\nuntil = \"time\"\nat_s = 100\n"
      "[[keyframe]]\nt_s = 10\ninput_v = 12\n"
      "[[keyframe]]\nt_s = 20\ninput_v = 24\nload_w = 30\nramp = true\n",
      "x.toml");
  CHECK(s.at(0).input_v == 19.0);   // before the first keyframe: default
  CHECK(s.at(0).ambient_c == 20.0);  // start ambient
  CHECK(s.at(10).input_v == 12.0);
  CHECK(s.at(15).input_v == Approx(18.0));
  CHECK(s.at(15).load_w == Approx(22.5));  // ramps from the implicit 0 W at t = 0 to 30 W at 20
  CHECK(s.at(99).input_v == 24.0);
  CHECK(s.end() == Scenario::End::AtTime);
  CHECK(*s.end_s() == 100.0);
}

TEST_CASE("'none' is endless: the environment holds its values") {
  ScenarioRunner run(Scenario::load_named("none"));
  for (int i = 0; i < 5000; ++i) run.step(1.0);
  CHECK_FALSE(run.finished());
  CHECK(run.sim().status().mains_present);
}

TEST_CASE("hot-cabinet: charging OTP trips on mains and the PC stays powered") {
  ScenarioRunner run(Scenario::load_named("hot-cabinet"));
  bool tripped = false, released = false, paused = false;
  while (!run.finished()) {
    run.step(1.0);
    const auto s = run.sim().status();
    REQUIRE(s.output_on);
    REQUIRE(s.mains_present);
    for (const auto& e : run.sim().take_events()) {
      if (e.kind == SimEventKind::ChargePausedTemperature) paused = true;
      if (e.kind == SimEventKind::ProtectionTrip && e.protection == Protection::ChargeOverTemperature)
        tripped = true;
      if (e.kind == SimEventKind::ProtectionRelease && tripped) released = true;
    }
  }
  CHECK(paused);
  CHECK(tripped);
  CHECK(released);
}

TEST_CASE("blips: every dropout under 5 s, the PC rides through all of them") {
  ScenarioRunner run(Scenario::load_named("blips"));
  int dropouts = 0;
  double lost_at = -1;
  while (!run.finished()) {
    run.step(1.0);
    const auto s = run.sim().status();
    REQUIRE(s.output_on);
    if (!s.mains_present && lost_at < 0) { lost_at = run.time_s(); ++dropouts; }
    if (s.mains_present && lost_at >= 0) {
      CHECK(run.time_s() - lost_at < 5.0);
      lost_at = -1;
    }
  }
  CHECK(dropouts >= 10);
}

TEST_CASE("brownout-input: 11 V is on battery, back on mains when it recovers") {
  ScenarioRunner run(Scenario::load_named("brownout-input"));
  bool went_ob = false;
  while (!run.finished()) {
    run.step(1.0);
    const auto s = run.sim().status();
    if (!s.mains_present) {
      went_ob = true;
      CHECK(*s.input_voltage < 12.2);
    }
    REQUIRE(s.output_on);
  }
  CHECK(went_ob);
  CHECK(run.sim().status().mains_present);
}

TEST_CASE("load-step: 45 W on battery is within ratings, then back to 10 W") {
  ScenarioRunner run(Scenario::load_named("load-step"));
  double max_a = 0;
  while (run.time_s() < 1600) {
    run.step(1.0);
    const auto s = run.sim().status();
    max_a = std::max(max_a, -*s.battery_current);
    CHECK_FALSE(s.flags.has(StatusFlag::OVER));
    CHECK_FALSE(s.protections.any());
  }
  CHECK(max_a > 5.5);   // ~50 W from a ~7.7 V pack
  CHECK(max_a < 7.5);   // within the continuous rating
  CHECK(*run.sim().status().output_power_w == 10.0);
}

TEST_CASE("kiosk-day: outage of 10 minutes, then the battery recharges") {
  ScenarioRunner run(Scenario::load_named("kiosk-day"));
  double on_battery_s = 0, min_charge = 100;
  while (!run.finished()) {
    run.step(1.0);
    const auto s = run.sim().status();
    if (!s.mains_present) on_battery_s += 1;
    min_charge = std::min(min_charge, *s.charge_pct);
  }
  CHECK(on_battery_s == Approx(600).margin(2));
  CHECK(min_charge < 90);
  CHECK(*run.sim().status().charge_pct > 99);
}
