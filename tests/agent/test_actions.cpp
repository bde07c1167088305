#include <catch2/catch.hpp>

#include <fstream>
#include <thread>

#include "agent/actions.hpp"
#include "platform/atomic_file.hpp"
#include "temp_dir.hpp"

using namespace aups;
using namespace aups::agent;

namespace {
bool wait_file(const std::string& path, double s = 5) {
  for (int i = 0; i < s * 100; ++i) {
    if (std::ifstream(path).good()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}
std::string slurp(const std::string& path) { return platform::read_file(path).value_or(""); }
}  // namespace

TEST_CASE("Hooks get the event as AUPS_* variables", "[actions]") {
  Event e{1764075600.5, "mains_lost", "warning", "mains power lost", {{"charge", 83.5}, {"who", "root"}}};
  auto env = hook_environment(e);
  auto get = [&](const std::string& k) {
    for (auto& [name, v] : env) if (name == k) return v;
    return std::string("<missing>");
  };
  CHECK(get("AUPS_EVENT") == "mains_lost");
  CHECK(get("AUPS_SEVERITY") == "warning");
  CHECK(get("AUPS_MESSAGE") == "mains power lost");
  CHECK(get("AUPS_CHARGE") == "83.5");
  CHECK(get("AUPS_WHO") == "root");
  CHECK(nlohmann::json::parse(get("AUPS_DATA"))["charge"] == 83.5);
}

TEST_CASE("A hook runs off the caller's thread - a hung one is killed and reported", "[actions]") {
  test::TempDir dir;
  const std::string out = dir / "hook.out", hook = dir / "hook.sh", slow = dir / "slow.sh";
  std::ofstream(hook) << "#!/bin/sh\necho \"$AUPS_EVENT|$AUPS_MESSAGE\" > " << out << "\n";
  std::ofstream(slow) << "#!/bin/sh\nsleep 30\n";
  ::chmod(hook.c_str(), 0755);
  ::chmod(slow.c_str(), 0755);
  std::mutex mu;
  std::vector<Event> reported;
  Actions actions({false, {}, {}, {slow, hook}, 0.3, "", {}}, [&](Event e) {
    std::lock_guard lock(mu);
    reported.push_back(e);
  });
  const auto t0 = std::chrono::steady_clock::now();
  actions.run_hooks(Event{1, "shutdown_started", "critical", "bye", {}});
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(100));  // never blocks
  REQUIRE(wait_file(out));
  CHECK(slurp(out) == "shutdown_started|bye\n");
  std::lock_guard lock(mu);
  REQUIRE(reported.size() == 1);
  CHECK(reported[0].kind == "hook_failed");
  CHECK(reported[0].message.find("timed out") != std::string::npos);
}

TEST_CASE("Shutdown through a configured command, and the kill-power flag", "[actions]") {
  test::TempDir dir;
  const std::string marker = dir / "off";
  ActionsConfig c{false, {"/bin/sh", "-c", "echo poweroff > " + marker}, {}, {}, 1, dir / "run/killpower", {}};
  Actions actions(c, [](Event) {});
  CHECK(actions.shutdown().find("/bin/sh -c") == 0);
  REQUIRE(wait_file(marker));
  REQUIRE_FALSE(actions.arm_kill_power(45, "sim:///x.sock"));
  auto flag = nlohmann::json::parse(slurp(dir / "run/killpower"));
  CHECK(flag["delay_s"] == 45);
  CHECK(flag["device"] == "sim:///x.sock");
  actions.disarm_kill_power();
  CHECK_FALSE(std::ifstream(dir / "run/killpower").good());
}

TEST_CASE("Dry run says what it would do and does nothing", "[actions]") {
  test::TempDir dir;
  const std::string marker = dir / "off";
  Actions actions({true, {"/bin/sh", "-c", "touch " + marker}, {}, {}, 1, dir / "killpower", {}}, [](Event) {});
  CHECK(actions.shutdown() == "dry run: would run /bin/sh -c touch " + marker);
  CHECK(actions.sleep().rfind("dry run: would run systemd-logind", 0) == 0);
  REQUIRE_FALSE(actions.arm_kill_power(60, "x"));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK_FALSE(std::ifstream(marker).good());
  CHECK_FALSE(std::ifstream(dir / "killpower").good());
}

TEST_CASE("A failing shutdown command becomes a critical event", "[actions]") {
  std::mutex mu;
  std::vector<Event> reported;
  Actions actions({false, {"/nonexistent/poweroff"}, {}, {}, 1, "", {}}, [&](Event e) {
    std::lock_guard lock(mu);
    reported.push_back(e);
  });
  actions.shutdown();
  for (int i = 0; i < 300 && !actions.idle(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::lock_guard lock(mu);
  REQUIRE(reported.size() == 1);
  CHECK(reported[0].kind == "action_failed");
  CHECK(reported[0].severity == "critical");
}

TEST_CASE("A shutdown that does not start is escalated through the fallbacks, each step an event", "[actions]") {
  test::TempDir dir;
  const std::string marker = dir / "off";
  std::mutex mu;
  std::vector<Event> reported;
  ActionsConfig c{false, {"/nonexistent/poweroff"}, {}, {}, 1, "", {}};
  c.shutdown_fallbacks = {{"/bin/false"}, {"/bin/sh", "-c", "echo down > " + marker}};
  Actions actions(c, [&](Event e) {
    std::lock_guard lock(mu);
    reported.push_back(e);
  });
  actions.shutdown();
  REQUIRE(wait_file(marker));
  for (int i = 0; i < 300 && !actions.idle(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  std::lock_guard lock(mu);
  REQUIRE(reported.size() == 2);  // the command, then /bin/false; the third way worked
  CHECK(reported[0].message.find("trying /bin/false") != std::string::npos);
  CHECK(reported[1].message.find("trying /bin/sh") != std::string::npos);
}

TEST_CASE("A reload cannot end a dry run", "[actions]") {
  test::TempDir dir;
  const std::string marker = dir / "off";
  Actions actions({true, {"/bin/sh", "-c", "touch " + marker}, {}, {}, 1, dir / "killpower", {}}, [](Event) {});
  actions.set_config({false, {"/bin/sh", "-c", "touch " + marker}, {}, {}, 1, dir / "killpower", {}});
  CHECK(actions.dry_run());
  CHECK(actions.shutdown().rfind("dry run", 0) == 0);
  bool armed_called = false;
  CHECK_FALSE(actions.arm_output_off([&] { armed_called = true; return std::optional<std::string>(); }));
  CHECK_FALSE(armed_called);  // the UPS output-off is never sent in a dry run
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK_FALSE(std::ifstream(marker).good());
}
