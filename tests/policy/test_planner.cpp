// ShutdownPlanner: the state machine (debounce, point of no return, comm-loss dead-time), the
// latest-safe-moment rule, the UPS's 5 %/2 % settings, floors, explanations and JSON.
#include <catch2/catch.hpp>

#include <vector>

#include "fake_ups.hpp"
#include "policy/shutdown_planner.hpp"

using namespace aups;
using namespace aups::policy;

namespace {

struct Rig {
  ManualClock clock;
  test::FakeUps ups;
  ShutdownPlanner planner;
  bool sleep_setting = false;
  explicit Rig(PolicyConfig c = {}) : planner(clock, c) {}
  const Plan& step(double dt = 1) {
    ups.step(dt);
    clock.advance(dt);
    UpsReading r = ups.reading();
    r.settings->sleep_at_5pct = sleep_setting;
    return planner.update(r);
  }
  // Steps until the plan is decided (or max_s passes); returns the states seen in order.
  std::vector<PlanState> run_until_decided(double max_s) {
    std::vector<PlanState> seen;
    for (double t = 0; t < max_s && !planner.plan().decided(); ++t) {
      PlanState s = step().state;
      if (seen.empty() || seen.back() != s) seen.push_back(s);
    }
    return seen;
  }
};

}  // namespace

TEST_CASE("outages under the debounce time raise no alarm") {
  Rig rig;
  rig.step();
  rig.ups.mains = false;
  for (int i = 0; i < 4; ++i) CHECK(rig.step().state == PlanState::Online);
  CHECK(rig.planner.plan().explanation.find("Mains lost") != std::string::npos);
  rig.ups.mains = true;
  CHECK(rig.step().state == PlanState::Online);
  rig.ups.mains = false;
  for (int i = 0; i < 5; ++i) rig.step();
  CHECK(rig.step().state == PlanState::OnBattery);
  CHECK(rig.planner.plan().action == PlanAction::Shutdown);
  CHECK(*rig.planner.plan().action_in_s > 1800);
}

TEST_CASE("a steady outage walks online -> on_battery -> warning -> critical -> shutdown_started at the latest safe moment") {
  Rig rig;
  rig.ups.mains = false;
  std::vector<PlanState> seen = rig.run_until_decided(6 * 3600);
  REQUIRE(rig.planner.plan().decided());
  CHECK(seen == std::vector<PlanState>{PlanState::Online, PlanState::OnBattery, PlanState::Warning, PlanState::Critical,
                                       PlanState::ShutdownStarted});
  const Plan& p = rig.planner.plan();
  CHECK(p.action == PlanAction::Shutdown);
  CHECK(p.reason == PlanReason::Runtime);
  CHECK(*p.action_in_s == 0);
  // OS shutdown (60 s) + margin (120 s): down before 2 %, but not shut down needlessly early.
  double truth = rig.ups.seconds_to(2);
  CHECK(truth > 60 + 120);
  CHECK(truth < 60 + 120 + 180);
  CHECK(p.explanation.find("predicted time to 2 %") != std::string::npos);
  CHECK(p.explanation.find("OS shutdown (1 min)") != std::string::npos);

  rig.planner.poweroff_armed();
  CHECK(rig.step().state == PlanState::PoweroffArmed);
}

TEST_CASE("mains back before the point of no return cancels; after it, the shutdown stands") {
  Rig rig;
  rig.ups.mains = false;
  rig.ups.charge_pct = 12;
  for (int i = 0; i < 60; ++i) rig.step();
  REQUIRE(rig.planner.plan().state == PlanState::Warning);
  rig.ups.mains = true;
  const Plan& back = rig.step();
  CHECK(back.state == PlanState::Online);
  CHECK(back.action == PlanAction::None);
  CHECK_FALSE(back.action_in_s);

  rig.ups.mains = false;
  rig.run_until_decided(3600);
  REQUIRE(rig.planner.plan().state == PlanState::ShutdownStarted);
  rig.ups.mains = true;
  for (int i = 0; i < 10; ++i) CHECK(rig.step().state == PlanState::ShutdownStarted);
  rig.planner.resumed();
  CHECK(rig.step().state == PlanState::Online);
}

TEST_CASE("lost link on battery: nothing during the dead-time, then a shutdown decided at once") {
  Rig rig;
  rig.ups.mains = false;
  rig.ups.charge_pct = 30;
  for (int i = 0; i < 60; ++i) rig.step();
  REQUIRE(rig.planner.plan().state == PlanState::OnBattery);
  UpsReading last = rig.ups.reading();
  last.connected = false;
  last.stale = true;
  PlanState at_20s{};
  double decided_after = -1;
  std::vector<PlanState> seen;
  for (int i = 1; i <= 3600 && decided_after < 0; ++i) {
    rig.clock.advance(1);
    rig.ups.step(1);
    const Plan& p = rig.planner.update(last);
    if (i == 20) at_20s = p.state;
    if (seen.empty() || seen.back() != p.state) seen.push_back(p.state);
    if (p.decided()) decided_after = i;
  }
  CHECK(at_20s == PlanState::OnBattery);
  // Blind on battery, the charge is unknown: no countdown on extrapolated data, the shutdown
  // comes right after the dead-time (30 s), as upsmon does.
  CHECK(decided_after > 30);
  CHECK(decided_after <= 32);
  CHECK(seen == std::vector<PlanState>{PlanState::OnBattery, PlanState::ShutdownStarted});
  CHECK(rig.planner.plan().reason == PlanReason::CommLost);
  CHECK(rig.planner.plan().explanation.find("not answered") != std::string::npos);
  auto orders = rig.planner.take_orders();
  REQUIRE(orders.size() == 2);
  CHECK(orders[0].kind == Order::Kind::Shutdown);
  CHECK(orders[1].kind == Order::Kind::ArmKillPower);

  Rig blind;  // no data ever while on battery: nothing to extrapolate, act at the dead-time
  UpsReading none;
  none.status.flags.set(StatusFlag::OB);
  none.stale = true;
  for (int i = 0; i < 35; ++i) {
    blind.clock.advance(1);
    blind.planner.update(none);
  }
  CHECK(blind.planner.plan().state == PlanState::Online);  // never seen fresh: not known to be on battery
}

TEST_CASE("the firmware's forced shutdown (2 %) acts at once, even inside the debounce") {
  Rig rig;
  rig.ups.mains = false;
  rig.ups.step(1);
  rig.clock.advance(1);
  UpsReading r = rig.ups.reading();
  r.status.flags.set(StatusFlag::FSD);
  const Plan& p = rig.planner.update(r);
  CHECK(p.state == PlanState::ShutdownStarted);
  CHECK(p.reason == PlanReason::ShutdownAt2pct);
}

TEST_CASE("sleep at 5 %: at low load the UPS setting's sleep comes first; at high load the shutdown does") {
  Rig low;
  low.sleep_setting = true;
  low.ups.load_w = 5;
  low.ups.mains = false;
  low.ups.charge_pct = 10;
  low.run_until_decided(4 * 3600);
  CHECK(low.planner.plan().action == PlanAction::Sleep);
  CHECK(low.planner.plan().reason == PlanReason::SleepAt5pct);
  CHECK(low.ups.charge_pct == Approx(5).margin(0.3));
  CHECK(low.planner.output_off_delay_for_sleep_s(UpsSettings{}) >= 45);

  Rig high;
  high.sleep_setting = true;
  high.ups.load_w = 45;
  high.ups.mains = false;
  high.ups.charge_pct = 30;
  high.run_until_decided(3600);
  CHECK(high.planner.plan().action == PlanAction::Shutdown);
  CHECK(high.ups.charge_pct > 5);
}

TEST_CASE("a UPS that reports no settings is shut down, never put to sleep") {
  // Same low-load outage in which the AUPS2-A20's "sleep at 5 %" setting would sleep.
  ManualClock clock;
  test::FakeUps ups;
  ShutdownPlanner planner(clock, PolicyConfig{});
  ups.load_w = 5;
  ups.mains = false;
  ups.charge_pct = 10;
  for (double t = 0; t < 4 * 3600 && !planner.plan().decided(); ++t) {
    ups.step(1);
    clock.advance(1);
    UpsReading r = ups.reading();
    r.settings.reset();  // e.g. SNMP, or a HID UPS without the vendor page
    planner.update(r);
  }
  REQUIRE(planner.plan().decided());
  CHECK(planner.plan().action == PlanAction::Shutdown);
  CHECK(ups.charge_pct > 2);
}

TEST_CASE("charge floor and runtime floor act earlier when configured") {
  PolicyConfig c;
  c.charge_floor_pct = 20;
  Rig rig(c);
  rig.ups.mains = false;
  rig.ups.charge_pct = 40;
  rig.run_until_decided(4 * 3600);
  CHECK(rig.planner.plan().reason == PlanReason::ChargeFloor);
  CHECK(rig.ups.charge_pct == Approx(20).margin(0.5));

  PolicyConfig rf;
  rf.runtime_floor_s = 900;
  Rig r2(rf);
  r2.ups.mains = false;
  r2.ups.charge_pct = 40;
  r2.run_until_decided(4 * 3600);
  CHECK(r2.planner.plan().reason == PlanReason::RuntimeFloor);
  CHECK(r2.ups.seconds_to(2) > 900);
}

TEST_CASE("a trusted low-battery flag without charge data triggers the shutdown") {
  Rig rig;
  rig.ups.mains = false;
  for (int i = 0; i < 10; ++i) {
    rig.clock.advance(1);
    rig.ups.step(1);
    UpsReading r = rig.ups.reading();
    r.status.charge_pct.reset();
    r.status.flags.set(StatusFlag::LB, i >= 8);
    rig.planner.update(r);
  }
  CHECK(rig.planner.plan().decided());
  CHECK(rig.planner.plan().reason == PlanReason::LowBatteryFlag);
}

TEST_CASE("a measured OS shutdown duration moves the decision") {
  Rig quick, slow;
  slow.planner.record_shutdown_duration(300);
  CHECK(slow.planner.shutdown_duration_s() == 300);
  for (Rig* r : {&quick, &slow}) {
    r->ups.mains = false;
    r->ups.charge_pct = 30;
    r->run_until_decided(4 * 3600);
  }
  CHECK(slow.ups.charge_pct > quick.ups.charge_pct + 3);
}

TEST_CASE("the plan as the IPC 'plan' object") {
  Rig rig;
  rig.ups.mains = false;
  rig.ups.charge_pct = 12;
  for (int i = 0; i < 30; ++i) rig.step();
  nlohmann::json j = to_json(rig.planner.plan());
  for (const char* key : {"state", "action", "reason", "explanation", "action_in_s", "runtime_to_2pct_s",
                          "runtime_to_empty_s", "uncertainty_s", "dry_run"})
    CHECK(j.contains(key));
  CHECK(j["state"] == "warning");
  CHECK(j["action"] == "shutdown");
  CHECK(j["reason"] == "runtime");
  CHECK(j["explanation"].get<std::string>().rfind("On battery. Shutting down in ", 0) == 0);
  Rig online;
  online.step();
  nlohmann::json o = to_json(online.planner.plan());
  CHECK(o["state"] == "online");
  CHECK(o["reason"].is_null());
  CHECK(o["action_in_s"].is_null());
  CHECK(format_duration(250) == "4 min 10 s");
  CHECK(format_duration(360) == "6 min");
  CHECK(format_duration(45) == "45 s");
  CHECK(format_duration(4800) == "1 h 20 min");
}

TEST_CASE("policy config: validation names the field, JSON updates are checked") {
  PolicyConfig c;
  CHECK_FALSE(validate(c));
  c.margin_s = -1;
  CHECK(validate(c)->field == "margin_s");
  c = {};
  c.charge_floor_pct = 1.5;
  CHECK(validate(c)->field == "charge_floor_pct");
  auto ok = apply_policy_json({}, {{"margin_s", 200}});
  REQUIRE(std::holds_alternative<PolicyConfig>(ok));
  CHECK(std::get<PolicyConfig>(ok).margin_s == 200);
  // A dry run is fixed when the agent starts: no policy update turns it off (or on).
  CHECK(std::get<SettingError>(apply_policy_json({}, {{"dry_run", false}})).field == "dry_run");
  CHECK(std::get<SettingError>(apply_policy_json({}, {{"dry_run", true}})).field == "dry_run");
  CHECK(std::get<SettingError>(apply_policy_json({}, {{"margins", 1}})).field == "margins");
  CHECK(std::get<SettingError>(apply_policy_json({}, {{"debounce_s", "5"}})).field == "debounce_s");
  ManualClock clock;
  PolicyConfig bad;
  bad.sleep_duration_s = 0;
  ShutdownPlanner planner(clock, bad);  // refused: the defaults stand
  CHECK(planner.config() == PolicyConfig{});
  CHECK_FALSE(planner.set_config(bad));
}

TEST_CASE("a charge of 0 right after mains fails neither shuts down nor hides why") {
  Rig rig;
  rig.ups.charge_pct = 90;
  rig.step();
  rig.ups.mains = false;
  for (int i = 0; i < 30; ++i) {
    rig.ups.step(1);
    rig.clock.advance(1);
    UpsReading r = rig.ups.reading();
    r.status.charge_pct = 0;  // the firmware's lie
    r.status.runtime_s = 65535;
    rig.planner.update(r);
  }
  const Plan& p = rig.planner.plan();
  CHECK_FALSE(p.decided());
  CHECK(p.state == PlanState::OnBattery);
  CHECK(*p.charge_pct > 85);  // held and extrapolated from the last believable value
  INFO(p.explanation);
  CHECK(p.explanation.find("charge 0 % contradicts battery voltage") != std::string::npos);
  CHECK(p.explanation.find("65535") != std::string::npos);
}
