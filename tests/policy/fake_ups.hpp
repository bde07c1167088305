#pragma once
// A deliberately simple battery for policy unit tests: linear OCV, fixed resistance and a
// true capacity the test chooses, so the estimator's own (different) model has to learn it.
#include <algorithm>
#include <cmath>

#include "core/ups_source.hpp"

namespace aups::test {

struct FakeUps {
  double charge_pct = 100;
  double capacity_ah = 5;    // true capacity from 100 % to 0 %
  double load_w = 25;
  bool mains = true;
  double temperature_c = 25;
  double t_s = 0;

  double volts() const {
    double ocv = 2 * (3.2 + 1.0 * charge_pct / 100);
    return mains ? ocv : ocv - load_w / ocv * 0.1;
  }
  void step(double dt) {
    t_s += dt;
    if (!mains) charge_pct = std::max(0.0, charge_pct - load_w / volts() * dt / 3600 / capacity_ah * 100);
  }
  // The truth: steps a copy on battery until it reaches pct.
  double seconds_to(double pct) const {
    FakeUps copy = *this;
    copy.mains = false;
    double t = 0;
    while (copy.charge_pct > pct && t < 1e6) copy.step(1), t += 1;
    return t;
  }

  UpsReading reading() const {
    UpsReading r;
    r.connected = true;
    r.stale = false;
    r.updated_s = t_s;
    r.settings = UpsSettings{};
    UpsStatus& s = r.status;
    s.mains_present = mains;
    s.output_on = true;
    s.charge_pct = std::round(charge_pct * 10) / 10;
    s.battery_voltage = volts();
    s.battery_current = mains ? 0.0 : -load_w / *s.battery_voltage;
    s.output_power_w = load_w * 0.92;
    s.temperature_c = temperature_c;
    s.full_charge_capacity_ah = 5.0;
    s.flags.set(mains ? StatusFlag::OL : StatusFlag::OB);
    if (!mains) s.flags.set(StatusFlag::DISCHRG);
    return r;
  }
};

}  // namespace aups::test
