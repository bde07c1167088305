// Building the overlay's state from the agent's JSON (docs/ipc.md) and intents into requests.
#include <catch2/catch.hpp>

#include "ui/controller.hpp"
#include "ui/overlay_state.hpp"
#include "ui/sample_state.hpp"

using namespace aups;
using namespace aups::ui;
using nlohmann::json;

TEST_CASE("a snapshot becomes the overlay state with NUT names, absent values stay absent") {
  json snap = sample_state_json("on_battery", 0)["snapshot"];
  snap["ups"].erase("battery.temperature");
  OverlayState s = apply_snapshot({}, snap, 50.0);
  CHECK(s.agent_reachable);
  CHECK(s.identity.model == "AUPS2-A20");
  CHECK(s.status.flags.has(StatusFlag::OB));
  CHECK(s.status.charge_pct == Approx(62));
  CHECK_FALSE(s.status.temperature_c.has_value());
  CHECK(s.source.simulated);
  CHECK(s.plan.action == "shutdown");
  REQUIRE(s.settings);
  CHECK(s.settings->dc_output_off_delay_s == 60);
  CHECK(on_battery(s));
  CHECK(*action_remaining_s(s, 60.0) == Approx(2302));
  CHECK_FALSE(critical(s, 60.0));
  CHECK(critical(s, 50.0 + 2312 - 59));
}

TEST_CASE("garbage from the agent keeps a safe state") {
  OverlayState s = apply_snapshot({}, json::array({1, 2}), 0);
  CHECK_FALSE(s.have_snapshot);
  s = apply_snapshot({}, json{{"ups", "nope"}, {"plan", {{"action_in_s", "soon"}}}, {"settings", {{"x", 1}}}}, 0);
  CHECK(s.have_snapshot);
  CHECK_FALSE(s.plan.action_in_s);
  CHECK_FALSE(s.settings);  // an unknown key: not settings we can show
  CHECK(events_from_json(json{{"t", 1}}).empty());
  CHECK(history_from_json(json::array({json{{"charge", 3}}, json{{"t", 5}, {"charge", 40}}})).size() == 1);
}

TEST_CASE("intents become the documented requests") {
  CHECK(request_for(Fetch{Fetch::Settings}) == json{{"cmd", "settings.get"}});
  CHECK(request_for(Fetch{Fetch::History, 1700.0}) == json{{"cmd", "history"}, {"since", 1700.0}});
  CHECK(request_for(Fetch{Fetch::Events}) == json{{"cmd", "events"}, {"limit", 100}});
  ApplyChanges a;
  a.network = {{"aups.net.dhcp", false}};
  a.policy = {{"margin_s", 180}};
  CHECK(request_for(a) == json{{"cmd", "settings.set"}, {"network", {{"aups.net.dhcp", false}}},
                               {"policy", {{"margin_s", 180}}}});
}

TEST_CASE("the controller follows the subscription: snapshots, events, agent going away") {
  struct Agent : AgentLink {
    Handlers h;
    json request(const json&) override { return json{{"ok", false}, {"error", "down"}}; }
    void subscribe(Handlers x) override { h = x; }
  } agent;
  ManualClock clock(10);
  int wakes = 0;
  OverlayController c(agent, clock, [&] { ++wakes; });
  c.start(false);
  auto v0 = c.version();
  agent.h.on_snapshot(sample_state_json("online", 0)["snapshot"]);
  CHECK(c.state().agent_reachable);
  CHECK(c.version() > v0);
  CHECK(wakes >= 1);
  agent.h.on_event(json{{"t", 5.0}, {"kind", "mains_lost"}, {"severity", "warning"}, {"message", "Mains lost"}});
  REQUIRE(c.state().events.size() == 1);
  CHECK(c.state().events[0].kind == "mains_lost");
  agent.h.on_connection(false);
  CHECK_FALSE(c.state().agent_reachable);
  c.run_pending();  // the initial settings.get fails: nothing changes, nothing crashes
  CHECK_FALSE(c.state().agent_reachable);
}
