// Headless view tests: simulated touches on the real views, assertions on what they expose
// (presentation, intents, traced targets and notices).
#include <cmath>

#include "core/clock.hpp"
#include "harness.hpp"
#include "ui/controller.hpp"
#include "ui/pages.hpp"

using namespace aups;
using namespace aups::ui;
using namespace aups::ui::test;
using nlohmann::json;

namespace {
void require_touch_sized(const Harness& h) {
  for (auto& t : h.ui.trace.targets) {
    INFO("target " << t.id << " is " << t.max.x - t.min.x << " x " << t.max.y - t.min.y);
    CHECK(t.max.x - t.min.x >= kMinTarget - 0.5f);
    CHECK(t.max.y - t.min.y >= kMinTarget - 0.5f);
  }
}
}  // namespace

TEST_CASE("pill expands on a tap and every tab opens, with touch-sized targets") {
  Harness h;
  REQUIRE(h.last.presentation == Presentation::Pill);
  require_touch_sized(h);
  h.tap("pill");
  REQUIRE(h.last.presentation == Presentation::Panel);
  CHECK(h.intents_of<Fetch>().size() >= 1);
  for (const Page& page : pages()) {
    h.intents.clear();
    const bool opened = h.ui.tab != page.id;  // the first page is shown already
    if (opened) h.tap(std::string("tab:") + page.id);
    CHECK(h.ui.tab == page.id);
    h.frame();
    require_touch_sized(h);
    INFO("page " << page.id);
    CHECK(h.intents_of<Fetch>().size() == (opened && page.fetches ? 1u : 0u));
    for (auto& f : h.intents_of<Fetch>()) CHECK(f.what == *page.fetches);  // what its row says
    if (page.id == std::string_view("history")) {
      auto f = h.intents_of<Fetch>();
      REQUIRE(f.size() == 1);
      CHECK(f[0].what == Fetch::History);
      CHECK(f[0].since_s == Approx(h.unix_s - 3600));
    }
  }
  h.tap("panel:close");
  CHECK(h.last.presentation == Presentation::Pill);
}

TEST_CASE("a settings change is staged, shown as a diff, confirmed with the PIN and sent exactly") {
  Harness h;
  h.ui.expanded = true;
  h.ui.tab = "settings";
  h.frame();
  h.tap("ups.beeper.status");
  REQUIRE(h.ui.staged_settings);
  CHECK_FALSE(h.ui.staged_settings->buzzer);
  CHECK(h.s.settings->buzzer);  // the UPS's value is untouched until it reads back
  h.tap("ups.delay.shutdown:plus");
  h.tap("settings:review");
  REQUIRE(h.ui.step == UiState::Step::Review);
  CHECK(h.ui.trace.has_notice("Buzzer:  on  \u2192  off"));
  CHECK(h.ui.trace.has_notice("DC output off delay:  60 s  \u2192  70 s"));
  // Apply without a PIN does nothing; then type 2-4-6-8 on the keypad.
  h.tap("key:done");
  CHECK(h.intents_of<ApplyChanges>().empty());
  for (const char* k : {"key:2", "key:4", "key:6", "key:9", "key:back", "key:8"}) h.tap(k);
  h.tap("key:done");
  auto applied = h.intents_of<ApplyChanges>();
  REQUIRE(applied.size() == 1);

  FakeAgent agent;
  agent.reply = [](const json& r) {
    json settings = {{"ups.beeper.status", "disabled"}, {"aups.lan.enabled", true}, {"aups.output.enabled", true},
                     {"aups.output.always_on_with_input", true}, {"ups.delay.shutdown", 70},
                     {"aups.sleep_at_5pct", true}, {"aups.shutdown_at_2pct", true}};
    return r["cmd"] == "settings.set" ? json{{"ok", true}, {"settings", settings}} : json{{"ok", true}};
  };
  ManualClock clock(h.now);
  OverlayController c(agent, clock);
  c.on_snapshot(sample_state_json("online", h.unix_s)["snapshot"]);
  c.submit({applied[0]});
  c.run_pending();
  REQUIRE(agent.requests.size() == 1);
  CHECK(agent.requests[0] == json{{"cmd", "settings.set"},
                                  {"settings", {{"ups.beeper.status", "disabled"}, {"ups.delay.shutdown", 70}}},
                                  {"pin", "2468"}});
  // The overlay shows what the UPS read back.
  OverlayState after = c.state();
  CHECK_FALSE(after.settings->buzzer);
  CHECK(after.settings->dc_output_off_delay_s == 70);
  CHECK(after.write_error.empty());
  CHECK_FALSE(h.ui.staged_settings);
}

TEST_CASE("a privileged user applies without a PIN; the request carries none") {
  Harness h;
  h.s.privileged = true;
  h.ui.expanded = true;
  h.ui.tab = "settings";
  h.frame();
  h.tap("aups.lan.enabled");
  h.tap("settings:review");
  CHECK(h.ui.trace.find("key:1") == nullptr);  // no keypad
  h.tap("review:apply");
  auto applied = h.intents_of<ApplyChanges>();
  REQUIRE(applied.size() == 1);
  CHECK(request_for(applied[0]) == json{{"cmd", "settings.set"}, {"settings", {{"aups.lan.enabled", false}}}});
}

TEST_CASE("a failed settings write keeps and shows the old value") {
  FakeAgent agent;
  agent.reply = [](const json& r) {
    if (r["cmd"] == "settings.set") return json{{"ok", false}, {"error", "UPS did not confirm the buzzer"}};
    return json{{"ok", true}, {"settings", {{"ups.beeper.status", "enabled"}}}};
  };
  ManualClock clock(1000);
  OverlayController c(agent, clock);
  c.on_snapshot(sample_state_json("online", 0)["snapshot"]);
  ApplyChanges a;
  a.settings = {{"ups.beeper.status", "disabled"}};
  a.pin = "1234";
  c.submit({a});
  c.run_pending();
  REQUIRE(agent.requests.size() == 2);
  CHECK(agent.requests[1] == json{{"cmd", "settings.get"}});  // read back what the UPS holds
  Harness h;
  h.s = c.state();
  CHECK(h.s.settings->buzzer);
  h.ui.expanded = true;
  h.ui.tab = "settings";
  h.frame();
  CHECK(h.ui.trace.has_notice("Settings write failed: UPS did not confirm the buzzer"));
}

TEST_CASE("an invalid IP address is marked and blocks Apply") {
  Harness h;
  h.ui.expanded = true;
  h.ui.tab = "network";
  h.frame();
  h.tap("net:ip");
  REQUIRE(h.ui.editor.kind == Editor::Ipv4);
  for (int i = 0; i < 15; ++i) h.tap("key:back");
  for (const char* k : {"key:3", "key:0", "key:0", "key:.", "key:1", "key:.", "key:1", "key:.", "key:7"}) h.tap(k);
  CHECK(h.ui.trace.has_notice("Four numbers"));
  h.tap("key:done");
  REQUIRE(h.ui.staged_network);
  CHECK(h.ui.staged_network->ip == "300.1.1.7");
  CHECK(h.ui.trace.has_notice("Cannot apply: IP address must be four numbers"));
  CHECK_FALSE(h.target("net:apply").enabled);
  h.tap("net:apply");
  CHECK(h.ui.step == UiState::Step::Edit);
  CHECK(h.intents_of<ApplyChanges>().empty());

  // Fixing it enables Apply, and only the changed field is sent.
  h.tap("net:ip");
  for (int i = 0; i < 15; ++i) h.tap("key:back");
  for (const char* k : {"key:1", "key:9", "key:2", "key:.", "key:1", "key:6", "key:8", "key:.", "key:1", "key:.", "key:7"})
    h.tap(k);
  h.tap("key:done");
  CHECK(h.target("net:apply").enabled);
  h.tap("net:apply");
  CHECK(h.ui.step == UiState::Step::Review);
  CHECK(h.ui.review.network == json{{"aups.net.ip", "192.168.1.7"}});
}

TEST_CASE("the host name is typed on the on-screen keyboard and SET alone") {
  Harness h;
  h.ui.expanded = true;
  h.ui.tab = "network";
  h.frame();
  h.tap("net:hostname");
  REQUIRE(h.ui.editor.kind == Editor::Hostname);
  for (int i = 0; i < 5; ++i) h.tap("key:back");
  for (const char* k : {"key:k", "key:i", "key:o", "key:s", "key:k", "key:-", "key:7"}) h.tap(k);
  h.tap("key:done");
  h.tap("net:set");
  CHECK(h.ui.review.network == json{{"aups.net.hostname", "kiosk-7"}});
}

TEST_CASE("on battery the banner shows the countdown, reason, load and charge") {
  Harness h("on_battery");
  REQUIRE(h.last.presentation == Presentation::Banner);
  CHECK(h.ui.trace.has_notice("On battery \u2014 shutting down in 38:32"));
  CHECK(h.ui.trace.has_notice("predicted time to 2 %"));
  h.now += 10;
  h.frame();
  CHECK(h.ui.trace.has_notice("shutting down in 38:22"));
  require_touch_sized(h);
  // Mains back: the pill returns.
  h.s = state_from_json(sample_state_json("online", h.unix_s), h.now, h.unix_s);
  CHECK(h.frame() == Presentation::Pill);
}

TEST_CASE("the critical modal is not dismissed by a tap, only by press-and-hold, and comes back") {
  Harness h("critical");
  REQUIRE(h.last.presentation == Presentation::Critical);
  CHECK(h.ui.trace.has_notice("save your work"));
  CHECK(h.ui.trace.has_notice("countdown 00:42"));
  h.tap("critical:hold");
  CHECK(h.frame() == Presentation::Critical);
  h.hold("critical:hold", 1.0);  // not long enough
  CHECK(h.frame() == Presentation::Critical);
  h.hold("critical:hold", 2.2);
  CHECK(h.frame() != Presentation::Critical);
  h.now += 21;
  CHECK(h.frame() == Presentation::Critical);
}

TEST_CASE("agent down and stale data are drawn unmistakably") {
  {
    Harness h;
    h.s.agent_reachable = false;
    h.frame();
    CHECK(h.ui.trace.has_notice("power protection is not running"));
    h.ui.expanded = true;
    h.frame();
    CHECK(h.ui.trace.has_notice("Power protection is not running"));
  }
  {
    Harness st;
    st.s.source.stale = true;
    st.s.source.age_s = 42;
    st.frame();
    CHECK(st.ui.trace.has_notice("stale"));
    st.ui.expanded = true;
    st.now += 3;
    st.frame();
    CHECK(st.ui.trace.has_notice("last update 45 s ago"));
  }
  {  // On battery with no agent is not a banner: nothing is protecting the machine.
    Harness down("on_battery");
    down.s.agent_reachable = false;
    CHECK(down.frame() == Presentation::Pill);
    CHECK(down.ui.trace.has_notice("power protection is not running"));
  }
}

TEST_CASE("idle costs no frames; countdowns, blinks and holds ask for their next tick") {
  {
    Harness h;
    CHECK(std::isinf(next_deadline_s(h.s, h.ui, h.now)));
    h.ui.expanded = true;
    h.ui.tab = "diagnostics";  // charging: the yellow LED blinks slowly
    CHECK(next_deadline_s(h.s, h.ui, h.now + 0.2) == Approx(1000.5));
  }
  {
    Harness b("on_battery");
    // 2312 s at 1000.0: the shown second changes at 1001.0.
    CHECK(next_deadline_s(b.s, b.ui, b.now + 0.25) == Approx(b.now + 1.0));
  }
}

TEST_CASE("a policy change (runtime margin) goes to the agent as policy, with the PIN") {
  Harness h;
  h.ui.expanded = true;
  h.ui.tab = "settings";
  h.frame();
  CHECK(h.ui.trace.find("policy:debounce_s:plus") == nullptr);  // only margin and floors by touch
  h.tap("policy:margin_s:plus");
  h.tap("settings:review");
  CHECK(h.ui.trace.has_notice("Runtime margin:  120 s  \u2192  130 s"));
  for (const char* k : {"key:1", "key:2", "key:3", "key:4", "key:done"}) h.tap(k);
  auto applied = h.intents_of<ApplyChanges>();
  REQUIRE(applied.size() == 1);
  CHECK(request_for(applied[0]) == json{{"cmd", "settings.set"}, {"policy", {{"margin_s", 130.0}}}, {"pin", "1234"}});
}
