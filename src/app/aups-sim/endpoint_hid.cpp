// --hid-socket PATH: the simulated AUPS2-A20's USB HID interface, carried over a Unix socket
// (docs/hid-transport.md): the descriptor of docs/hid-vendor-page.md, Get/Set Feature answered
// by the simulated firmware, Input reports pushed whenever the simulator's state changes.
// Hosts connect with the URI sim://PATH.
#include <iostream>
#include <memory>

#include "app/aups-sim/endpoint.hpp"
#include "hid/hid_socket_server.hpp"
#include "sim/hid_firmware.hpp"
#include "sim/scenario.hpp"
#include "sim/simulator.hpp"

namespace aups::sim {
namespace {

std::string g_socket_path;

class HidEndpoint final : public Endpoint {
 public:
  HidEndpoint(Simulator& sim, const std::string& path)
      : firmware_(sim), server_(path, firmware_), revision_(sim.revision()) {
    server_.push_changed_inputs();  // primes the firmware's last-sent reports
  }
  std::vector<int> fds() const override { return server_.fds(); }
  void service(Simulator&) override { server_.service(); }
  void on_step(Simulator& sim) override {
    if (sim.revision() == revision_) return;  // nothing visible changed
    revision_ = sim.revision();
    server_.push_changed_inputs();
  }

 private:
  Aups2HidFirmware firmware_;
  hid::HidSocketServer server_;
  std::uint64_t revision_;
};

RegisterEndpoint reg({
    "hid",
    [](CLI::App& app) {
      app.add_option("--hid-socket", g_socket_path,
                     "serve the AUPS2-A20's USB HID interface on this Unix socket (host URI sim://PATH)");
    },
    [](ScenarioRunner& runner) -> std::unique_ptr<Endpoint> {
      if (g_socket_path.empty()) return nullptr;
      auto ep = std::make_unique<HidEndpoint>(runner.sim(), g_socket_path);
      std::cerr << "aups-sim: HID (AUPS2-A20 descriptor) on sim://" << g_socket_path << "\n";
      return ep;
    },
});

}  // namespace
}  // namespace aups::sim
