// aupsd reading the simulator over SNMP (issue 7, "What it must show"): an outage drill where
// the OS is down before the simulated battery reaches 2 %.
#include <catch2/catch.hpp>

#include "agent_rig.hpp"
#include "snmp/child_process.hpp"  // free_port
#include "snmp/snmp_session.hpp"

using namespace aups;
using namespace aups::e2e;
using nlohmann::json;

namespace {

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// upsEstimatedChargeRemaining (whole %) read straight from the simulator, or -1.
int sim_charge(snmp::SnmpSession& s) {
  snmp::SnmpVarbinds v;
  if (s.walk("1.3.6.1.2.1.33.1.2.4", v) || v.empty() || !v.begin()->second.number) return -1;
  return static_cast<int>(*v.begin()->second.number);
}

}  // namespace

TEST_CASE("SNMP outage drill: the dry-run shutdown has the OS down before the simulator reaches 2 %", "[e2e][agent][snmp]") {
  AgentRig rig;
  const int port = test::free_port();
  const double os_shutdown_s = 3;
  rig.start_sim(7, 10, 2, {"--snmp-port", std::to_string(port)});
  // The UPS sleeps at 5 % by default: a sleep that takes as long as the shutdown makes the
  // runtime rule (a shutdown) come first. margin_s is in the simulator's time (see below).
  const std::string os = std::to_string(os_shutdown_s);
  rig.write_config("", "margin_s = 150\nshutdown_duration_s = " + os + "\nsleep_duration_s = " + os + "\n",
                   "snmp://public@127.0.0.1:" + std::to_string(port));
  rig.start_agent();

  // The test's own reader of the simulator, independent of the agent: (wall time, charge).
  snmp::SnmpSession sim(snmp::SnmpTarget{"public", "127.0.0.1", port, snmp::SnmpVersion::V2c}, 0.3, 1);
  REQUIRE_FALSE(sim.open());
  std::vector<std::pair<double, int>> charge;
  double shutdown_t = -1;
  json shutdown;
  const double start = unix_now();
  while (unix_now() - start < 18) {
    int c = sim_charge(sim);
    if (c >= 0) charge.emplace_back(unix_now(), c);
    if (shutdown_t < 0)
      for (auto& e : rig.events())
        if (e.value("kind", "") == "shutdown_started") {
          shutdown = e;
          shutdown_t = e["t"].get<double>();
        }
    if (c >= 0 && (c <= 2 || (shutdown_t > 0 && unix_now() >= shutdown_t + os_shutdown_s))) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  auto status = rig.status();
  INFO("agent log:\n" << std::ifstream(rig.path("aupsd.log")).rdbuf());
  std::string trace;
  for (auto& [t, c] : charge) trace += std::to_string(t - start).substr(0, 5) + "s:" + std::to_string(c) + "% ";
  INFO("sim charge: " << trace);
  INFO("shutdown_started at +" << shutdown_t - start << " s");
  CHECK(status["source"]["transport"] == "snmp");
  REQUIRE(shutdown_t > 0);
  CHECK(shutdown["data"]["dry_run"] == true);
  CHECK(shutdown["data"]["plan"]["action"] == "shutdown");
  REQUIRE(!charge.empty());
  // The agent's timestamp plus the (simulated) OS shutdown time, against the simulator's own
  // charge read at that moment by this test: the agent's view is not trusted for the proof.
  const double down_t = shutdown_t + os_shutdown_s;
  int at_down = -1;
  for (auto& [t, c] : charge)  // the first reading at or after that moment (the charge only falls)
    if (t >= down_t) {
      at_down = c;
      break;
    }
  CHECK(at_down > 2);
}
