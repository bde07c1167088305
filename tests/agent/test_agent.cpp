// The agent with a fake UPS: events from the device, the plan's dry-run action, IPC answers,
// settings with authorization and audit, a lost link, a failing store.
#include <catch2/catch.hpp>

#include <thread>

#include "agent/agent.hpp"
#include "fake_source.hpp"
#include "ipc/client.hpp"
#include "temp_dir.hpp"

using namespace aups;
using nlohmann::json;

namespace {

struct Rig {
  test::TempDir dir;
  std::shared_ptr<test::FakeSource::Shared> ups = std::make_shared<test::FakeSource::Shared>();
  SteadyClock clock;
  std::unique_ptr<agent::Agent> agent;
  agent::AgentConfig config;

  Rig() {
    ups->reading = test::online_reading();
    config.device = "fake://test";
    config.socket = dir / "aupsd.sock";
    config.state_dir = dir / "state";
    config.dry_run = true;
    config.kill_power_flag = dir / "killpower";
    config.policy.debounce_s = 0.2;
    config.pin_hash = *agent::hash_pin("2468", true);
  }
  void start() {
    agent = std::make_unique<agent::Agent>(config, [this](const std::string&, std::string*) {
      return std::make_unique<test::FakeSource>(ups);
    }, clock);
    REQUIRE_FALSE(agent->start());
  }
  void set(std::function<void(UpsReading&)> change) {
    std::lock_guard lock(ups->mu);
    change(ups->reading);
  }
  ipc::CallResult ask(json req) { return ipc::call(config.socket, std::move(req), 5); }
  bool has_event(const std::string& kind) {
    for (auto& e : agent->recent_events()) if (e.kind == kind) return true;
    return false;
  }
  // The event is emitted before the snapshot of the same step is published: wait for both.
  json wait_snapshot(const std::function<bool(const json&)>& ok, double s = 5) {
    json snap;
    for (int i = 0; i < s * 100; ++i) {
      auto r = ask({{"cmd", "status"}});
      if (r && ok(snap = r.reply["snapshot"])) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return snap;
  }
  bool wait_event(const std::string& kind, double s = 5) {
    for (int i = 0; i < s * 100; ++i) {
      if (has_event(kind)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
};

void go_on_battery(UpsReading& r, double charge) {
  r.status.mains_present = false;
  r.status.flags = {};
  r.status.flags.set(StatusFlag::OB);
  r.status.flags.set(StatusFlag::DISCHRG);
  r.status.charge_pct = charge;
  r.status.battery_current = -1.5;
  r.status.battery_voltage = 6.6;
  r.status.runtime_s = charge * 36;
}

}  // namespace

TEST_CASE("Mains lost at low charge: the dry-run shutdown fires, is stored and shown", "[agent]") {
  Rig rig;
  rig.ups->reading.status.charge_pct = 4;  // a battery already low (sanity checks doubt sudden jumps)
  rig.start();
  REQUIRE(rig.ask({{"cmd", "status"}}));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  rig.set([](UpsReading& r) { go_on_battery(r, 4); });
  REQUIRE(rig.wait_event("mains_lost"));
  if (!rig.wait_event("shutdown_started", 10)) FAIL(rig.agent->snapshot()["plan"].dump());
  json snap = rig.wait_snapshot([](const json& s) { return s["plan"]["state"] == "poweroff_armed"; });
  const json& plan = snap["plan"];
  CHECK(plan["dry_run"] == true);
  CHECK(plan["state"] == "poweroff_armed");
  CHECK(snap["ups"]["ups.status"] == "OB DISCHRG");
  rig.agent->flush_store();
  auto events = rig.ask({{"cmd", "events"}, {"limit", 50}});
  REQUIRE(events);
  bool stored = false;
  for (auto& e : events.reply["events"])
    if (e["kind"] == "shutdown_started") stored = e["message"].get<std::string>().find("dry run") == 0;
  CHECK(stored);
  CHECK_FALSE(std::filesystem::exists(rig.config.kill_power_flag));  // dry run arms nothing
}

TEST_CASE("Subscribers get pushed snapshots and events without polling", "[agent]") {
  Rig rig;
  rig.start();
  std::atomic<int> snapshots{0};
  std::mutex mu;
  std::vector<std::string> kinds;
  ipc::Subscription sub(rig.config.socket, {.on_snapshot = [&](const json&) { ++snapshots; },
                                            .on_event = [&](const json& e) {
                                              std::lock_guard lock(mu);
                                              kinds.push_back(e["kind"]);
                                            },
                                            .on_connection = {}});
  for (int i = 0; i < 200 && !sub.connected(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(sub.connected());
  rig.set([](UpsReading& r) { go_on_battery(r, 80); });
  REQUIRE(rig.wait_event("mains_lost"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(snapshots >= 2);
  std::lock_guard lock(mu);
  CHECK(std::find(kinds.begin(), kinds.end(), "mains_lost") != kinds.end());
}

TEST_CASE("Settings: refused without rights, applied with the PIN, audited, read back", "[agent]") {
  Rig rig;
  rig.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  // Root (this test) may change settings directly.
  auto r = rig.ask({{"cmd", "settings.set"}, {"settings", {{"ups.delay.shutdown", 120}}}});
  REQUIRE(r);
  CHECK(r.reply["settings"]["ups.delay.shutdown"] == 120);
  CHECK(rig.ups->reading.settings->dc_output_off_delay_s == 120);
  CHECK(rig.wait_event("settings_changed"));

  // Invalid values are refused before any write.
  auto bad = rig.ask({{"cmd", "settings.set"}, {"settings", {{"ups.delay.shutdown", 99999}}}});
  CHECK_FALSE(bad);
  CHECK(bad.message().find("3600") != std::string::npos);
  auto bad_policy = rig.ask({{"cmd", "settings.set"}, {"policy", {{"margin_s", -1}}}});
  CHECK(bad_policy.message().find("policy.margin_s") == 0);

  // A policy change goes to the planner and is read back.
  auto p = rig.ask({{"cmd", "settings.set"}, {"policy", {{"margin_s", 240}}}});
  REQUIRE(p);
  CHECK(p.reply["policy"]["margin_s"] == 240);

  // A UPS that refuses the write: clear error, event, old values kept.
  rig.ups->write_error = "device said no";
  auto failed = rig.ask({{"cmd", "settings.set"}, {"settings", {{"ups.beeper.status", "disabled"}}}});
  CHECK_FALSE(failed);
  CHECK(failed.message().find("device said no") != std::string::npos);
  CHECK(rig.wait_event("settings_write_failed"));
}

TEST_CASE("A lost link is reported and re-opened", "[agent]") {
  Rig rig;
  rig.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  rig.ups->mu.lock();
  rig.ups->reachable = false;
  rig.ups->mu.unlock();
  REQUIRE(rig.wait_event("comm_lost"));
  json s = rig.wait_snapshot([](const json& s) { return s["source"]["connected"] == false; });
  CHECK(s["source"]["connected"] == false);
  rig.ups->mu.lock();
  rig.ups->reachable = true;
  rig.ups->mu.unlock();
  REQUIRE(rig.wait_event("comm_restored"));
  CHECK(rig.ups->opens >= 2);
}

TEST_CASE("Bad requests get clear errors - the agent keeps serving", "[agent]") {
  Rig rig;
  rig.start();
  CHECK(rig.ask({{"cmd", "nope"}}).message().find("unknown cmd") == 0);
  CHECK(rig.ask({{"cmd", "events"}, {"limit", "many"}}).message() == "limit must be a number");
  CHECK(rig.ask({{"cmd", "history"}, {"resolution", "weeks"}}).message().find("resolution") == 0);
  CHECK(rig.ask({{"cmd", "settings.set"}, {"settings", 5}}).message() == "settings must be an object");
  CHECK(rig.ask({{"cmd", "settings.set"}}).message().find("nothing to change") == 0);
  CHECK(rig.ask({{"cmd", "plan"}}));
  CHECK(rig.ask({{"cmd", "history"}, {"resolution", "s"}}));
  CHECK(rig.ask({{"cmd", "settings.get"}}).reply["policy"].contains("margin_s"));
}

TEST_CASE("A store that cannot be opened does not stop the agent - events stay in memory", "[agent]") {
  Rig rig;
  rig.config.state_dir = "/proc/aups-cannot-exist";
  rig.ups->reading.status.charge_pct = 4;
  rig.start();
  CHECK_FALSE(rig.agent->store_available());
  REQUIRE(rig.wait_event("store_failed"));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  rig.set([](UpsReading& r) { go_on_battery(r, 4); });
  REQUIRE(rig.wait_event("shutdown_started", 10));
  auto events = rig.ask({{"cmd", "events"}});
  REQUIRE(events);
  CHECK(events.reply["events"].size() >= 3);
}

TEST_CASE("The OS shutdown of an earlier boot is measured at the next start, or said why not", "[agent]") {
  Rig rig;
  {
    std::string error;
    auto store = agent::Store::open(rig.config.state_dir, &error);
    REQUIRE(store);
    // A shutdown that started in another boot, whose journal this machine does not have.
    store->put("os.shutdown_started", {{"t", 1000.0}, {"boot_id", "0123456789abcdef0123456789abcdef"}});
  }
  rig.start();
  REQUIRE(rig.wait_event("shutdown_measured"));
  bool said_why = false;
  for (auto& e : rig.agent->recent_events())
    if (e.kind == "shutdown_measured") said_why = e.message.find("could not be measured") != std::string::npos;
  CHECK(said_why);
  rig.agent->stop();
  std::string error;
  auto store = agent::Store::open(rig.config.state_dir, &error);
  REQUIRE(store);
  CHECK(store->get("os.shutdown_started")->is_null());  // measured once, not again
}
