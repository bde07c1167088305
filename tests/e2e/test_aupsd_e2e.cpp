// aupsd end to end with the real aups-sim and aupsctl processes (issue 5, "What it must show").
#include <catch2/catch.hpp>

#include "agent_rig.hpp"

using namespace aups::e2e;
using nlohmann::json;

TEST_CASE("Low battery, mains lost: the dry-run shutdown fires, is stored, and status --json shows it", "[e2e][agent]") {
  AgentRig rig;
  rig.start_sim(9, 20, 20);
  rig.write_config();
  rig.start_agent();
  REQUIRE(wait_for([&] { return rig.status().value("source", json()).value("connected", false); }, 15));
  json s = rig.status();
  CHECK(s["source"]["simulated"] == true);
  CHECK(s["ups"]["ups.model"] == "AUPS2-A20");

  REQUIRE(wait_for([&] { return rig.count("shutdown_started") == 1; }, 60));
  CHECK(wait_for([&] { return (s = rig.status())["plan"]["state"] == "poweroff_armed"; }, 10));
  CHECK(s["plan"]["dry_run"] == true);
  CHECK(s["plan"]["action"] == "shutdown");
  CHECK(rig.count("mains_lost") == 1);
  CHECK_FALSE(std::filesystem::exists(rig.path("killpower")));  // dry run arms nothing
  CHECK(std::filesystem::exists(rig.path("state/aups.db")));
  auto plan = rig.ctl({"plan"});
  CHECK(plan.status == 0);
  CHECK(plan.out.find("Why:") != std::string::npos);

  SECTION("kill -9 during the outage: restarted, it resumes the plan without losing events") {
    const int before = static_cast<int>(rig.events().size());
    rig.agent.kill(SIGKILL);
    rig.start_agent();
    REQUIRE(wait_for([&] { return rig.count("agent_started") == 2; }, 15));
    CHECK(rig.count("shutdown_started") == 1);  // stored, and not repeated in a dry run
    CHECK(rig.count("mains_lost") == 1);
    REQUIRE(wait_for([&] {
      auto p = rig.status()["plan"]["state"];
      return p == "shutdown_started" || p == "poweroff_armed";
    }, 30));
    CHECK(rig.count("plan_resumed") == 1);
    CHECK(static_cast<int>(rig.events().size()) > before);
  }
}

TEST_CASE("Settings: refused without group or PIN, applied with the PIN and read back from the UPS", "[e2e][agent]") {
  AgentRig rig;
  rig.start_sim(80, 1, 100000);
  auto hashed = run({bin_dir() + "/aupsd", "--hash-pin"});  // no stdin: too short, refused
  CHECK(hashed.status != 0);
  // Hash the PIN through the real binary (stdin from a file).
  std::ofstream(rig.path("pin.txt")) << "2468\n";
  auto h = run({"/bin/sh", "-c", bin_dir() + "/aupsd --hash-pin < " + rig.path("pin.txt")});
  REQUIRE(h.status == 0);
  std::string hash = h.out.substr(0, h.out.find('\n'));
  REQUIRE(hash.rfind("$argon2", 0) == 0);
  rig.write_config("pin_hash = \"" + hash + "\"\nadmin_group = \"aups-admin-e2e-none\"");
  rig.start_agent();
  REQUIRE(wait_for([&] { return rig.status()["settings"].contains("ups.delay.shutdown"); }, 15));

  const int nobody = 65534;
  auto read_ok = rig.ctl({"status", "--json"}, nobody);
  CHECK(read_ok.status == 0);  // anyone may read

  // settings.get says who may skip the PIN (SO_PEERCRED, the same rule as settings.set).
  auto privileged = [&](int uid) {
    auto o = rig.ctl({"settings", "get", "--json"}, uid);
    auto j = json::parse(o.out, nullptr, false);
    return j.is_object() && j.contains("privileged") ? j["privileged"] : json();
  };
  CHECK(privileged(-1) == true);  // this test runs as root
  CHECK(privileged(nobody) == false);

  auto refused = rig.ctl({"settings", "set", "ups.delay.shutdown=90"}, nobody);
  CHECK(refused.status == 1);
  CHECK(refused.out.find("permission denied") != std::string::npos);

  auto wrong = rig.ctl({"settings", "set", "ups.delay.shutdown=90", "--pin", "1111"}, nobody);
  CHECK(wrong.status == 1);
  CHECK(wrong.out.find("wrong PIN") != std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the first lockout is 1 s

  auto applied = rig.ctl({"settings", "set", "ups.delay.shutdown=90", "--pin", "2468", "--json"}, nobody);
  INFO(applied.out);
  REQUIRE(applied.status == 0);
  CHECK(json::parse(applied.out)["settings"]["ups.delay.shutdown"] == 90);
  // Read back through a fresh status (the agent's reading of the simulated UPS).
  CHECK(wait_for([&] { return rig.status()["settings"].value("ups.delay.shutdown", 0) == 90; }, 10));
  auto events = rig.events();
  bool audited = false;
  for (auto& e : events)
    if (e["kind"] == "settings_changed")
      audited = e["data"]["who"].get<std::string>().find("via PIN") != std::string::npos &&
                e["data"]["old"]["ups.delay.shutdown"] != 90 && e["data"]["new"]["ups.delay.shutdown"] == 90;
  CHECK(audited);
  CHECK(rig.count("pin_failed") == 1);
}

TEST_CASE("A bad config at start is a clear error with file:line - SIGHUP with a bad file keeps the old one", "[e2e][agent]") {
  AgentRig rig;
  std::ofstream(rig.path("bad.toml")) << "device = \"sim:///x\"\n[ipc]\nmax_clients = \"lots\"\n";
  auto bad = run({bin_dir() + "/aupsd", "--config", rig.path("bad.toml")});
  CHECK(bad.status == 2);
  CHECK(bad.out.find(rig.path("bad.toml") + ":3:") != std::string::npos);

  rig.start_sim(80, 1, 100000);
  rig.write_config();
  rig.start_agent();
  REQUIRE(wait_for([&] { return rig.count("agent_started") == 1; }, 10));
  std::ofstream(rig.path("aupsd.toml"), std::ios::app) << "margin_s = 1\n";  // lands in [policy]: fine
  ::kill(rig.agent.pid, SIGHUP);
  REQUIRE(wait_for([&] { return rig.count("config_reloaded") == 1; }, 10));
  auto margin = [&] {
    auto j = json::parse(rig.ctl({"settings", "get", "--json"}).out, nullptr, false);
    return j.is_object() ? j["policy"].value("margin_s", -1.0) : -1.0;
  };
  CHECK(wait_for([&] { return margin() == 1; }, 5));
  std::ofstream(rig.path("aupsd.toml"), std::ios::app) << "bogus_key = 1\n";
  ::kill(rig.agent.pid, SIGHUP);
  REQUIRE(wait_for([&] { return rig.count("config_rejected") == 1; }, 10));
  CHECK(rig.agent.running());
  CHECK(margin() == 1);
}

TEST_CASE("Kill-power: with the flag armed, aupsd --kill-power switches the simulated UPS output off", "[e2e][agent]") {
  AgentRig rig;
  rig.start_sim(80, 1, 100000);
  rig.write_config();
  auto not_armed = run({bin_dir() + "/aupsd", "--kill-power", "--config", rig.path("aupsd.toml")});
  CHECK(not_armed.status == 0);
  CHECK(not_armed.out.find("not armed") != std::string::npos);
  std::ofstream(rig.path("killpower")) << R"({"delay_s": 1, "device": "sim"})" << "\n";
  auto armed = run({bin_dir() + "/aupsd", "--kill-power", "--config", rig.path("aupsd.toml")});
  INFO(armed.out);
  CHECK(armed.status == 0);
  CHECK(wait_for([&] {
    std::ifstream log(rig.path("sim.log"));
    std::string text((std::istreambuf_iterator<char>(log)), {});
    return text.find("output_off") != std::string::npos;
  }, 10));
}
