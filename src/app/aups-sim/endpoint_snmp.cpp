// --snmp-port N [--snmp-community C] [--snmp-address A]: the simulated AUPS2-A20's network card,
// serving its live state as RFC 1628 UPS-MIB, read-only, SNMP v1/v2c (manual 4.5), through
// net-snmp's agent library embedded in this process (no /etc/snmp, no root).
#include <iostream>
#include <memory>
#include <stdexcept>

#include "app/aups-sim/endpoint.hpp"
#include "sim/scenario.hpp"
#include "sim/simulator.hpp"
#include "sim/ups_mib.hpp"
#include "snmp/mib_agent.hpp"

namespace aups::sim {
namespace {

struct SnmpOptions {
  int port = 0;
  std::string community = "public";
  std::string address = "127.0.0.1";
};
SnmpOptions g_options;

class SnmpEndpoint final : public Endpoint {
 public:
  SnmpEndpoint(std::unique_ptr<snmp::MibAgent> agent, Simulator& sim) : agent_(std::move(agent)) {
    card_.observe(sim);
    agent_->publish(card_.table(sim));
  }
  std::vector<int> fds() const override { return agent_->fds(); }
  void service(Simulator&) override { agent_->service(); }
  void on_step(Simulator& sim) override {
    card_.observe(sim);
    agent_->publish(card_.table(sim));
    agent_->service();  // net-snmp timers; never blocks
  }

 private:
  std::unique_ptr<snmp::MibAgent> agent_;
  UpsMibCard card_;
};

RegisterEndpoint reg({
    "snmp",
    [](CLI::App& app) {
      app.add_option("--snmp-port", g_options.port, "serve UPS-MIB (SNMP v1/v2c, read-only) on this UDP port")
          ->check(CLI::Range(1, 65535));
      app.add_option("--snmp-community", g_options.community, "SNMP read community")->capture_default_str();
      app.add_option("--snmp-address", g_options.address, "address to listen on")->capture_default_str();
    },
    [](ScenarioRunner& runner) -> std::unique_ptr<Endpoint> {
      if (g_options.port == 0) return nullptr;
      snmp::MibAgentOptions o;
      o.app_name = "aups-sim";
      o.roots = {"1.3.6.1.2.1.1", "1.3.6.1.2.1.33"};
      o.community = g_options.community;
      o.listen = "udp:" + g_options.address + ":" + std::to_string(g_options.port);
      auto agent = snmp::MibAgent::start_master(o);
      if (auto* err = std::get_if<std::string>(&agent)) throw std::runtime_error("SNMP: " + *err);
      std::cerr << "aups-sim: SNMP UPS-MIB on " << o.listen << " (community '" << o.community << "')\n";
      return std::make_unique<SnmpEndpoint>(std::move(std::get<std::unique_ptr<snmp::MibAgent>>(agent)), runner.sim());
    },
});

}  // namespace
}  // namespace aups::sim
