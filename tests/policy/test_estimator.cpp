// RuntimeEstimator: energy model (sag, temperature), learning, device-runtime trust, uncertainty.
#include <catch2/catch.hpp>

#include "fake_ups.hpp"
#include "policy/runtime_estimator.hpp"

using namespace aups;
using namespace aups::policy;

namespace {

struct Run {
  test::FakeUps ups;
  ReadingSanity sanity;
  RuntimeEstimator est;
  Estimate last;
  explicit Run(BatteryLearning l = {}) : est(BatteryModel{}, l) {}
  Estimate step(double dt = 1) {
    ups.step(dt);
    last = est.update(sanity.check(ups.reading(), ups.t_s));
    return last;
  }
  void run(double seconds) {
    for (double t = 0; t < seconds; t += 1) step();
  }
};

}  // namespace

TEST_CASE("usable energy: less at high current (sag) and in the cold") {
  BatteryModel m;
  double at_1a = usable_energy_wh(m, 5, 100, 2, 1.0, 25);
  double at_7a = usable_energy_wh(m, 5, 100, 2, 7.0, 25);
  CHECK(at_1a == Approx(36).margin(2.5));  // 5 Ah x ~7.4 V
  CHECK(at_7a < at_1a * 0.93);
  CHECK(usable_energy_wh(m, 5, 100, 2, 1.0, 0) < at_1a * 0.85);
  CHECK(usable_energy_wh(m, 5, 2, 50, 1.0, 25) == 0);
  CHECK(ocv_per_cell(100) == Approx(4.2));
  CHECK(ocv_per_cell(-5) == Approx(3.0));
}

TEST_CASE("steady discharge: time to 2 % close to the truth, uncertainty shrinks with evidence") {
  Run r;
  r.ups.mains = false;
  r.step();
  double early_rel = r.last.uncertainty_s / *r.last.to_2pct_s;
  r.run(1800);  // 30 min at 25 W: ~ 34 % drop
  double truth = r.ups.seconds_to(2);
  REQUIRE(r.last.to_2pct_s);
  CHECK(*r.last.to_2pct_s == Approx(truth).epsilon(0.08));
  CHECK(*r.last.to_empty_s > *r.last.to_2pct_s);
  CHECK(*r.last.to_5pct_s < *r.last.to_2pct_s);
  double late_rel = r.last.uncertainty_s / *r.last.to_2pct_s;
  CHECK(late_rel < early_rel / 2);
  CHECK(r.last.load_w == Approx(25).epsilon(0.05));
}

TEST_CASE("cold pack: shorter predicted runtime") {
  Run warm, cold;
  warm.ups.mains = cold.ups.mains = false;
  cold.ups.temperature_c = 0;
  warm.step();
  cold.step();
  CHECK(*cold.last.to_2pct_s < *warm.last.to_2pct_s * 0.85);
}

TEST_CASE("learning: a weak pack is learned from a completed discharge") {
  Run r;
  r.ups.capacity_ah = 3.7;  // 74 % of the 5 Ah it reports
  r.ups.mains = false;
  r.step();
  double naive = *r.last.to_2pct_s;
  CHECK(naive > r.ups.seconds_to(2) * 1.2);  // the model alone is optimistic here
  r.run(2400);                               // ~ 60 % drop
  CHECK(*r.last.to_2pct_s == Approx(r.ups.seconds_to(2)).epsilon(0.1));  // corrected online
  REQUIRE(r.est.observed_factor());
  CHECK(*r.est.observed_factor() == Approx(0.74).margin(0.04));
  r.ups.mains = true;
  r.step();  // mains back: the discharge is learned
  const BatteryLearning& l = r.est.learning();
  CHECK(l.discharges_learned == 1);
  CHECK(l.capacity_factor == Approx(0.74).margin(0.07));

  Run next(l);  // the next outage starts with what was learned
  next.ups.capacity_ah = 3.7;
  next.ups.mains = false;
  next.step();
  Run fresh;
  fresh.ups.capacity_ah = 3.7;
  fresh.ups.mains = false;
  fresh.step();
  double truth = next.ups.seconds_to(2);
  CHECK(std::abs(*next.last.to_2pct_s - truth) < std::abs(*fresh.last.to_2pct_s - truth) / 3);

  BatteryLearning shallow;
  shallow.learn_discharge(0.5, 3);  // a 3 % blip says nothing
  CHECK(shallow.discharges_learned == 0);
  CHECK(shallow.capacity_factor == 1.0);
}

TEST_CASE("learning is stored and a corrupt store is refused") {
  BatteryLearning l;
  l.learn_discharge(0.8, 90);
  l.record_shutdown(75);
  l.record_shutdown(45);
  CHECK(*l.os_shutdown_s < 75);
  CHECK(*l.os_shutdown_s > 45);
  auto back = learning_from_json(to_json(l));
  REQUIRE(std::holds_alternative<BatteryLearning>(back));
  CHECK(std::get<BatteryLearning>(back) == l);
  CHECK(std::holds_alternative<std::string>(learning_from_json({{"capacity_factor", 9.0}})));
  CHECK(std::holds_alternative<std::string>(learning_from_json({{"os_shutdown_s", "slow"}})));
  CHECK(std::holds_alternative<std::string>(learning_from_json(nlohmann::json::array())));
}

TEST_CASE("uncertainty grows with load variance and missing data") {
  Run steady, noisy;
  steady.ups.mains = noisy.ups.mains = false;
  for (int i = 0; i < 600; ++i) {
    noisy.ups.load_w = i % 20 < 10 ? 10 : 40;
    steady.ups.load_w = 25;
    steady.step();
    noisy.step();
  }
  CHECK(noisy.last.uncertainty_s / *noisy.last.to_2pct_s > 1.5 * steady.last.uncertainty_s / *steady.last.to_2pct_s);

  // Without the pack's V*I or output power the load is not measured: more doubt.
  RuntimeEstimator est;
  ReadingSanity sanity;
  test::FakeUps ups;
  ups.mains = false;
  UpsReading reading = ups.reading();
  Estimate with = est.update(sanity.check(reading, 0));
  RuntimeEstimator est2;
  est2.update(sanity.check(reading, 0));
  reading.status.battery_current.reset();
  reading.status.output_power_w.reset();
  reading.updated_s = 1;
  Estimate without = est2.update(sanity.check(reading, 1));
  CHECK(without.uncertainty_s / *without.to_2pct_s > with.uncertainty_s / *with.to_2pct_s);
}

TEST_CASE("device runtime: blended once it proves consistent, never when it lies") {
  Run good, sentinel, wild;
  for (Run* r : {&good, &sentinel, &wild}) r->ups.mains = false;
  for (int i = 0; i < 300; ++i) {
    for (Run* r : {&good, &sentinel, &wild}) {
      r->ups.step(1);
      UpsReading reading = r->ups.reading();
      if (r == &good) reading.status.runtime_s = r->ups.seconds_to(0);
      if (r == &sentinel) reading.status.runtime_s = 65535;
      if (r == &wild) reading.status.runtime_s = r->ups.seconds_to(0) * 5;
      r->last = r->est.update(r->sanity.check(reading, r->ups.t_s));
    }
  }
  CHECK(good.last.device_runtime_used);
  CHECK_FALSE(sentinel.last.device_runtime_used);
  CHECK_FALSE(wild.last.device_runtime_used);
  auto mentions = [](const Estimate& e, const char* word) {
    for (const auto& n : e.notes)
      if (n.find(word) != std::string::npos) return true;
    return false;
  };
  CHECK(mentions(sentinel.last, "sentinel"));
  CHECK(mentions(wild.last, "contradicts"));
  CHECK(*wild.last.to_2pct_s == Approx(*good.last.to_2pct_s).epsilon(0.05));
}

TEST_CASE("extrapolation while the link is down: runs down, grows doubt") {
  Run r;
  r.ups.mains = false;
  r.run(120);
  Estimate before = r.last;
  Estimate after = r.est.extrapolate(r.ups.t_s + 40);
  CHECK(*after.to_2pct_s == Approx(*before.to_2pct_s - 40));
  CHECK(after.uncertainty_s > before.uncertainty_s + 15);
  CHECK_FALSE(after.notes.empty());
}

TEST_CASE("high load: the pack's cut-off (sag below end of discharge, over-current) comes before 2 %") {
  BatteryModel m;
  // A healthy pack at 60 % charge, 3.4 A now: at 25 W it runs down to 2 %, at 55 W it stops early.
  double at_25w = cutoff_charge_pct(m, 60, 7.5, 3.4, 25, 0.10);
  double at_55w = cutoff_charge_pct(m, 60, 7.1, 7.7, 55, 0.10);
  CHECK(at_25w < 2);
  CHECK(at_55w > 2.5);
  // A worn pack (more resistance) stops earlier still.
  CHECK(cutoff_charge_pct(m, 60, 6.9, 7.9, 55, 0.20) > at_55w);
  CHECK(cutoff_charge_pct(m, 60, 7.5, 0, 0, 0.1) == 0);
}
