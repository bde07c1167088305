// Cost of one sample through the policy: sanity checks + runtime estimator + planner update,
// on a steady discharge (the agent does this once per UPS report, ~1 Hz), and one whole drill.
#include <benchmark/benchmark.h>

#include "drill/drill.hpp"
#include "core/clock.hpp"
#include "policy/shutdown_planner.hpp"

namespace {

aups::UpsReading reading_at(double t, double charge) {
  aups::UpsReading r;
  r.connected = true;
  r.stale = false;
  r.updated_s = t;
  r.settings = aups::UpsSettings{};
  aups::UpsStatus& s = r.status;
  s.charge_pct = charge;
  s.battery_voltage = 6.6 + 1.6 * charge / 100;
  s.battery_current = -25.0 / *s.battery_voltage;
  s.output_power_w = 23;
  s.temperature_c = 27;
  s.runtime_s = charge * 50;
  s.full_charge_capacity_ah = 4.6;
  s.flags.set(aups::StatusFlag::OB);
  s.flags.set(aups::StatusFlag::DISCHRG);
  return r;
}

void BM_PlannerUpdate(benchmark::State& state) {
  aups::ManualClock clock;
  aups::policy::ShutdownPlanner planner(clock);
  double t = 0, charge = 100;
  for (auto _ : state) {
    clock.set(t);
    benchmark::DoNotOptimize(planner.update(reading_at(t, charge)));
    t += 1;
    charge -= 0.02;
    if (charge < 20) charge = 100, planner.resumed();  // stay in the on-battery regime
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PlannerUpdate);

void BM_DrillLongOutage(benchmark::State& state) {
  aups::drill::DrillOptions o;
  o.scenario = "long-outage";
  for (auto _ : state) benchmark::DoNotOptimize(aups::drill::run_drill(o));
}
BENCHMARK(BM_DrillLongOutage)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
