#pragma once
// What the simulated device speaks through: HID over a socket, SNMP, ... Each endpoint kind
// lives in its own file in this folder and registers itself; main.cpp only runs the loop.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace aups::sim {

class Simulator;
class ScenarioRunner;

class Endpoint {
 public:
  virtual ~Endpoint() = default;
  // File descriptors the main loop waits on (readable = call service()).
  virtual std::vector<int> fds() const = 0;
  // Handles pending I/O without blocking (requests from clients).
  virtual void service(Simulator& sim) = 0;
  // Called after every simulation step: push what changed (e.g. HID Input reports).
  virtual void on_step(Simulator& sim) = 0;
  // True when service() took a command that changes the simulation (the control endpoint): the
  // loop then steps at once, so the change shows now rather than at the next simulated second.
  virtual bool wants_step() const { return false; }
};

struct EndpointKind {
  std::string name;
  std::function<void(CLI::App&)> add_options;               // e.g. --hid-socket PATH
  // nullptr when not requested. The device endpoints use runner.sim(); the control endpoint
  // holds the runner's environment.
  std::function<std::unique_ptr<Endpoint>(ScenarioRunner&)> make;
};
std::vector<EndpointKind>& endpoint_kinds();

struct RegisterEndpoint {
  explicit RegisterEndpoint(EndpointKind kind) { endpoint_kinds().push_back(std::move(kind)); }
};

}  // namespace aups::sim
