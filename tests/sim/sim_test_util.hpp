#pragma once
// Small helpers for driving the simulator in tests.
#include <functional>
#include <string>

#include "sim/simulator.hpp"

namespace aups::sim::test {

// Steps by dt until pred holds; returns the simulated seconds it took, or -1 after max_s.
inline double run_until(Simulator& sim, const std::function<bool()>& pred, double max_s,
                        double dt = 0.1) {
  const double t0 = sim.time_s();
  while (sim.time_s() - t0 < max_s) {
    if (pred()) return sim.time_s() - t0;
    sim.step(dt);
  }
  return pred() ? sim.time_s() - t0 : -1;
}

// SimConfig with chained setters (designated initializers trip -Wmissing-field-initializers).
struct Cfg : SimConfig {
  Cfg& charge(double pct) { initial_charge_pct = pct; return *this; }
  Cfg& input(double v) { input_voltage = v; return *this; }
  Cfg& load(double w) { load_w = w; return *this; }
  Cfg& ambient(double c) { ambient_c = c; return *this; }
  Cfg& cycles(int n) { cycle_count = n; return *this; }
  Cfg& eeprom(const std::string& path) { eeprom_path = path; return *this; }
};

inline bool has_event(const std::vector<SimEvent>& events, SimEventKind kind) {
  for (const auto& e : events)
    if (e.kind == kind) return true;
  return false;
}

}  // namespace aups::sim::test
