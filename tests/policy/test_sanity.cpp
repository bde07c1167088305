// "Real UPSes lie": each lie from issue 5 is caught, and each rejection says why.
#include <catch2/catch.hpp>

#include "fake_ups.hpp"
#include "policy/reading_sanity.hpp"

using namespace aups;
using namespace aups::policy;

namespace {
bool says(const CheckedReading& c, const char* word) {
  for (const auto& r : c.rejected)
    if (r.find(word) != std::string::npos) return true;
  return false;
}
UpsReading on_battery(double t, double charge) {
  test::FakeUps ups;
  ups.mains = false;
  ups.charge_pct = charge;
  ups.t_s = t;
  return ups.reading();
}
}  // namespace

TEST_CASE("runtime stuck at 65535 s is the firmware's 'unknown'") {
  ReadingSanity s;
  UpsReading r = on_battery(0, 80);
  r.status.runtime_s = 65535;
  CheckedReading c = s.check(r, 0);
  CHECK_FALSE(c.runtime_s);
  CHECK(says(c, "65535"));
  r.status.runtime_s = -1;
  CHECK_FALSE(s.check(r, 0).runtime_s);
}

TEST_CASE("a runtime that does not move on battery is stuck") {
  ReadingSanity s;
  CheckedReading c;
  for (int t = 0; t <= 70; ++t) {
    UpsReading r = on_battery(t, 80 - t * 0.05);
    r.status.runtime_s = 3600;
    c = s.check(r, t);
    if (t < 59) CHECK(c.runtime_s);
  }
  CHECK_FALSE(c.runtime_s);
  CHECK(says(c, "stuck"));
  UpsReading moving = on_battery(71, 76);
  moving.status.runtime_s = 3500;
  CHECK(s.check(moving, 71).runtime_s);
}

TEST_CASE("charge 0 right after an outage begins is held until it proves itself") {
  ReadingSanity s;
  REQUIRE(s.check(on_battery(0, 95), 0).charge_pct == 95);
  UpsReading zero = on_battery(1, 0);
  zero.status.battery_voltage = 6.0;  // voltage no help: only the jump gives it away
  CheckedReading c = s.check(zero, 1);
  CHECK_FALSE(c.charge_pct);
  CHECK(says(c, "jumped"));
  for (int t = 2; t < 121; ++t) {
    zero.updated_s = t;
    CheckedReading held = s.check(zero, t);
    CHECK(held.fresh);
    CHECK_FALSE(held.charge_pct);
  }
  zero.updated_s = 122;
  CHECK(s.check(zero, 122).charge_pct == 0);  // persisted 2 minutes: believed

  ReadingSanity fresh;  // no history, but the voltage says the pack is not empty
  UpsReading lie = on_battery(0, 0);
  lie.status.battery_voltage = 8.0;
  CheckedReading v = fresh.check(lie, 0);
  CHECK_FALSE(v.charge_pct);
  CHECK(says(v, "voltage"));
}

TEST_CASE("low battery at 95 % charge is not believed; at 8 % it is") {
  ReadingSanity s;
  UpsReading r = on_battery(0, 95);
  r.status.flags.set(StatusFlag::LB);
  CheckedReading c = s.check(r, 0);
  CHECK_FALSE(c.low_battery);
  CHECK(says(c, "low battery flag at 95"));
  ReadingSanity s2;
  UpsReading low = on_battery(0, 8);
  low.status.battery_voltage = 6.6;
  low.status.flags.set(StatusFlag::LB);
  CHECK(s2.check(low, 0).low_battery);
}

TEST_CASE("a low-battery threshold of 100 % makes the LB flag meaningless") {
  ReadingSanity s;
  s.set_low_battery_threshold(100);
  UpsReading low = on_battery(0, 8);
  low.status.battery_voltage = 6.6;
  low.status.flags.set(StatusFlag::LB);
  CheckedReading c = s.check(low, 0);
  CHECK_FALSE(c.low_battery);
  CHECK(says(c, "threshold of 100"));
  s.set_low_battery_threshold(10);
  CHECK(s.check(low, 0).low_battery);
}

TEST_CASE("stale data is not used, and says how old it is") {
  ReadingSanity s;
  UpsReading r = on_battery(0, 50);
  r.stale = true;
  CheckedReading c = s.check(r, 0);
  CHECK_FALSE(c.fresh);
  CHECK_FALSE(c.charge_pct);
  CHECK(c.on_battery);
  r.stale = false;  // not flagged stale by the source, but old
  c = s.check(r, 45);
  CHECK_FALSE(c.fresh);
  CHECK(says(c, "45 s old"));
  r.connected = false;
  CHECK_FALSE(s.check(r, 0).fresh);
}

TEST_CASE("out-of-range values are rejected with a reason") {
  ReadingSanity s;
  UpsReading r = on_battery(0, 50);
  r.status.charge_pct = 140;
  r.status.full_charge_capacity_ah = -3;
  CheckedReading c = s.check(r, 0);
  CHECK_FALSE(c.charge_pct);
  CHECK_FALSE(c.capacity_ah);
  CHECK(says(c, "out of range"));
  CHECK(says(c, "capacity"));
}
