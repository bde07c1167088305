// What follows a decision, owned by the planner: the orders the agent carries out, once per
// outage; a second outage gets its own action; a restart resumes an action already taken;
// a sleep that would not survive the UPS cutting power becomes a shutdown.
#include <catch2/catch.hpp>

#include <vector>

#include "fake_ups.hpp"
#include "policy/shutdown_planner.hpp"

using namespace aups;
using namespace aups::policy;
using Kind = Order::Kind;

namespace {

struct Rig {
  ManualClock clock;
  test::FakeUps ups;
  ShutdownPlanner planner;
  bool sleep_setting = false;
  std::vector<Kind> kinds;  // every order given so far, in order
  explicit Rig(bool dry_run) : planner(clock, PolicyConfig{}, {}, {}, dry_run) {}
  void step(double dt = 1) {
    ups.step(dt);
    clock.advance(dt);
    UpsReading r = ups.reading();
    r.settings->sleep_at_5pct = sleep_setting;
    planner.update(r);
    for (const Order& o : planner.take_orders()) kinds.push_back(o.kind);
  }
  void outage_until_decided(double max_s = 4 * 3600) {
    ups.mains = false;
    for (double t = 0; t < max_s && !planner.plan().decided(); ++t) step();
  }
  void mains_back(double s = 10) {
    ups.mains = true;
    for (int i = 0; i < s; ++i) step();
  }
  long count(Kind k) const { return std::count(kinds.begin(), kinds.end(), k); }
};

}  // namespace

TEST_CASE("orders: warn, critical, shutdown and kill-power, each once, in that order") {
  Rig rig(false);
  rig.ups.charge_pct = 20;
  rig.outage_until_decided();
  REQUIRE(rig.planner.plan().decided());
  CHECK(rig.kinds == std::vector<Kind>{Kind::Warn, Kind::Critical, Kind::Shutdown, Kind::ArmKillPower});
  for (int i = 0; i < 30; ++i) rig.step();
  CHECK(rig.kinds.size() == 4);  // the decision stands and orders nothing more
}

TEST_CASE("a state that flaps around the critical threshold announces critical once per outage") {
  Rig rig(true);
  rig.ups.charge_pct = 20;
  rig.ups.mains = false;
  while (rig.planner.plan().state != PlanState::Critical) rig.step();
  // A lighter load moves the action further away (back to warning), then the load returns.
  for (int flap = 0; flap < 3; ++flap) {
    rig.ups.load_w = 5;
    for (int i = 0; i < 90; ++i) rig.step();
    rig.ups.load_w = 25;
    for (int i = 0; i < 90 && rig.planner.plan().state != PlanState::Critical; ++i) rig.step();
  }
  CHECK(rig.count(Kind::Critical) == 1);
  CHECK(rig.count(Kind::Warn) == 1);
}

TEST_CASE("a dry run: the second and third outages in one process each get their own action") {
  Rig rig(true);
  for (int outage = 1; outage <= 3; ++outage) {
    rig.ups.charge_pct = 8;
    rig.outage_until_decided();
    REQUIRE(rig.planner.plan().decided());
    CHECK(rig.count(Kind::Shutdown) == outage);
    CHECK(rig.planner.action_taken());
    rig.mains_back();
    CHECK(rig.planner.plan().state == PlanState::Online);
    CHECK_FALSE(rig.planner.action_taken());  // the action belonged to that outage
    CHECK(rig.count(Kind::Disarm) == outage);
  }
  CHECK(rig.count(Kind::AlreadyTaken) == 0);
}

TEST_CASE("restarted mid-outage after the action: a dry run does not repeat it, a real one does") {
  Rig dry(true);
  dry.planner.restore_action_taken();
  dry.ups.charge_pct = 8;
  dry.outage_until_decided();
  CHECK(dry.count(Kind::AlreadyTaken) == 1);
  CHECK(dry.count(Kind::Shutdown) == 0);

  Rig real(false);
  real.planner.restore_action_taken();
  real.ups.charge_pct = 8;
  real.outage_until_decided();
  CHECK(real.count(Kind::Shutdown) == 1);  // the OS is evidently not down yet: start it again

  Rig back(true);  // restarted after mains returned: the record is cleared, the next outage acts
  back.planner.restore_action_taken();
  back.step();
  CHECK_FALSE(back.planner.action_taken());
  CHECK(back.count(Kind::Disarm) == 1);
  back.ups.charge_pct = 8;
  back.outage_until_decided();
  CHECK(back.count(Kind::Shutdown) == 1);
}

TEST_CASE("sleep at 5 %: arm the output-off, then sleep - only where the sleep survives a power cut") {
  Rig hybrid(false);
  hybrid.sleep_setting = true;
  hybrid.ups.load_w = 5;
  hybrid.ups.charge_pct = 10;
  hybrid.outage_until_decided();
  CHECK(hybrid.planner.plan().action == PlanAction::Sleep);
  CHECK(hybrid.kinds == std::vector<Kind>{Kind::Warn, Kind::Critical, Kind::ArmOutputOff, Kind::Sleep});

  Rig suspend_only(false);  // plain suspend loses RAM when the UPS cuts: shut down there instead
  suspend_only.planner.set_sleep_survives_power_loss(false);
  suspend_only.sleep_setting = true;
  suspend_only.ups.load_w = 5;
  suspend_only.ups.charge_pct = 10;
  suspend_only.outage_until_decided();
  CHECK(suspend_only.planner.plan().action == PlanAction::Shutdown);
  CHECK(suspend_only.planner.plan().reason == PlanReason::SleepAt5pct);
  CHECK(suspend_only.count(Kind::ArmOutputOff) == 0);
  CHECK(suspend_only.count(Kind::Shutdown) == 1);
  CHECK(suspend_only.ups.charge_pct == Approx(5).margin(0.3));
}

TEST_CASE("after a real shutdown, mains back does not cancel it: the plan stands, nothing is disarmed") {
  Rig rig(false);
  rig.ups.charge_pct = 8;
  rig.outage_until_decided();
  rig.mains_back();
  CHECK(rig.planner.plan().decided());
  CHECK(rig.count(Kind::Disarm) == 0);
}
